/**
 * @tsnets/sweep: train many models over training options, regularizer
 * keywords, architectures, seeds and k-fold folds, in child processes on
 * every core of this machine or across machines through BullMQ on Redis.
 */
import 'reflect-metadata';

export { Sweep, sweep } from './sweep';
export type { SweepOptions, SweepResult, SweepEvents, FailedTrial } from './sweep-types';
export type { SweepSpec, SweepModel, SweepData, Axis, ListAxis, LogAxis, RandomAxis, ModelKind } from './spec';
export type { TrialResult } from './run-trial';
export type { Trial } from './trials';
export type { BestOptions } from './best';
export { expandTrials } from './trials';
export { validateSpec } from './validate';
export { readSpec } from './read-spec';
export { runWorker, type WorkerOptions, type WorkerHandle } from './queue/worker';
export {
  SweepSpecError,
  EmptyAxisError,
  FoldsError,
  SweepDataError,
  PluginMissingError,
  QueueUnreachableError,
  TrialFailedError,
} from './errors';
export { sweepMessages } from './messages';
