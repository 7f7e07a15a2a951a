import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Runner } from './lineup';
import { BENCH_THREADS } from './threads';
import type { Workload } from './workloads';

/** One matrix product C[m, n] = op(A) op(B), with k the inner size; `transA`: A is stored [k, m]. */
export interface GemmShape {
  /** What the product is in the autoencoder's training step. */
  role: string;
  m: number;
  n: number;
  k: number;
  transA: boolean;
  transB: boolean;
}

/** The five products of a 784-1000-784 autoencoder's training step at batch 64 (the first layer has no dx). */
export const GEMM_SHAPES: readonly GemmShape[] = [
  { role: 'h = x W1', m: 64, n: 1000, k: 784, transA: false, transB: false },
  { role: 'y = h W2', m: 64, n: 784, k: 1000, transA: false, transB: false },
  { role: 'dW2 = h^T dy', m: 1000, n: 784, k: 64, transA: true, transB: false },
  { role: 'dh = dy W2^T', m: 64, n: 1000, k: 784, transA: false, transB: true },
  { role: 'dW1 = x^T dh', m: 784, n: 1000, k: 64, transA: true, transB: false },
];

/** `64x1000x784 NT`: the product's sizes and its transposes (N: as stored, T: transposed). */
export function shapeLabel(s: GemmShape): string {
  return `${s.m}x${s.n}x${s.k} ${s.transA ? 'T' : 'N'}${s.transB ? 'T' : 'N'}`;
}

/** The instruction sets the GEMM section compares on, and OpenBLAS' kernel for each (its `OPENBLAS_CORETYPE`). */
export const OPENBLAS_CORES = { avx512: 'SkylakeX', avx2: 'Haswell' } as const;
export type GemmIsa = keyof typeof OPENBLAS_CORES;

/** One GEMM measurement: every shape timed by one library with one instruction set, in one child process. */
export interface GemmMeasurement {
  /** `gemm/native` (the addon's GEMM) or `gemm/openblas` (numpy's sgemm). */
  name: string;
  isa: GemmIsa;
  /** The kernel the library ran: the addon's `simd()`, or OpenBLAS' core name. */
  kernel: string;
  threads: number;
  /** Median GFLOP/s over short repeated timings, in the order of the shapes given. */
  results: { shape: string; gflops: number }[];
}

/** The instruction sets among `cpuFlags` (from /proc/cpuinfo) that both the addon and OpenBLAS have kernels for. */
export function gemmIsas(cpuFlags: readonly string[]): GemmIsa[] {
  const isas: GemmIsa[] = [];
  if (cpuFlags.includes('avx512f')) isas.push('avx512');
  if (cpuFlags.includes('avx2') && cpuFlags.includes('fma')) isas.push('avx2');
  return isas;
}

/** The GEMM section's pseudo-workload, so that its runners go through the same rounds as the training ones. */
export const GEMM_WORKLOAD = { name: 'gemm', title: "the autoencoder step's products" } as Workload;

/**
 * For each instruction set and each shape, in turn: the addon's GEMM forced to it (`setSimd`), then OpenBLAS sgemm
 * through numpy with the matching core (`OPENBLAS_CORETYPE`; OpenBLAS 0.3.21 picks Haswell on an AMD processor with
 * AVX-512), both on BENCH_THREADS threads, each a process of its own. One shape at a time keeps the two measurements
 * of a ratio seconds apart, so that a change in the machine's load moves both. Without `python` (a python3 whose
 * numpy links OpenBLAS) only the addon runs.
 */
export function gemmRunners(isas: readonly GemmIsa[], native: boolean, python: string | undefined): Runner[] {
  const runners: Runner[] = [];
  for (const isa of isas) {
    for (const shape of GEMM_SHAPES) {
      const shapes = JSON.stringify([shape]);
      const backend = `${isa} ${shapeLabel(shape)}`;
      if (native)
        runners.push({
          workload: GEMM_WORKLOAD,
          name: 'gemm/native',
          backend,
          command: process.execPath,
          args: [join(__dirname, 'runners', 'gemm.js'), isa, shapes],
        });
      if (python)
        runners.push({
          workload: GEMM_WORKLOAD,
          name: 'gemm/openblas',
          backend,
          command: python,
          // Compiled to out/bench; the Python file stays in bench/.
          args: [join(__dirname, '..', '..', 'bench', 'openblas_gemm.py'), isa, shapes],
          env: {
            ...process.env,
            OPENBLAS_NUM_THREADS: String(BENCH_THREADS),
            OPENBLAS_CORETYPE: OPENBLAS_CORES[isa],
          },
        });
    }
  }
  return runners;
}

/** The first of `/usr/bin/python3` and `python3` whose numpy links OpenBLAS (the script checks), if any. */
export function openblasPython(): string | undefined {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(python, [join(__dirname, '..', '..', 'bench', 'openblas_gemm.py'), '--probe'], {
      stdio: 'ignore',
    });
    if (probe.status === 0) return python;
  }
  return undefined;
}
