/** What the native package's microbenchmarks share: flags, the addon's set-up, medians and the time of one call. */
/* eslint-disable no-console */
import { available, nativeAddon, unavailableReason, type NativeAddon } from '../src/index';

/** The value of `--name VALUE` on the command line, or `fallback`. */
export function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The rounds of `msPerCall` last at least this long, so the clock's resolution does not matter. */
const MIN_ROUND_MS = 30;

/** Milliseconds per call of `run`, repeated until a round lasts MIN_ROUND_MS. */
export function msPerCall(run: () => void): number {
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  do {
    run();
    calls++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  } while (elapsed < MIN_ROUND_MS);
  return elapsed / calls;
}

/**
 * The addon with `--threads` and `--simd` applied, or undefined (having said
 * why) when the native backend is unavailable.
 */
export function benchAddon(): NativeAddon | undefined {
  const addon = nativeAddon();
  if (!available() || addon === undefined) {
    console.log(`native backend unavailable: ${unavailableReason()}`);
    return undefined;
  }
  addon.setMaxThreads(Number(option('threads', String(addon.threads()))));
  const simd = option('simd', 'auto');
  if (!addon.setSimd(simd)) throw new Error(`this CPU cannot run the ${simd} kernel`);
  return addon;
}
