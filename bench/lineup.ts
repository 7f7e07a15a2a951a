import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sequenceRows } from './sequences';
import { BENCH_THREADS } from './threads';
import { NATIVE, REGULARIZED, WORKLOADS, trainingRows, type Workload } from './workloads';

/** One way to train one workload, run as a child process that prints a `Measurement`. */
export interface Runner {
  workload: Workload;
  /** `tsnets`, `tfjs-layers` or `pytorch`. */
  name: string;
  backend: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

/** Whether `@tsnets/backend-native` (an optional dependency of tsnets) is installed and its addon built. */
export function nativeAvailable(): boolean {
  try {
    return (require('@tsnets/backend-native') as { available(): boolean }).available();
  } catch {
    return false;
  }
}

/** The first of `/usr/bin/python3` and `python3` that imports torch, if any. */
export function torchPython(): string | undefined {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return undefined;
}

/** Writes each workload's rows as raw float32 inputs and int32 labels into `dir`, for the PyTorch runner. */
async function writeRows(w: Workload, dir: string): Promise<{ x: string; labels: string }> {
  const rows = w.kind === 'sequence' ? sequenceRows(w) : await trainingRows(w);
  const files = { x: join(dir, `${w.name}.x.f32`), labels: join(dir, `${w.name}.labels.i32`) };
  writeFileSync(files.x, rows.x);
  writeFileSync(files.labels, rows.labels);
  return files;
}

/**
 * Every runner, in the fixed order of a round: per workload, tsnets on each available backend, tfjs-layers on wasm,
 * then PyTorch when `python` is given (its data goes to `dataDir`).
 */
export async function allRunners(native: boolean, python: string | undefined, dataDir: string): Promise<Runner[]> {
  const node = process.execPath;
  const script = (file: string) => join(__dirname, 'runners', file);
  const runners: Runner[] = [];
  for (const w of WORKLOADS) {
    for (const backend of w.backends) {
      if (backend === NATIVE && !native) continue;
      runners.push({
        workload: w,
        name: 'tsnets',
        backend,
        command: node,
        args: [script('tsnets.js'), w.name, backend],
      });
    }
    if (w.regularizers) {
      // On the backend tsnets picks by default: the native one when it is built.
      const backend = native ? NATIVE : 'wasm';
      runners.push({
        workload: w,
        name: REGULARIZED,
        backend,
        command: node,
        args: [script('tsnets.js'), w.name, backend, 'regularized'],
      });
    }
    runners.push({
      workload: w,
      name: 'tfjs-layers',
      backend: 'wasm',
      command: node,
      args: [script('layers.js'), w.name],
    });
    if (python) {
      const files = await writeRows(w, dataDir);
      const config = {
        name: `${w.name}/pytorch`,
        kind: w.kind,
        cell: w.cell,
        time_steps: w.timeSteps,
        sizes: w.sizes,
        batch_size: w.batchSize,
        learning_rate: w.learningRate,
        steps: w.steps,
        warmup: w.warmup,
        threads: BENCH_THREADS,
        ...files,
      };
      // Compiled to out/bench; the Python file stays in bench/.
      const runner = join(__dirname, '..', '..', 'bench', 'torch_runner.py');
      const env = { ...process.env, OMP_NUM_THREADS: String(BENCH_THREADS), OMP_WAIT_POLICY: 'PASSIVE' };
      runners.push({
        workload: w,
        name: 'pytorch',
        backend: 'cpu',
        command: python,
        args: [runner, JSON.stringify(config)],
        env,
      });
    }
  }
  return runners;
}
