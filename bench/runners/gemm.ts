/**
 * Child process: times the native addon's GEMM on the given shapes with one instruction set and prints one JSON
 * line (a GemmMeasurement), the counterpart of bench/openblas_gemm.py.
 *
 *   node out/bench/runners/gemm.js <avx512|avx2> '<shapes as JSON>'
 */
import type { NativeAddon } from '@tsnets/backend-native';
import type { GemmIsa, GemmMeasurement, GemmShape } from '../gemm';
import { shapeLabel } from '../gemm';
import { runChild } from '../measurement';
import { median } from '../stats';
import { BENCH_THREADS } from '../threads';

const ROUNDS = 7;
const MIN_ROUND_MS = 30;

/** The parts of the addon this runner calls. */
type GemmAddon = Pick<NativeAddon, 'gemm' | 'setSimd' | 'simd' | 'setMaxThreads' | 'tuneAllocator'>;

function randomArray(n: number): Float32Array {
  return Float32Array.from({ length: n }, () => Math.random() * 2 - 1);
}

/** Seconds per call of `run`, repeated until a round lasts MIN_ROUND_MS. */
function secondsPerCall(run: () => void): number {
  const start = performance.now();
  let calls = 0;
  let elapsed = 0;
  do {
    run();
    calls++;
    elapsed = performance.now() - start;
  } while (elapsed < MIN_ROUND_MS);
  return elapsed / 1e3 / calls;
}

function gflops(addon: GemmAddon, { m, n, k, transA, transB }: GemmShape): number {
  const [a, b, c] = [randomArray(m * k), randomArray(k * n), new Float32Array(m * n)];
  const run = () => addon.gemm(transA, transB, m, n, k, 1, a, transA ? m : k, b, transB ? k : n, 0, c, n);
  secondsPerCall(run); // warm-up: the thread pool, the packing buffers, page faults
  const times = Array.from({ length: ROUNDS }, () => secondsPerCall(run));
  return (2 * m * n * k) / median(times) / 1e9;
}

async function main(): Promise<void> {
  const [isa, shapesJson] = process.argv.slice(2) as [GemmIsa, string];
  const native = require('@tsnets/backend-native') as { nativeAddon(): GemmAddon | undefined };
  const addon = native.nativeAddon();
  if (!addon) throw new Error('the native addon is not loaded');
  if (!addon.setSimd(isa)) throw new Error(`this processor cannot run the addon's ${isa} kernel`);
  const threads = addon.setMaxThreads(BENCH_THREADS);
  // As the backend does when it starts: without it each packing buffer is a fresh mapping, faulted in page by page.
  addon.tuneAllocator();
  const shapes = JSON.parse(shapesJson) as GemmShape[];
  const measurement: GemmMeasurement = {
    name: 'gemm/native',
    isa,
    kernel: addon.simd(),
    threads,
    results: shapes.map((shape) => ({ shape: shapeLabel(shape), gflops: gflops(addon, shape) })),
  };
  console.log(JSON.stringify(measurement));
}

runChild(main);
