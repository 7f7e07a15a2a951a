import { availableParallelism } from 'node:os';

/** The environment variable that caps the native backend's threads in a trial process. */
export const THREADS_VARIABLE = 'TSNETS_SWEEP_THREADS';

/** Threads per trial process when `processes` of them share this machine's cores (at least 1). */
export function threadsPer(processes: number): number {
  return Math.max(1, Math.floor(availableParallelism() / Math.max(1, processes)));
}

/**
 * In a trial process: caps the native backend's GEMM threads to
 * `TSNETS_SWEEP_THREADS`, so parallel trials do not each spread over every
 * core. Does nothing without the variable or without `@tsnets/backend-native`
 * (an optional package; the other backends run one thread).
 */
export function capThreads(): void {
  const threads = Number(process.env[THREADS_VARIABLE]);
  if (!Number.isInteger(threads) || threads < 1) return;
  try {
    const native = require('@tsnets/backend-native') as {
      nativeAddon(): { setMaxThreads(n: number): number } | undefined;
    };
    native.nativeAddon()?.setMaxThreads(threads);
  } catch {
    // not installed: nothing to cap
  }
}
