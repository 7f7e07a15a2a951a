import { TrialFailedError } from './errors';
import { LocalPool } from './pool';
import type { TrialResult } from './run-trial';
import type { Trial } from './trials';

/** What a runner reports as trials end. */
export interface RunnerCallbacks {
  result(result: TrialResult): void;
  failure(trial: Trial, worker: string, reason: string): void;
}

/** Runs a sweep's pending trials somewhere: in local processes, or through a queue. */
export interface TrialRunner {
  /** Where trials run, for the start event (e.g. `2 local processes`). */
  readonly description: string;
  /** Resolves when every trial finished or failed, or soon after `signal` aborts (running trials are dropped). */
  run(trials: readonly Trial[], on: RunnerCallbacks, signal?: AbortSignal): Promise<void>;
}

/** Runs trials in up to `workers` forked processes of this machine. */
export class LocalRunner implements TrialRunner {
  constructor(readonly workers: number) {}

  get description(): string {
    return `${this.workers} local process${this.workers === 1 ? '' : 'es'}`;
  }

  async run(trials: readonly Trial[], on: RunnerCallbacks, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted || trials.length === 0) return;
    const pool = new LocalPool(Math.min(this.workers, trials.length));
    const stop = () => pool.close();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      await Promise.all(
        trials.map((trial) =>
          pool.run(trial).then(
            (result) => {
              on.result(result);
            },
            (error: unknown) => {
              if (signal?.aborted) return;
              if (error instanceof TrialFailedError) on.failure(trial, error.worker, error.reason);
              else on.failure(trial, 'this machine', error instanceof Error ? error.message : String(error));
            },
          ),
        ),
      );
    } finally {
      signal?.removeEventListener('abort', stop);
      pool.close();
    }
  }
}
