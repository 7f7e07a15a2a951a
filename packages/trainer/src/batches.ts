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

/**
 * Contiguous batches of `batchSize` rows over arrays already converted to
 * tensors; the order of batches is shuffled with the seeded generator each
 * time every batch has been used. An epoch is `iterationSize` batches
 * (default: one pass).
 */
export class ArrayBatches implements Batches {
  private readonly ranges: Array<[number, number]> = [];
  private order: number[] = [];
  private cursor = 0;
  readonly size: number;

  constructor(
    private readonly tensors: readonly tf.Tensor[],
    private readonly batchSize: number,
    private readonly rng: RandomState,
    iterationSize?: number,
    private readonly owned = true,
  ) {
    const rows = tensors[0].shape[0];
    for (let start = 0; start < rows; start += batchSize) this.ranges.push([start, Math.min(batchSize, rows - start)]);
    this.size = iterationSize ?? this.ranges.length;
    this.reshuffle();
  }

  private reshuffle(): void {
    this.order = this.rng.shuffle(this.ranges.map((_, i) => i));
    this.cursor = 0;
  }

  *epoch(): Generator<tf.Tensor[]> {
    for (let i = 0; i < this.size; i++) {
      if (this.cursor >= this.order.length) this.reshuffle();
      const [start, length] = this.ranges[this.order[this.cursor++]];
      yield this.tensors.map((tensor) =>
        this.ranges.length === 1 ? tf.clone(tensor) : tf.slice(tensor, start, length),
      );
    }
  }

  /** Batches over the same tensors (not copied, not freed by the view) in their own order, one pass per epoch. */
  view(rng: RandomState): ArrayBatches {
    return new ArrayBatches(this.tensors, this.batchSize, rng, undefined, false);
  }

  dispose(): void {
    if (this.owned) for (const tensor of this.tensors) tensor.dispose();
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
  // Keep the converted tensors beyond this call; user tensors are cloned (shared storage), never disposed here.
  const tensors = tf.tidy(() => network.prepare(data, slots).map((t) => tf.clone(t)));
  return new ArrayBatches(tensors, batchSize, rng, iterationSize);
}
