import { randomBytes } from 'node:crypto';
import { FlowProducer, Queue, QueueEvents, Worker, type Job } from 'bullmq';
import type { TrialResult } from '../run-trial';
import type { RunnerCallbacks, TrialRunner } from '../runner';
import type { Trial } from '../trials';
import { TRIALS_QUEUE, connectionOptions, probeQueue } from './connection';

/** Attempts per trial: a worker that dies mid-trial leaves it to be retried elsewhere. */
const ATTEMPTS = 3;

/** Splits a worker's failure message `[host:pid] reason`. */
function failureOf(message: string): { worker: string; reason: string } {
  const match = /^\[([^\]]+)\] ([\s\S]*)$/.exec(message);
  return match ? { worker: match[1], reason: match[2] } : { worker: 'a worker', reason: message };
}

const parseResult = (value: unknown): TrialResult => {
  const result = (typeof value === 'string' ? JSON.parse(value) : value) as TrialResult;
  return { ...result, validLoss: result.validLoss ?? NaN };
};

/**
 * Runs trials through BullMQ on Redis: one flow per run, a parent `sweep`
 * job in a queue of its own and a child job per trial in the shared trials
 * queue that `tsnets worker`s take from. Results arrive as queue events; the
 * parent job, processed here once every child finished or failed, confirms
 * the set.
 */
export class QueueRunner implements TrialRunner {
  private constructor(readonly url: string) {}

  /** Checks that the URL answers (a `QueueUnreachableError` within seconds otherwise). */
  static async connect(url: string): Promise<QueueRunner> {
    await probeQueue(url);
    return new QueueRunner(url);
  }

  /** What the sweep's start event reports. */
  get description(): string {
    return `queue ${this.url}`;
  }

  async run(trials: readonly Trial[], on: RunnerCallbacks, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted || trials.length === 0) return;
    const run = randomBytes(6).toString('hex');
    const parentQueue = `tsnets-sweep-${run}`;
    const connection = connectionOptions(this.url);
    const byJob = new Map(trials.map((trial) => [`${run}-${trial.id}`, trial]));
    const reported = new Set<string>();
    const report = (jobId: string, result?: TrialResult, failure?: string) => {
      const trial = byJob.get(jobId);
      if (!trial || reported.has(jobId)) return;
      reported.add(jobId);
      if (result) on.result(result);
      else {
        const { worker, reason } = failureOf(failure ?? 'failed');
        on.failure(trial, worker, reason);
      }
    };
    const events = new QueueEvents(TRIALS_QUEUE, { connection: connectionOptions(this.url, true) });
    const trialsQueue = new Queue(TRIALS_QUEUE, { connection });
    const flow = new FlowProducer({ connection });
    let collector: Worker | undefined;
    try {
      await events.waitUntilReady();
      events.on('completed', ({ jobId, returnvalue }) => report(jobId, parseResult(returnvalue)));
      events.on('failed', ({ jobId, failedReason }) => {
        if (!byJob.has(jobId)) return;
        // A failure with attempts left is retried: only a job that stays failed is reported.
        void trialsQueue.getJob(jobId).then(async (job) => {
          if (job && (await job.getState()) === 'failed') report(jobId, undefined, failedReason);
        });
      });
      const done = new Promise<void>((resolve, reject) => {
        collector = new Worker(
          parentQueue,
          async (job: Job) => {
            for (const [key, value] of Object.entries(await job.getChildrenValues())) {
              report(key.split(':').pop() as string, parseResult(value));
            }
            for (const [key, reason] of Object.entries(await job.getIgnoredChildrenFailures())) {
              report(key.split(':').pop() as string, undefined, reason);
            }
            resolve();
          },
          { connection: connectionOptions(this.url, true) },
        );
        collector.on('error', reject);
        signal?.addEventListener('abort', () => resolve(), { once: true });
      });
      await flow.add({
        name: 'sweep',
        queueName: parentQueue,
        data: { run, trials: trials.length },
        opts: { jobId: `sweep-${run}`, removeOnComplete: true },
        children: trials.map((trial) => ({
          name: 'trial',
          queueName: TRIALS_QUEUE,
          data: { trial },
          opts: {
            jobId: `${run}-${trial.id}`,
            attempts: ATTEMPTS,
            backoff: { type: 'fixed', delay: 500 },
            ignoreDependencyOnFailure: true,
            removeOnComplete: { age: 24 * 3600 },
            removeOnFail: { age: 24 * 3600 },
          },
        })),
      });
      await done;
      if (signal?.aborted) await dropWaiting(trialsQueue, [...byJob.keys()]);
    } finally {
      await Promise.allSettled([collector?.close(true), events.close(), trialsQueue.close(), flow.close()]);
      const parent = new Queue(parentQueue, { connection });
      await parent.obliterate({ force: true }).catch(() => undefined);
      await parent.close();
    }
  }
}

/** After an interrupt: removes the run's trials that no worker took yet (running ones finish unseen). */
async function dropWaiting(queue: Queue, jobIds: readonly string[]): Promise<void> {
  await Promise.allSettled(
    jobIds.map(async (id) => {
      const job = await queue.getJob(id);
      if (job && ['waiting', 'delayed', 'prioritized'].includes(await job.getState())) await job.remove();
    }),
  );
}
