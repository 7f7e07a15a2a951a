import { DataError } from '@tsnets/core';
import { datasetMessages } from './messages';

/**
 * A set of examples held compactly in typed arrays, as the loaders return it.
 *
 * `x` holds every example value row-major, example after example: example `i`
 * is `x.subarray(i * size, (i + 1) * size)` where `size` is the product of
 * `shape.slice(1)`. `shape` is `[rows, ...example shape]`, e.g. `[1797, 64]`
 * for the flat 8x8 digits or `[60000, 28, 28]` for MNIST images.
 *
 * `labels` (one integer class per row, from 0 to `classes - 1`) and
 * `classes` are present together, for classification data. Optional names
 * describe columns (`featureNames`, for flat data) and classes (`classNames`).
 *
 * Treat a dataset as immutable: `toTensors` copies, but `selectRows` and
 * `flatten` may share `x` with their input.
 *
 * ```ts
 * const data = await digits();
 * data.shape;     // [1797, 64]
 * data.labels[0]; // 0
 * ```
 */
export interface Dataset {
  /** Example values, row-major, `rowCount(ds) * exampleSize(ds)` of them. */
  readonly x: Float32Array;
  /** `[rows, ...example shape]`. */
  readonly shape: readonly number[];
  /** One class index per row, each in `[0, classes)`. */
  readonly labels?: Int32Array;
  /** The number of classes; present whenever `labels` is. */
  readonly classes?: number;
  /** A name per feature (flat data), e.g. from a CSV header. */
  readonly featureNames?: readonly string[];
  /** A name per class, index = label. */
  readonly classNames?: readonly string[];
}

/** A dataset known to carry labels. */
export type LabeledDataset = Dataset & { readonly labels: Int32Array; readonly classes: number };

/** The parts of a dataset besides `x` and `shape`, as `createDataset` takes them. */
export interface DatasetParts {
  labels?: Int32Array;
  /** Defaults to the largest label plus one. */
  classes?: number;
  featureNames?: readonly string[];
  classNames?: readonly string[];
}

const product = (values: readonly number[]): number => values.reduce((a, b) => a * b, 1);

/** The number of examples (rows) in `dataset`. */
export function rowCount(dataset: Dataset): number {
  return dataset.shape[0];
}

/** The number of values per example: the product of `shape.slice(1)` (1 for a one-dimensional dataset). */
export function exampleSize(dataset: Dataset): number {
  return product(dataset.shape.slice(1));
}

/** Whether `dataset` carries labels (narrows its type). */
export function hasLabels(dataset: Dataset): dataset is LabeledDataset {
  return dataset.labels !== undefined && dataset.classes !== undefined;
}

/**
 * Builds a dataset after checking that its parts agree: `x` has as many
 * values as `shape` needs, there is one label per row, and every label lies
 * in `[0, classes)`. Throws a `DataError` saying what disagrees.
 *
 * ```ts
 * const ds = createDataset(new Float32Array([0, 1, 1, 0]), [2, 2], { labels: new Int32Array([1, 0]) });
 * ds.classes; // 2
 * ```
 */
export function createDataset(
  x: Float32Array,
  shape: readonly number[],
  parts: DatasetParts & { labels: Int32Array },
): LabeledDataset;
export function createDataset(x: Float32Array, shape: readonly number[], parts?: DatasetParts): Dataset;
export function createDataset(x: Float32Array, shape: readonly number[], parts: DatasetParts = {}): Dataset {
  if (shape.length === 0 || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new DataError(
      datasetMessages.badShape(
        'shape',
        `[${shape.join(', ')}] must list one or more non-negative integers, rows first`,
      ),
      'x',
    );
  }
  if (x.length !== product(shape)) {
    throw new DataError(
      datasetMessages.badShape(
        'x',
        `${x.length} values do not fill shape [${shape.join(', ')}] (${product(shape)} values)`,
      ),
      'x',
    );
  }
  const rows = shape[0];
  const dataset: { -readonly [K in keyof Dataset]: Dataset[K] } = { x, shape: [...shape] };
  const { labels } = parts;
  if (labels) {
    if (labels.length !== rows) {
      throw new DataError(
        datasetMessages.badShape('labels', `${labels.length} labels for ${rows} rows; give one label per row`),
        'labels',
      );
    }
    let max = -1;
    for (let i = 0; i < labels.length; i++) {
      if (labels[i] < 0)
        throw new DataError(
          datasetMessages.badShape('labels', `row ${i} has the negative label ${labels[i]}`),
          'labels',
          i,
        );
      if (labels[i] > max) max = labels[i];
    }
    const classes = parts.classes ?? Math.max(max + 1, parts.classNames?.length ?? 0);
    if (!Number.isInteger(classes) || classes <= max) {
      throw new DataError(
        datasetMessages.badShape('classes', `${classes} classes cannot hold the label ${max}`),
        'labels',
      );
    }
    dataset.labels = labels;
    dataset.classes = classes;
  }
  if (parts.featureNames) dataset.featureNames = [...parts.featureNames];
  if (parts.classNames) dataset.classNames = [...parts.classNames];
  return dataset;
}

/**
 * The rows of `dataset` at `indices`, in that order, as a new dataset (its
 * own copy of the values). Indices may repeat; out-of-range ones throw.
 */
export function selectRows(dataset: LabeledDataset, indices: ArrayLike<number>): LabeledDataset;
export function selectRows(dataset: Dataset, indices: ArrayLike<number>): Dataset;
export function selectRows(dataset: Dataset, indices: ArrayLike<number>): Dataset {
  const size = exampleSize(dataset);
  const rows = rowCount(dataset);
  const x = new Float32Array(indices.length * size);
  const labels = dataset.labels ? new Int32Array(indices.length) : undefined;
  for (let i = 0; i < indices.length; i++) {
    const row = indices[i];
    if (!Number.isInteger(row) || row < 0 || row >= rows) {
      throw new DataError(
        datasetMessages.badShape('row index', `${row} at position ${i} is outside [0, ${rows})`),
        'indices',
        i,
      );
    }
    x.set(dataset.x.subarray(row * size, (row + 1) * size), i * size);
    if (labels) labels[i] = dataset.labels![row];
  }
  return withValues(dataset, x, [indices.length, ...dataset.shape.slice(1)], labels);
}

/**
 * Rows `start` to `end` (exclusive) of `dataset`, sharing its values and
 * labels instead of copying them (`selectRows` copies).
 *
 * ```ts
 * const first1000 = rowRange(await mnist(), 0, 1000);
 * ```
 */
export function rowRange(dataset: LabeledDataset, start: number, end: number): LabeledDataset;
export function rowRange(dataset: Dataset, start: number, end: number): Dataset;
export function rowRange(dataset: Dataset, start: number, end: number): Dataset {
  const size = exampleSize(dataset);
  const labels = dataset.labels?.subarray(start, end);
  return withValues(
    dataset,
    dataset.x.subarray(start * size, end * size),
    [end - start, ...dataset.shape.slice(1)],
    labels,
  );
}

/**
 * The same examples as one flat vector each: shape `[rows, size]`. Shares
 * `x` with `dataset`. Use it to feed images to a feedforward network.
 */
export function flatten(dataset: LabeledDataset): LabeledDataset;
export function flatten(dataset: Dataset): Dataset;
export function flatten(dataset: Dataset): Dataset {
  return withValues(dataset, dataset.x, [rowCount(dataset), exampleSize(dataset)], dataset.labels);
}

/**
 * The same examples in another shape each (`[28, 28, 1]`: MNIST's images
 * with a channel axis, as convolution models read them). Shares `x` with
 * `dataset`; throws a `DataError` when the sizes differ.
 */
export function reshape(dataset: LabeledDataset, exampleShape: readonly number[]): LabeledDataset;
export function reshape(dataset: Dataset, exampleShape: readonly number[]): Dataset;
export function reshape(dataset: Dataset, exampleShape: readonly number[]): Dataset {
  const size = exampleShape.reduce((a, b) => a * b, 1);
  if (exampleShape.some((d) => !Number.isInteger(d) || d < 1) || size !== exampleSize(dataset)) {
    throw new DataError(
      datasetMessages.badShape(
        'shape',
        `examples of shape [${dataset.shape.slice(1).join(', ')}] cannot be reshaped to [${exampleShape.join(', ')}]; ` +
          `give positive sizes whose product is ${exampleSize(dataset)}`,
      ),
      'x',
    );
  }
  return withValues(dataset, dataset.x, [rowCount(dataset), ...exampleShape], dataset.labels);
}

/** A dataset with new values and labels but the names and class count of `like`. */
function withValues(like: Dataset, x: Float32Array, shape: number[], labels: Int32Array | undefined): Dataset {
  const out: { -readonly [K in keyof Dataset]: Dataset[K] } = { x, shape };
  if (labels && like.classes !== undefined) {
    out.labels = labels;
    out.classes = like.classes;
  }
  if (like.featureNames && shape.length === 2) out.featureNames = like.featureNames;
  if (like.classNames) out.classNames = like.classNames;
  return out;
}
