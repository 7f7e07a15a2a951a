import {
  DataError,
  RandomState,
  messages,
  tf,
  type ArrayInput,
  type BatchSource,
  type Network,
  type Slot,
} from '@tsnets/core';

/** Yields the batches of one epoch as slot tensors; each batch's tensors belong to the caller. */
export interface Batches {
  /** Batches in one epoch. */
  readonly size: number;
  /** The next `size` batches. */
  epoch(): Generator<tf.Tensor[]>;
  /** Frees the tensors holding the data. */
  dispose(): void;
}

/** One slot's data in host memory: every row, row-major. */
interface HostArray {
  readonly values: tf.TypedArray;
  /** `[rows, ...row shape]`. */
  readonly shape: readonly number[];
  readonly dtype: tf.DataType;
  /** Values per row. */
  readonly rowSize: number;
}

/** Reads a tensor's values into host memory once. */
function hostArray(tensor: tf.Tensor): HostArray {
  const rowSize = tensor.shape.slice(1).reduce((size, d) => size * d, 1);
  return { values: tensor.dataSync() as tf.TypedArray, shape: tensor.shape, dtype: tensor.dtype, rowSize };
}

/**
 * Contiguous batches of `batchSize` rows; the order of batches is shuffled
 * with the seeded generator each time every batch has been used. An epoch is
 * `iterationSize` batches (default: one pass).
 *
 * The data stays in host memory and each batch is uploaded as its own
 * tensor: slicing a large tensor on the backend is no option, because the
 * wasm backend's slice kernel copies the whole source out of the wasm heap
 * for every slice (a 60,000-row MNIST set made each step 30 times slower).
 */
export class ArrayBatches implements Batches {
  private readonly ranges: Array<[number, number]> = [];
  private order: number[] = [];
  private cursor = 0;
  readonly size: number;

  private constructor(
    private arrays: readonly HostArray[],
    private readonly batchSize: number,
    private readonly rng: RandomState,
    iterationSize?: number,
  ) {
    const rows = arrays[0].shape[0];
    for (let start = 0; start < rows; start += batchSize) this.ranges.push([start, Math.min(batchSize, rows - start)]);
    this.size = iterationSize ?? this.ranges.length;
    this.reshuffle();
  }

  /** Batches over the values of `tensors` (read once; the tensors stay the caller's). */
  static of(tensors: readonly tf.Tensor[], batchSize: number, rng: RandomState, iterationSize?: number): ArrayBatches {
    return new ArrayBatches(tensors.map(hostArray), batchSize, rng, iterationSize);
  }

  private reshuffle(): void {
    this.order = this.rng.shuffle(this.ranges.map((_, i) => i));
    this.cursor = 0;
  }

  *epoch(): Generator<tf.Tensor[]> {
    for (let i = 0; i < this.size; i++) {
      if (this.cursor >= this.order.length) this.reshuffle();
      const [start, length] = this.ranges[this.order[this.cursor++]];
      yield this.arrays.map(({ values, shape, dtype, rowSize }) =>
        tf.tensor(values.subarray(start * rowSize, (start + length) * rowSize), [length, ...shape.slice(1)], dtype),
      );
    }
  }

  /** Batches over the same data (shared, not copied) in their own order, one pass per epoch. */
  view(rng: RandomState): ArrayBatches {
    return new ArrayBatches(this.arrays, this.batchSize, rng);
  }

  /** Lets go of the data. */
  dispose(): void {
    this.arrays = [];
  }
}

/** Batches drawn from a user function, `iterationSize` (default 1) calls per epoch. */
export class SourceBatches implements Batches {
  readonly size: number;

  constructor(
    private readonly network: Network,
    private readonly source: BatchSource,
    private readonly slots: readonly Slot[],
    iterationSize?: number,
  ) {
    this.size = iterationSize ?? 1;
  }

  *epoch(): Generator<tf.Tensor[]> {
    for (let i = 0; i < this.size; i++) {
      const arrays = this.source();
      yield tf.tidy(() => this.network.prepare(arrays, this.slots).map((t) => tf.clone(t)));
    }
  }

  dispose(): void {}
}

/** Builds the batches for training or validation data. */
export function makeBatches(
  network: Network,
  data: readonly ArrayInput[] | BatchSource,
  slots: readonly Slot[],
  batchSize: number,
  rng: RandomState,
  iterationSize?: number,
): Batches {
  if (typeof data === 'function') return new SourceBatches(network, data, slots, iterationSize);
  if (!Array.isArray(data)) {
    throw new DataError(
      messages.badData(
        'data',
        `expected an array of arrays or a batch function, got ${typeof data}`,
        'Pass [x], [x, y] or [x, y, w].',
      ),
      'data',
    );
  }
  // The checked and converted arrays are read into host memory; the tensors go with the scope.
  let batches: ArrayBatches | undefined;
  tf.tidy(() => {
    batches = ArrayBatches.of(network.prepare(data, slots), batchSize, rng, iterationSize);
  });
  return batches as ArrayBatches;
}
