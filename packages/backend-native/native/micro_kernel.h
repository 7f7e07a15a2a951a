// The register-tile micro-kernel, written once with GCC vector extensions.
//
// `micro_kernel<V, MR, NV>` computes one MR x NR tile of C (NR = NV lanes-wide
// vectors of type V) from a packed sliver of A (kc steps of MR floats) and a
// sliver of B (kc steps of NR floats, `ldb` floats apart: NR when packed, B's
// row length when read in place):
//
//   C[0:MR, 0:NR] = alpha * (A_sliver * B_sliver) + beta * C[0:MR, 0:NR]
//
// The MR * NV accumulators stay in vector registers for the whole k loop; each
// step loads NV vectors of B and broadcasts MR scalars of A (one fused
// multiply-add per accumulator). The body is always inlined into a wrapper
// compiled for one instruction set (see kernels.cc), so the same source gives
// the AVX-512, AVX2+FMA and portable kernels: the choice of V decides the
// vector width and the wrapper's target attribute decides the instructions.
#pragma once

namespace tsnets {

/** Signature shared by every compiled micro-kernel (see `KernelInfo`). */
using MicroKernelFn = void (*)(long kc, const float *a, const float *b, long ldb, float *c, long ldc, float alpha,
                               float beta);

template <typename V>
__attribute__((always_inline)) inline V load_unaligned(const float *p) {
  V v;
  __builtin_memcpy(&v, p, sizeof(V));
  return v;
}

template <typename V>
__attribute__((always_inline)) inline void store_unaligned(float *p, V v) {
  __builtin_memcpy(p, &v, sizeof(V));
}

template <typename V, int MR, int NV>
__attribute__((always_inline)) inline void micro_kernel(long kc, const float *__restrict a, const float *__restrict b,
                                                        long ldb, float *__restrict c, long ldc, float alpha,
                                                        float beta) {
  constexpr int L = sizeof(V) / sizeof(float);
  V acc[MR][NV];
#pragma GCC unroll 32
  for (int r = 0; r < MR; ++r) {
#pragma GCC unroll 8
    for (int j = 0; j < NV; ++j) acc[r][j] = V{};
    __builtin_prefetch(c + r * ldc);
  }
  for (long p = 0; p < kc; ++p) {
    V bv[NV];
#pragma GCC unroll 8
    for (int j = 0; j < NV; ++j) bv[j] = load_unaligned<V>(b + j * L);
#pragma GCC unroll 32
    for (int r = 0; r < MR; ++r) {
      const float av = a[r];
#pragma GCC unroll 8
      for (int j = 0; j < NV; ++j) acc[r][j] += bv[j] * av;
    }
    a += MR;
    b += ldb;
  }
  // beta == 0 must not read C: it may hold garbage (even NaN) by contract.
  if (beta == 0.0f) {
#pragma GCC unroll 32
    for (int r = 0; r < MR; ++r) {
#pragma GCC unroll 8
      for (int j = 0; j < NV; ++j) store_unaligned(c + r * ldc + j * L, acc[r][j] * alpha);
    }
  } else {
#pragma GCC unroll 32
    for (int r = 0; r < MR; ++r) {
#pragma GCC unroll 8
      for (int j = 0; j < NV; ++j) {
        float *cp = c + r * ldc + j * L;
        store_unaligned(cp, acc[r][j] * alpha + load_unaligned<V>(cp) * beta);
      }
    }
  }
}

}  // namespace tsnets
