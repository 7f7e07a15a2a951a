import type { BestOptions } from './best';
import type { TrialResult } from './run-trial';

/** How and where a sweep runs. */
export interface SweepOptions {
  /** Trial processes on this machine (default: the number of cores). Ignored with `queue`. */
  workers?: number;
  /** A Redis URL (`redis://host:6379`): enqueue the trials as one BullMQ flow for `tsnets worker`s to run. */
  queue?: string;
  /** Aborting stops the sweep: finished trials are kept, running ones dropped. */
  signal?: AbortSignal;
  /** Output folder: per-trial JSON, results.csv/json, plot.svg, best.tsnets.gz and best.json. Finished trials found there are skipped. */
  out?: string;
}

/** A trial that failed where it ran. */
export interface FailedTrial {
  /** The trial's id. */
  id: string;
  /** Its swept values. */
  values: Record<string, unknown>;
  /** Its held-out fold, or null without folds. */
  fold: number | null;
  /** The process it failed in, `host:pid` (a queue worker's process for queued trials). */
  worker: string;
  /** Why, e.g. the training error's message. */
  reason: string;
}

/** What a sweep gives back. */
export interface SweepResult {
  /** Every finished trial (skipped ones from an earlier run included), in trial order. */
  results: TrialResult[];
  failed: FailedTrial[];
  /** The best combination, or null when none finished. */
  best: BestOptions | null;
  /** The swept columns of the table (the axes, and `architecture`/`seed` when several). */
  axes: string[];
  /** True when the signal stopped the sweep before every trial ran. */
  interrupted: boolean;
  /** The saved best model (with `out`, when the sweep completed). */
  model?: string;
}

/** The events of a running sweep. */
export interface SweepEvents {
  /** Trials are about to run: how many in all, and how many an earlier run already finished. */
  start: [info: { total: number; skipped: number; runner: string }];
  /** A trial an earlier run finished (found in `out`). */
  skip: [result: TrialResult];
  /** A trial finished; `done` counts finished and failed trials of this run so far. */
  trial: [result: TrialResult, progress: { done: number; total: number }];
  /** A trial failed where it ran. */
  failure: [failure: FailedTrial, progress: { done: number; total: number }];
  /** The best combination's final model is being trained (not when `out` already holds it). */
  refit: [best: BestOptions];
  end: [result: SweepResult];
}
