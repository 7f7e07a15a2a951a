import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';

/**
 * The threads every multi-threaded runner uses: the native backend's pool (capped with the addon's
 * `setMaxThreads`) and PyTorch (`torch.set_num_threads`, OMP_NUM_THREADS). The same count for both, so a ratio
 * compares libraries, not thread counts; wasm and tfjs-layers on wasm run one thread.
 */
export const BENCH_THREADS = 2;

/** What a speed figure depends on besides the code: recorded with every measurement. */
export interface Machine {
  cores: number;
  /** The processor's `model name` in /proc/cpuinfo (Node's `os.cpus()` elsewhere). */
  cpu_model: string;
  /** The vector extensions the processor reports that the native kernels can use (`avx512f`, `avx2`). */
  cpu_flags: string[];
  /** The native GEMM micro-kernel in use ('avx512', 'avx2', 'portable'), or null without the addon. */
  native_kernel: string | null;
}

/** This machine, for the bench's JSON and its table's footer. */
export function machine(): Machine {
  let flags: string[] = [];
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    const lines = readFileSync('/proc/cpuinfo', 'utf8').split('\n');
    const field = (name: string) =>
      lines
        .find((l) => l.startsWith(name))
        ?.split(':')[1]
        ?.trim();
    const all = new Set(field('flags')?.split(/\s+/) ?? []);
    flags = ['avx512f', 'avx2', 'fma'].filter((flag) => all.has(flag));
    model = field('model name') ?? model;
  } catch {
    // not Linux: no flags recorded
  }
  let kernel: string | null = null;
  try {
    const native = require('@tsnets/backend-native') as { nativeAddon(): { simd(): string } | undefined };
    kernel = native.nativeAddon()?.simd() ?? null;
  } catch {
    kernel = null;
  }
  return { cores: cpus().length, cpu_model: model, cpu_flags: flags, native_kernel: kernel };
}
