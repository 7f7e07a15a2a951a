import { hostname } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'bullmq';
import type { TrialResult } from '../run-trial';
import { TRIALS_QUEUE, connectionOptions, probeQueue } from './connection';
import { THREADS_VARIABLE, threadsPer } from '../threads';
import type { TrialJobData } from './processor';

/** How a queue worker runs. */
export interface WorkerOptions {
  /** The Redis URL the sweeps enqueue to. */
  queue: string;
  /** Trials at once, each in its own sandboxed process (default 1). */
  concurrency?: number;
  /** Milliseconds a trial's lock lasts without renewal: a dead worker's trial is retried after about this long (default 30000). */
  lockDuration?: number;
}

/** A running worker: its events, and `close()` to stop after the running trials. */
export interface WorkerHandle {
  /** This worker as results name it, `host:pid`. */
  readonly name: string;
  /** Calls back when a trial starts, finishes or fails here. */
  on(event: 'active' | 'completed' | 'failed', listener: (trial: string, detail: string) => void): void;
  /** Stops taking trials; waits for the running ones unless `force`. */
  close(force?: boolean): Promise<void>;
}

/**
 * Takes trials from the queue at `options.queue` and runs each in a
 * sandboxed child process (BullMQ's sandboxed processors, forked). Checks
 * first that the queue answers (`QueueUnreachableError` otherwise). A
 * worker that dies mid-trial loses its lock; another worker's stalled-job
 * check puts the trial back, and it runs again there.
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerHandle> {
  await probeQueue(options.queue);
  const lockDuration = options.lockDuration ?? 30000;
  const worker = new Worker<TrialJobData, TrialResult>(TRIALS_QUEUE, join(__dirname, 'processor.js'), {
    connection: connectionOptions(options.queue, true),
    concurrency: options.concurrency ?? 1,
    useWorkerThreads: false,
    workerForkOptions: {
      env: {
        ...process.env,
        [THREADS_VARIABLE]: process.env[THREADS_VARIABLE] ?? String(threadsPer(options.concurrency ?? 1)),
      },
    },
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: 1,
  });
  worker.on('error', () => undefined);
  await worker.waitUntilReady();
  return {
    name: `${hostname()}:${process.pid}`,
    on(event, listener) {
      if (event === 'active') worker.on('active', (job) => listener(job.data.trial.id, ''));
      if (event === 'completed')
        worker.on('completed', (job, result) => listener(job.data.trial.id, String(result.validLoss)));
      if (event === 'failed') worker.on('failed', (job, error) => listener(job?.data.trial.id ?? '?', error.message));
    },
    close: (force = false) => worker.close(force),
  };
}
