/**
 * Shared fixtures: seeded random data, running one computation on the cpu
 * and the native backend, comparing results, and a per-test leak check.
 */
import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { available, BACKEND_NAME, nativeAddon, unavailableReason } from '../src/index';

/** Sizes the tests mix: empty, one, odd, around the SIMD and block widths, and the autoencoder's. */
export const SIZES = [0, 1, 3, 17, 63, 65, 129, 500, 784];

/** A seeded generator of uniform floats in [-1, 1) (mulberry32). */
export function randomFloats(seed: number): (n: number) => Float32Array {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  };
  return (n) => Float32Array.from({ length: n }, next);
}

/** A tensor of `shape` holding seeded values in [-1, 1), passed through `map` when given. */
export function randomTensor(shape: number[], seed: number, map?: (v: number) => number): tf.Tensor {
  const values = randomFloats(seed)(shape.reduce((a, b) => a * b, 1));
  return tf.tensor(map ? values.map(map) : values, shape);
}

/** Asserts that each named kernel of the native backend is not the cpu backend's. */
export function expectReplaced(names: string[]): void {
  for (const name of names) {
    expect(tf.getKernel(name, BACKEND_NAME).kernelFunc, name).to.not.equal(tf.getKernel(name, 'cpu').kernelFunc);
  }
}

/** Runs `compute` on `backend` and returns the values of its result (every tensor disposed). */
export async function valuesOn(backend: string, compute: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const out = tf.tidy(compute);
  const list = Array.isArray(out) ? out : [out];
  const values = list.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(list);
  return values;
}

/** Runs `compute` on the cpu and on the native backend; returns [native, cpu] values of each output. */
export async function onBoth(compute: () => tf.Tensor | tf.Tensor[]): Promise<[Float32Array, Float32Array][]> {
  const cpu = await valuesOn('cpu', compute);
  const native = await valuesOn(BACKEND_NAME, compute);
  return native.map((values, i) => [values, cpu[i]]);
}

/**
 * Asserts that `actual` matches `expected` within `tol` relative to the
 * largest magnitude of `expected` (the norm-wise error a float GEMM promises;
 * single entries that cancel to near zero cannot be held to 1e-4 of themselves).
 */
export function expectClose(actual: Float32Array, expected: Float32Array, tol = 1e-4, what = ''): void {
  expect(actual.length, `${what} length`).to.equal(expected.length);
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    if (!(Math.abs(actual[i] - expected[i]) <= worst)) worst = Math.abs(actual[i] - expected[i]);
  }
  expect(worst, `${what} max error vs max magnitude ${scale}`).to.be.at.most(tol * Math.max(scale, 1e-30));
}

/** The float32 values as integers ordered like the floats (-0 and +0 both 0), for distances in ulps. */
function orderedBits(values: Float32Array): Int32Array {
  const bits = new Int32Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  return bits.map((b) => (b < 0 ? -(b & 0x7fffffff) : b));
}

/** The distance in float32 units in the last place between each pair (Infinity where one is NaN and not the other). */
export function ulpDistances(actual: Float32Array, expected: Float32Array): number[] {
  const a = orderedBits(actual);
  const e = orderedBits(expected);
  return Array.from(expected, (value, i) => {
    if (Number.isNaN(value) || Number.isNaN(actual[i]))
      return Number.isNaN(value) === Number.isNaN(actual[i]) ? 0 : Infinity;
    return Math.abs(a[i] - e[i]);
  });
}

/**
 * Asserts that every element of `actual` is within `ulps` float32 units in
 * the last place of the same element of `expected` (0: bit-equal, NaN where
 * NaN), naming the worst element. For element-wise kernels, where each
 * result stands alone and must be right on its own, however small.
 */
export function expectUlps(actual: Float32Array, expected: Float32Array, ulps: number, what = ''): void {
  expect(actual.length, `${what} length`).to.equal(expected.length);
  const distances = ulpDistances(actual, expected);
  let worst = 0;
  distances.forEach((d, i) => {
    if (d > distances[worst]) worst = i;
  });
  if (distances.length === 0) return;
  expect(
    distances[worst],
    `${what}: element ${worst} is ${actual[worst]}, expected ${expected[worst]} (${distances[worst]} ulps)`,
  ).to.be.at.most(ulps);
}

/**
 * The environment variable that makes native suites use one GEMM micro-kernel
 * ('avx512', 'avx2' or 'portable') instead of the widest the CPU has, so the
 * tests can run under each path a machine supports:
 * `TSNETS_TEST_SIMD=avx2 npx mocha packages/backend-native/dist/test`.
 * A test setting only; the library itself always picks the widest.
 */
export const SIMD_VARIABLE = 'TSNETS_TEST_SIMD';

/** A suite of the native backend: skipped without the addon, each test isolated (see `isolateTests`). */
export function nativeSuite(): void {
  before(function () {
    if (!available()) skipBecause(this, addonMissing());
    const simd = process.env[SIMD_VARIABLE];
    if (simd) expect(nativeAddon()?.setSimd(simd), `${SIMD_VARIABLE}=${simd}: not supported here`).to.equal(true);
  });
  isolateTests();
}

/**
 * Checks after each test of the calling suite that it left no tensor behind,
 * and gives the backend it found back to the tests that follow (the suite
 * around these runs on wasm).
 */
export function isolateTests(): void {
  let before = 0;
  let backend = '';
  beforeEach(() => {
    before = tf.memory().numTensors;
    backend = tf.getBackend();
  });
  afterEach(async () => {
    await tf.setBackend(backend);
    expect(tf.memory().numTensors, 'tensors left behind').to.equal(before);
  });
}

/**
 * Skips the running test, or from a `before` hook its whole suite, recording
 * `reason` for the reporter (scripts/mocha-reporter.js lists every skip with
 * its reason). Call it as `skipBecause(this, '...')` in a `function` callback.
 */
export function skipBecause(context: Mocha.Context, reason: string): never {
  // In a hook, `test` is the hook (its suite is skipped) and `currentTest` a test it runs for.
  const running = context.test as (Mocha.Runnable & { type?: string }) | undefined;
  const target = running?.type === 'hook' ? running.parent : (context.currentTest ?? running);
  if (target) (target as { skipReason?: string }).skipReason = reason;
  context.skip();
}

/** The skip reason of native tests on a machine without the addon. */
export function addonMissing(): string {
  return `the native addon is not available (${unavailableReason() ?? 'unknown reason'})`;
}

/**
 * Why this machine must have the native addon, or undefined when it may lack
 * it: CI=true (unless CXX=false), or a C++ compiler answering `--version`
 * (CXX, c++, g++ or clang++). Turning the addon off on purpose
 * (TSNETS_NATIVE=off, TSNETS_NATIVE_SKIP_BUILD) makes it optional.
 */
export function nativeExpected(): string | undefined {
  const env = process.env;
  if (env.TSNETS_NATIVE === 'off' || env.TSNETS_NATIVE_SKIP_BUILD || env.CXX === 'false') return undefined;
  if (env.CI === 'true') return 'CI=true';
  for (const compiler of [env.CXX, 'c++', 'g++', 'clang++']) {
    if (!compiler) continue;
    const probe = spawnSync(compiler, ['--version'], { stdio: 'ignore' });
    if (!probe.error && probe.status === 0) return `a C++ compiler (${compiler}) is present`;
  }
  return undefined;
}

/** Float32's unit roundoff, 2^-24. */
export const ROUNDOFF = 2 ** -24;

/**
 * Asserts that each element of `actual` is within `units` float32 roundoffs
 * of the magnitudes it is computed from: `|actual[i] - Σ terms(i)| <=
 * units · 2^-24 · Σ |terms(i)|`, with the sum taken in double precision.
 * The bound of floating-point sums and products, element by element: an
 * element is held to its own terms, not to the tensor's largest value, yet
 * a result that cancels to near zero is not held to its own tiny size.
 */
export function expectRoundoff(
  actual: Float32Array,
  terms: (index: number) => number[],
  units: number,
  what = '',
): void {
  let worst = 0;
  let at = -1;
  actual.forEach((value, i) => {
    const parts = terms(i);
    const exact = parts.reduce((a, b) => a + b, 0);
    const magnitude = parts.reduce((a, b) => a + Math.abs(b), 0);
    const error = Math.abs(value - exact) / (ROUNDOFF * magnitude || Number.MIN_VALUE);
    if (!(error <= worst)) [worst, at] = [error, i];
  });
  expect(worst, `${what}: element ${at} is ${actual[at]}, ${worst.toFixed(2)} roundoffs of its terms`).to.be.at.most(
    units,
  );
}

/** Runs a kernel on the active backend on 1-d inputs and returns the values of its outputs. */
export function runKernel1d(
  kernel: string,
  inputs: Record<string, Float32Array>,
  attrs: Record<string, number | boolean>,
): Float32Array[] {
  return tf.tidy(() => {
    const tensors = Object.fromEntries(Object.entries(inputs).map(([name, values]) => [name, tf.tensor1d(values)]));
    const outputs = tf.engine().runKernel(kernel, tensors, attrs) as tf.Tensor[];
    return outputs.map((t) => Float32Array.from(t.dataSync()));
  });
}
