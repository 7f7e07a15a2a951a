import { TsnetsError } from '@tsnets/core';
import { sweepMessages } from './messages';

/** A sweep spec that is malformed: an unknown key, or a value of the wrong form. `path` locates it, e.g. `model.kind`. */
export class SweepSpecError extends TsnetsError {
  constructor(
    message: string,
    readonly path: string,
    readonly suggestions: readonly string[] = [],
  ) {
    super(message);
  }
}

/** An axis with no values. */
export class EmptyAxisError extends TsnetsError {
  constructor(readonly axis: string) {
    super(sweepMessages.emptyAxis(axis));
  }
}

/** More folds than examples. */
export class FoldsError extends TsnetsError {
  constructor(
    readonly folds: number,
    readonly rows: number,
    readonly source: string,
  ) {
    super(sweepMessages.tooManyFolds(folds, rows, source));
  }
}

/** A data reference that cannot be loaded (`reason` says why). */
export class SweepDataError extends TsnetsError {
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(sweepMessages.unreadableData(source, reason));
  }
}

/** A plugin a sweep names that cannot be loaded where a trial runs (`where`: the sweep or a worker). */
export class PluginMissingError extends TsnetsError {
  constructor(
    readonly plugin: string,
    readonly where: string,
    readonly reason: string,
  ) {
    super(sweepMessages.pluginMissing(plugin, where, reason));
  }
}

/** A queue URL that is malformed or does not answer within the connect timeout. */
export class QueueUnreachableError extends TsnetsError {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(sweepMessages.queueUnreachable(url, reason));
  }
}

/** A trial that failed where it ran: `worker` names the process (host:pid), `reason` the cause. */
export class TrialFailedError extends TsnetsError {
  constructor(
    readonly trial: string,
    readonly worker: string,
    readonly reason: string,
  ) {
    super(sweepMessages.trialFailed(trial, worker, reason));
  }
}
