/**
 * The sandboxed BullMQ processor of `tsnets worker`: BullMQ runs it in a
 * child process of the worker, one trial at a time. A plugin or data the
 * worker lacks cannot succeed elsewhere on a retry of this worker, and any
 * worker has the same sweep: those failures are `UnrecoverableError`s (not
 * retried). Every failure message starts with `[host:pid]`, the worker.
 */
import 'reflect-metadata';
import { hostname } from 'node:os';
import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { ready } from '@tsnets/core';
import { PluginMissingError, SweepDataError } from '../errors';
import { loadPlugins } from '../plugins';
import { runTrial, type TrialResult } from '../run-trial';
import { capThreads } from '../threads';
import type { Trial } from '../trials';

/** The data of a trial job. */
export interface TrialJobData {
  trial: Trial;
}

const worker = `${hostname()}:${process.ppid}`;

export default async function processTrial(job: SandboxedJob<TrialJobData, TrialResult>): Promise<TrialResult> {
  try {
    await ready();
    capThreads();
    loadPlugins(job.data.trial.plugins, `worker ${worker}`);
    const result = await runTrial(job.data.trial);
    return { ...result, worker };
  } catch (error) {
    const message = `[${worker}] ${error instanceof Error ? error.message : String(error)}`;
    if (error instanceof PluginMissingError || error instanceof SweepDataError) throw new UnrecoverableError(message);
    throw new Error(message);
  }
}
