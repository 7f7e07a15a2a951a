// Run-time choice of the micro-kernel for the CPU we run on.
#pragma once

#include "micro_kernel.h"

namespace tsnets {

/** A compiled micro-kernel and the tile it computes. */
struct KernelInfo {
  MicroKernelFn fn;
  int mr;            // rows of the register tile (and of a packed A sliver)
  int nr;            // columns of the register tile (and of a packed B sliver)
  const char *name;  // "avx512", "avx2" or "portable"
};

/** The kernel in use: the widest this CPU supports unless `select_kernel` chose another. */
const KernelInfo &active_kernel();

/**
 * Uses the kernel named "avx512", "avx2" or "portable" (or "auto", the widest
 * supported) from now on. Returns false, changing nothing, when the CPU cannot
 * run it. For tests and benchmarks; not safe while a GEMM runs.
 */
bool select_kernel(const char *name);

}  // namespace tsnets
