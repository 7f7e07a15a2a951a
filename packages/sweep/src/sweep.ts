import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'eventemitter3';
import { SweepSpecError } from './errors';
import { sweepMessages } from './messages';
import { bestOptions, refitTrial, type BestOptions } from './best';
import { LocalPool } from './pool';
import { writePlot } from './plot';
import { finishedTrials, saveTrial, writeAtomic, writeTable } from './results';
import type { TrialResult } from './run-trial';
import type { FailedTrial, SweepEvents, SweepOptions, SweepResult } from './sweep-types';
import { QueueRunner } from './queue/queue-runner';
import { LocalRunner, type TrialRunner } from './runner';
import type { SweepSpec } from './spec';
import { expandTrials, logAxes, type Trial } from './trials';
import { validateSpec } from './validate';

/**
 * A sweep over training options, regularizer keywords, architectures, seeds
 * and folds. Listen to its events, then `run()` it; `sweep()` does both
 * steps for callers that need no events. It never prints and never exits.
 */
export class Sweep extends EventEmitter<SweepEvents> {
  constructor(
    readonly spec: SweepSpec,
    readonly options: SweepOptions = {},
  ) {
    super();
  }

  /** Validates the spec (typed errors before any trial), runs the trials, writes the outputs, and resolves to the results. */
  async run(): Promise<SweepResult> {
    const { spec, options } = this;
    const { workers } = options;
    if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) {
      throw new SweepSpecError(
        sweepMessages.badSpecValue('option "workers"', String(workers), 'a whole number >= 1'),
        'workers',
      );
    }
    await validateSpec(spec);
    const trials = expandTrials(spec);
    const axes = tableAxes(spec);
    const out = options.out;
    const earlier = out ? finishedTrials(out) : new Map<string, TrialResult>();
    const runner = await this.runner();
    if (out) {
      mkdirSync(out, { recursive: true });
      writeAtomic(join(out, 'sweep.json'), `${JSON.stringify(spec, null, 2)}\n`);
    }
    const results = new Map<string, TrialResult>();
    const failed: FailedTrial[] = [];
    const byId = new Map(trials.map((trial) => [trial.id, trial]));
    const ordered = () => trials.map((t) => results.get(t.id)).filter((r): r is TrialResult => r !== undefined);
    const pending: Trial[] = [];
    for (const trial of trials) {
      const found = earlier.get(trial.id);
      if (found) results.set(trial.id, found);
      else pending.push(trial);
    }
    this.emit('start', { total: trials.length, skipped: results.size, runner: runner.description });
    for (const result of results.values()) this.emit('skip', result);
    const progress = { done: 0, total: pending.length };
    await runner.run(
      pending,
      {
        result: (result) => {
          results.set(result.id, result);
          progress.done++;
          if (out) {
            saveTrial(out, result, byId.get(result.id) as Trial);
            writeTable(out, ordered(), axes);
          }
          this.emit('trial', result, { ...progress });
        },
        failure: (trial, worker, reason) => {
          progress.done++;
          const failure = { id: trial.id, values: trial.values, fold: trial.fold, worker, reason };
          failed.push(failure);
          this.emit('failure', failure, { ...progress });
        },
      },
      options.signal,
    );
    const interrupted = options.signal?.aborted === true && results.size < trials.length;
    const best = bestOptions(trials, results);
    const result: SweepResult = { results: ordered(), failed, best, axes, interrupted };
    if (out) {
      writeTable(out, result.results, axes);
      await writePlot(join(out, 'plot.svg'), result.results, axes, logAxes(spec));
      if (best && !interrupted) {
        result.model = join(out, 'best.tsnets.gz');
        if (!savedBefore(out, best)) {
          this.emit('refit', best);
          try {
            if (options.signal?.aborted) throw new Error('stopped before the best model trained');
            await refit(refitTrial(trials, best), result.model, options.signal);
            writeAtomic(join(out, 'best.json'), `${JSON.stringify(best, null, 2)}\n`);
          } catch (error) {
            // Stopped while the best model trained: the trials are all kept, the model is not.
            if (!options.signal?.aborted) throw error;
            result.model = undefined;
            result.interrupted = true;
          }
        }
      }
    }
    this.emit('end', result);
    return result;
  }

  private async runner(): Promise<TrialRunner> {
    if (this.options.queue) {
      return QueueRunner.connect(this.options.queue);
    }
    return new LocalRunner(this.options.workers ?? availableParallelism());
  }
}

/** Trains the best combination's final model in a trial process and saves it. */
async function refit(trial: Trial, path: string, signal?: AbortSignal): Promise<void> {
  const pool = new LocalPool(1);
  const stop = () => pool.close();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    await pool.run(trial, path);
  } finally {
    signal?.removeEventListener('abort', stop);
    pool.close();
  }
}

/** True when `OUT/best.tsnets.gz` already holds this best combination (a rerun of a finished sweep). */
function savedBefore(out: string, best: BestOptions): boolean {
  try {
    const saved = JSON.parse(readFileSync(join(out, 'best.json'), 'utf8')) as BestOptions;
    return saved.config === best.config && existsSync(join(out, 'best.tsnets.gz'));
  } catch {
    return false;
  }
}

/** The table's swept columns. */
function tableAxes(spec: SweepSpec): string[] {
  const axes = Object.keys(spec.axes ?? {});
  if ((spec.architectures?.length ?? 1) > 1) axes.push('architecture');
  if ((spec.seeds?.length ?? 1) > 1) axes.push('seed');
  return axes;
}

/**
 * Runs a sweep (see `Sweep` for events): validates it, runs every trial not
 * already in `out`, and resolves to the results.
 */
export function sweep(spec: SweepSpec, options: SweepOptions = {}): Promise<SweepResult> {
  return new Sweep(spec, options).run();
}
