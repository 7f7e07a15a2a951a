import { DataError, RandomState } from '@tsnets/core';
import { rowCount, selectRows, type Dataset, type LabeledDataset } from './dataset';
import { datasetMessages } from './messages';

/** Options of `split`. */
export interface SplitOptions {
  /** The fraction of rows for the validation set, in [0, 1); default 0. */
  valid?: number;
  /** The fraction of rows for the test set, in [0, 1); default 0. */
  test?: number;
  /** A seed or a generator for the permutation; default 13, tsnets' default seed. */
  rng?: number | RandomState;
  /** Split each class in the same proportions (needs labels); default false. */
  stratify?: boolean;
}

/** The three parts `split` returns; a part with no rows has shape `[0, ...]`. */
export interface Splits<T extends Dataset = Dataset> {
  readonly train: T;
  readonly valid: T;
  readonly test: T;
}

/**
 * Splits `dataset` into train, valid and test sets by a seeded random
 * permutation of its rows: the same seed always gives the same split. The
 * test set takes `round(rows * test)` rows, the validation set
 * `round(rows * valid)`, and the training set the rest; every part is in
 * shuffled order. With `stratify`, each class is split on its own (sizes
 * rounded per class) so every part keeps the class proportions.
 *
 * ```ts
 * const { train, valid, test } = split(await digits(), { valid: 0.1, test: 0.2, rng: 13 });
 * ```
 */
export function split(dataset: LabeledDataset, options?: SplitOptions): Splits<LabeledDataset>;
export function split(dataset: Dataset, options?: SplitOptions): Splits;
export function split(dataset: Dataset, options: SplitOptions = {}): Splits {
  const valid = fraction('valid', options.valid);
  const test = fraction('test', options.test);
  if (valid + test >= 1) throw new DataError(datasetMessages.fractionsTooLarge(valid, test), 'options');
  const rng = options.rng instanceof RandomState ? options.rng : new RandomState(options.rng ?? 13);
  const groups = options.stratify ? byClass(dataset) : [range(rowCount(dataset))];
  const parts: Record<keyof Splits, number[]> = { train: [], valid: [], test: [] };
  for (const group of groups) {
    rng.shuffle(group);
    const nTest = Math.round(group.length * test);
    const nValid = Math.min(Math.round(group.length * valid), group.length - nTest);
    group.forEach((row, i) => (i < nTest ? parts.test : i < nTest + nValid ? parts.valid : parts.train).push(row));
  }
  // Stratified groups arrive class by class: mix them.
  if (options.stratify) for (const rows of Object.values(parts)) rng.shuffle(rows);
  return {
    train: selectRows(dataset, parts.train),
    valid: selectRows(dataset, parts.valid),
    test: selectRows(dataset, parts.test),
  };
}

function fraction(name: string, value: number | undefined): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !(value >= 0 && value < 1))
    throw new DataError(datasetMessages.badFraction(name, value), 'options');
  return value;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function byClass(dataset: Dataset): number[][] {
  const { labels, classes } = dataset;
  if (!labels || classes === undefined) throw new DataError(datasetMessages.stratifyWithoutLabels(), 'labels');
  const groups: number[][] = Array.from({ length: classes }, () => []);
  labels.forEach((label, row) => groups[label].push(row));
  return groups;
}
