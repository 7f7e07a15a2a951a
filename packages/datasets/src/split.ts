import { DataError, RandomState } from '@tsnets/core';
import { exampleSize, rowCount, rowRange, selectRows, type Dataset, type LabeledDataset } from './dataset';
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
  /**
   * Reorder `dataset`'s own values and labels (test rows, then valid, then
   * train) and return parts that are views of them, instead of copying the
   * rows: for a large set its caller no longer needs in the loaded order
   * (MNIST's training images are 188 MB as float32). The parts are the same
   * as without it. Default false.
   */
  inPlace?: boolean;
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
  if (options.inPlace) {
    permuteRows(dataset, [...parts.test, ...parts.valid, ...parts.train]);
    const [nTest, nValid] = [parts.test.length, parts.valid.length];
    return {
      train: rowRange(dataset, nTest + nValid, rowCount(dataset)),
      valid: rowRange(dataset, nTest, nTest + nValid),
      test: rowRange(dataset, 0, nTest),
    };
  }
  return {
    train: selectRows(dataset, parts.train),
    valid: selectRows(dataset, parts.valid),
    test: selectRows(dataset, parts.test),
  };
}

/**
 * Reorders `dataset`'s rows in place so that row `i` holds what row `order[i]` held, one cycle of the permutation
 * at a time: one row of scratch space and a bit per row.
 */
function permuteRows(dataset: Dataset, order: readonly number[]): void {
  const size = exampleSize(dataset);
  const { x, labels } = dataset;
  const row = (i: number) => x.subarray(i * size, (i + 1) * size);
  const done = new Uint8Array(order.length);
  const first = new Float32Array(size);
  for (let start = 0; start < order.length; start++) {
    if (done[start]) continue;
    first.set(row(start));
    const firstLabel = labels?.[start];
    let to = start;
    for (let from = order[to]; from !== start; to = from, from = order[to]) {
      x.copyWithin(to * size, from * size, (from + 1) * size);
      if (labels) labels[to] = labels[from];
      done[to] = 1;
    }
    x.set(first, to * size);
    if (labels) labels[to] = firstLabel as number;
    done[to] = 1;
  }
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
