import { DataError, tf } from '@tsnets/core';
import { hasLabels, type Dataset, type LabeledDataset } from './dataset';
import { datasetMessages } from './messages';

/** Options of `toTensors`. */
export interface ToTensorsOptions {
  /**
   * Copy the values and labels into the tensors (the default, true), or let
   * the tensors share the dataset's arrays (false: no second copy of a large
   * set such as MNIST's 188 MB of training images; then leave the dataset's
   * arrays unchanged while the tensors live). The wasm backend copies into
   * its own memory either way.
   */
  copy?: boolean;
}

/**
 * The dataset as tensors: `[x]` (float32, shape `dataset.shape`) and, when it
 * has labels, `[x, labels]` (labels int32, shape `[rows]`). The tensors hold
 * their own copy of the values (unless `copy: false`) and belong to the
 * caller: dispose them (or create them inside `tf.tidy`) when done.
 *
 * ```ts
 * const [x, y] = toTensors(await digits());
 * await net.train([x, y], { valid: toTensors(valid) });
 * tf.dispose([x, y]);
 * ```
 */
export function toTensors(dataset: LabeledDataset, options?: ToTensorsOptions): [tf.Tensor, tf.Tensor1D];
export function toTensors(dataset: Dataset, options?: ToTensorsOptions): [tf.Tensor] | [tf.Tensor, tf.Tensor1D];
export function toTensors(
  dataset: Dataset,
  { copy = true }: ToTensorsOptions = {},
): [tf.Tensor] | [tf.Tensor, tf.Tensor1D] {
  // On the CPU backend a tensor made from a typed array keeps that array.
  const x = tf.tensor(copy ? dataset.x.slice() : dataset.x, [...dataset.shape], 'float32');
  if (!hasLabels(dataset)) return [x];
  return [x, tf.tensor1d(copy ? dataset.labels.slice() : dataset.labels, 'int32')];
}

/** `x` as nested number arrays of `dataset.shape`: `number[]` for rank 1, `number[][]` for flat examples, and so on. */
export type NestedArray = number[] | number[][] | number[][][] | number[][][][];

/**
 * The dataset as plain arrays, ready for `net.train(...)`: `[x]` or
 * `[x, labels]`, with `x` nested as `dataset.shape` (e.g. `number[][]` for
 * `[rows, features]`) and `labels` a `number[]`. Nothing to dispose, but
 * plain arrays take several times the memory of typed arrays: prefer
 * `toTensors` for large sets such as MNIST. Ranks above 4 throw a
 * `DataError` (tsnets takes at most four): `flatten` first.
 *
 * ```ts
 * const { train, valid } = split(await digits(), { valid: 0.2, rng: 13 });
 * await net.train(toArrays(train), { valid: toArrays(valid) });
 * ```
 */
export function toArrays(dataset: LabeledDataset): [NestedArray, number[]];
export function toArrays(dataset: Dataset): [NestedArray] | [NestedArray, number[]];
export function toArrays(dataset: Dataset): [NestedArray] | [NestedArray, number[]] {
  if (dataset.shape.length > 4) {
    throw new DataError(
      datasetMessages.badShape(
        'shape',
        `[${dataset.shape.join(', ')}] has rank ${dataset.shape.length}; nested arrays go to rank 4. Call flatten(dataset) first`,
      ),
      'x',
    );
  }
  const x = nest(dataset.x, 0, dataset.shape) as NestedArray;
  if (!hasLabels(dataset)) return [x];
  return [x, Array.from(dataset.labels)];
}

type Nested = number | Nested[];

function nest(values: Float32Array, offset: number, shape: readonly number[]): Nested[] {
  if (shape.length === 1) return Array.from(values.subarray(offset, offset + shape[0]));
  const size = shape.slice(1).reduce((a, b) => a * b, 1);
  const out: Nested[] = [];
  for (let i = 0; i < shape[0]; i++) out.push(nest(values, offset + i * size, shape.slice(1)));
  return out;
}
