// The micro-kernels, one per instruction set, and the run-time dispatch.
//
// Each wrapper below inlines the same `micro_kernel` template under a
// different `target` attribute, so the binary holds all three variants while
// being compiled without -march flags: it loads on any x86-64 (or other)
// CPU, and `best_kernel()` asks the CPU once which variant it can run.
#include "kernels.h"

namespace tsnets {
namespace {

typedef float v4f __attribute__((vector_size(16)));

// Portable: 4-lane vectors (SSE2 on x86-64, NEON on arm64), 6 x 8 tile.
// 12 accumulators + 2 B vectors + 1 broadcast fit 16 registers.
void kernel_portable(long kc, const float *a, const float *b, long ldb, float *c, long ldc, float alpha, float beta) {
  micro_kernel<v4f, 6, 2>(kc, a, b, ldb, c, ldc, alpha, beta);
}

#if defined(__x86_64__) || defined(__i386__)
typedef float v8f __attribute__((vector_size(32)));
typedef float v16f __attribute__((vector_size(64)));

// AVX2 + FMA: 6 x 16 tile, 12 ymm accumulators of 16 registers.
__attribute__((target("avx2,fma"))) void kernel_avx2(long kc, const float *a, const float *b, long ldb, float *c, long ldc,
                                                     float alpha, float beta) {
  micro_kernel<v8f, 6, 2>(kc, a, b, ldb, c, ldc, alpha, beta);
}

// AVX-512F: 8 x 48 tile, 24 zmm accumulators of 32 registers. Each k step loads three vectors of B and
// broadcasts eight values of A for 24 fused multiply-adds. (A 12 x 32 tile needs as many accumulators, but GCC 12
// then keeps one of the two B vectors on the stack and reads it back for every other multiply-add.)
__attribute__((target("avx512f"))) void kernel_avx512(long kc, const float *a, const float *b, long ldb, float *c, long ldc,
                                                      float alpha, float beta) {
  micro_kernel<v16f, 8, 3>(kc, a, b, ldb, c, ldc, alpha, beta);
}
#endif

const KernelInfo kPortable = {kernel_portable, 6, 8, "portable"};

// The kernel `name` if this CPU can run it, else nullptr ("auto": the widest).
const KernelInfo *find_kernel(const char *name) {
  const bool any = __builtin_strcmp(name, "auto") == 0;
#if defined(__x86_64__) || defined(__i386__)
  static const KernelInfo kAvx512 = {kernel_avx512, 8, 48, "avx512"};
  static const KernelInfo kAvx2 = {kernel_avx2, 6, 16, "avx2"};
  __builtin_cpu_init();
  const bool avx512 = __builtin_cpu_supports("avx512f");
  const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  if (avx512 && (any || __builtin_strcmp(name, "avx512") == 0)) return &kAvx512;
  if (avx2 && (any || __builtin_strcmp(name, "avx2") == 0)) return &kAvx2;
#endif
  if (any || __builtin_strcmp(name, "portable") == 0) return &kPortable;
  return nullptr;
}

const KernelInfo *active = nullptr;

}  // namespace

const KernelInfo &active_kernel() {
  if (active == nullptr) active = find_kernel("auto");
  return *active;
}

bool select_kernel(const char *name) {
  const KernelInfo *found = find_kernel(name);
  if (found != nullptr) active = found;
  return found != nullptr;
}

}  // namespace tsnets
