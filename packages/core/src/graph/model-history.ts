/**
 * The `history` entry of a model file: the training runs a model went
 * through (see `TrainingHistory`). It is optional, so files written before
 * it existed load as they did, and builds that predate it ignore it. It is
 * data from anywhere like the rest of the file: every value is checked, and
 * a wrong one is a `ModelFileError` naming the entry. JSON has no NaN or
 * Infinity, so `JSON.stringify` writes them as `null`; here `null` reads
 * back as NaN.
 */
import type { GraphRewrite, MonitorValues } from './train-hook';
import type { HistoryEpoch, ResolvedRegularizer, TrainingHistory } from './history';

/** Reports a wrong entry and does not return. */
export type EntryFailure = (entry: string, expected: string, value: unknown) => never;

/** Limits of a history: runs in a file and epochs in a run. */
export const HISTORY_LIMITS = { runs: 10_000, epochs: 10_000_000 } as const;

const REASONS = new Set(['patience', 'max_updates', 'aborted', 'stopped', 'error', 'done']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Reads one history entry; `fail` throws. */
class HistoryReader {
  constructor(private readonly fail: EntryFailure) {}

  object(entry: string, value: unknown): Record<string, unknown> {
    return isObject(value) ? value : this.fail(entry, 'an object', value);
  }

  array(entry: string, value: unknown, max: number): unknown[] {
    return Array.isArray(value) && value.length <= max ? value : this.fail(entry, `an array of at most ${max}`, value);
  }

  string(entry: string, value: unknown): string {
    return typeof value === 'string' ? value : this.fail(entry, 'a string', value);
  }

  /** A number, or null for NaN and infinities (as JSON writes them). */
  number(entry: string, value: unknown): number {
    if (value === null) return NaN;
    return typeof value === 'number' ? value : this.fail(entry, 'a number or null', value);
  }

  numbers(entry: string, value: unknown): Record<string, number> {
    const record = this.object(entry, value);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, this.number(`${entry}.${k}`, v)]));
  }

  strings(entry: string, value: unknown): string[] {
    return this.array(entry, value, Number.MAX_SAFE_INTEGER).map((item, i) => this.string(`${entry}[${i}]`, item));
  }

  values(entry: string, value: unknown): MonitorValues {
    const record = this.object(entry, value);
    const values: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) {
      const at = `${entry}.${key}`;
      if (key === 'terms' || key === 'gradients') values[key] = this.numbers(at, item);
      else if (key === 'graph') values[key] = this.graph(at, item);
      else values[key] = this.number(at, item);
    }
    if (!('loss' in values) || !('err' in values)) this.fail(entry, 'monitor values with loss and err', value);
    return values as unknown as MonitorValues;
  }

  graph(entry: string, value: unknown): Record<string, GraphRewrite> {
    const record = this.object(entry, value);
    const graph: Record<string, GraphRewrite> = {};
    for (const [key, item] of Object.entries(record)) {
      const at = `${entry}.${key}`;
      const rewrite = this.object(at, item);
      graph[key] = {
        id: this.string(`${at}.id`, rewrite.id),
        level: this.number(`${at}.level`, rewrite.level),
        targets: this.strings(`${at}.targets`, rewrite.targets),
      };
    }
    return graph;
  }

  regularizer(entry: string, value: unknown): ResolvedRegularizer {
    const record = this.object(entry, value);
    return {
      id: this.string(`${entry}.id`, record.id),
      ...(record.keyword === undefined ? {} : { keyword: this.string(`${entry}.keyword`, record.keyword) }),
      weight: this.number(`${entry}.weight`, record.weight),
      targets: this.strings(`${entry}.targets`, record.targets),
      options: this.object(`${entry}.options`, record.options),
    };
  }

  epoch(entry: string, value: unknown): HistoryEpoch {
    const record = this.object(entry, value);
    const epoch = record.epoch;
    if (typeof epoch !== 'number' || !Number.isInteger(epoch) || epoch < 0)
      this.fail(`${entry}.epoch`, 'a whole number >= 0', epoch);
    const read: HistoryEpoch = { epoch };
    if (record.train !== undefined) read.train = this.values(`${entry}.train`, record.train);
    if (record.valid !== undefined) read.valid = this.values(`${entry}.valid`, record.valid);
    if (record.activity !== undefined) read.activity = this.numbers(`${entry}.activity`, record.activity);
    return read;
  }

  run(entry: string, value: unknown): TrainingHistory {
    const record = this.object(entry, value);
    const best = this.object(`${entry}.best`, record.best);
    const reason = record.reason;
    if (reason !== undefined && !REASONS.has(reason as string))
      this.fail(`${entry}.reason`, `one of ${[...REASONS].join(', ')}`, reason);
    return {
      algo: this.string(`${entry}.algo`, record.algo),
      options: this.object(`${entry}.options`, record.options),
      regularizers: this.array(`${entry}.regularizers`, record.regularizers, Number.MAX_SAFE_INTEGER).map((item, i) =>
        this.regularizer(`${entry}.regularizers[${i}]`, item),
      ),
      epochs: this.array(`${entry}.epochs`, record.epochs, HISTORY_LIMITS.epochs).map((item, i) =>
        this.epoch(`${entry}.epochs[${i}]`, item),
      ),
      best: {
        epoch: this.number(`${entry}.best.epoch`, best.epoch),
        loss: this.number(`${entry}.best.loss`, best.loss),
      },
      ...(reason === undefined ? {} : { reason: reason as TrainingHistory['reason'] }),
      started: this.string(`${entry}.started`, record.started),
    };
  }
}

/** Checks a model file's `history` entry and reads it back (null as NaN); absent is an empty history. */
export function checkHistory(value: unknown, fail: EntryFailure): TrainingHistory[] {
  if (value === undefined) return [];
  const reader = new HistoryReader(fail);
  return reader.array('history', value, HISTORY_LIMITS.runs).map((run, i) => reader.run(`history[${i}]`, run));
}
