import {
  Regularizer,
  type EndReason,
  type HistoryEpoch,
  type MonitorValues,
  type Network,
  type ResolvedRegularizer,
  type TrainingHistory,
} from '@tsnets/core';

/** Options as JSON can hold them: functions, signals and data left out, regularizer instances by id. */
export function jsonSafeOptions(options: Record<string, unknown>): Record<string, unknown> {
  const skip = new Set(['signal', 'valid', 'monitors']);
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (skip.has(key) || value === undefined || typeof value === 'function') continue;
    const text = JSON.stringify(value, (_key, item: unknown) =>
      item instanceof Regularizer
        ? { id: item.id, weight: item.weight }
        : typeof item === 'function'
          ? undefined
          : item,
    );
    if (text !== undefined) safe[key] = JSON.parse(text) as unknown;
  }
  return safe;
}

/**
 * Records one training run into `network.history` as it goes: an entry per
 * epoch with its training values and, when one ran, the validation's. The
 * run is appended when it starts, so a model saved mid-run (a checkpoint)
 * holds the epochs so far.
 */
export class HistoryRecorder {
  readonly history: TrainingHistory;

  constructor(network: Network, algo: string, options: Record<string, unknown>, regularizers: ResolvedRegularizer[]) {
    this.history = {
      algo,
      options: jsonSafeOptions(options),
      regularizers,
      epochs: [],
      best: { epoch: 0, loss: NaN },
      started: new Date().toISOString(),
    };
    network.history = [...network.history, this.history];
  }

  /** The entry of `epoch`, made when missing. */
  private entry(epoch: number): HistoryEpoch {
    const last = this.history.epochs[this.history.epochs.length - 1];
    if (last && last.epoch === epoch) return last;
    const made: HistoryEpoch = { epoch };
    this.history.epochs.push(made);
    return made;
  }

  /** A validation after `epoch` epochs. */
  validated(epoch: number, valid: MonitorValues): void {
    this.entry(epoch).valid = valid;
  }

  /** The training monitors of epoch `epoch`. */
  trained(epoch: number, train: MonitorValues): void {
    this.entry(epoch).train = train;
  }

  /** How the run ended. */
  ended(reason: EndReason, best: { epoch: number; loss: number }): void {
    this.history.reason = reason;
    this.history.best = best;
  }
}
