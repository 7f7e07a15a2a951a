import { tf } from 'tsnets';

/** How much a hidden layer's units are used on some data. */
export interface UnitUsage {
  /** Unit indices, most used first (by mean activation). */
  order: number[];
  /** Each unit's mean activation, by unit index. */
  mean: Float32Array;
  /** Each unit's fraction of rows where it is at or above `threshold`, by unit index. */
  firing: Float32Array;
  /** The fraction of all activations below `threshold`: how sparse the code is. */
  sparsity: number;
  /** Units that are zero on every row. */
  dead: number;
}

/**
 * Ranks the units (columns) of the activations `hidden` (`[rows, units]`, or that in chunks of rows) by their mean,
 * and counts how sparse they are. Chunks keep a large set's activations from being held all at once.
 */
export function unitUsage(hidden: tf.Tensor2D | readonly tf.Tensor2D[], threshold: number): UnitUsage {
  const chunks = Array.isArray(hidden) ? hidden : [hidden as tf.Tensor2D];
  const rows = chunks.reduce((n, chunk) => n + chunk.shape[0], 0);
  const [mean, firing, sparsity, dead] = tf.tidy(() => {
    // Per chunk: each unit's sum, its count of rows below the threshold, and its largest value.
    const parts = chunks.map((chunk) => {
      const below = tf.cast(tf.less(chunk, threshold), 'float32');
      return [tf.sum(chunk, 0), tf.sum(below, 0), tf.max(chunk, 0)];
    });
    const sum = tf.addN(parts.map(([s]) => s));
    const belowCount = tf.addN(parts.map(([, b]) => b));
    const max = parts.slice(1).reduce((m, [, , x]) => tf.maximum(m, x), parts[0][2]);
    const silent = tf.cast(tf.lessEqual(max, 0), 'float32');
    return [
      tf.div(sum, rows),
      tf.sub(1, tf.div(belowCount, rows)),
      tf.div(tf.sum(belowCount), rows * chunks[0].shape[1]),
      tf.sum(silent),
    ];
  });
  const result = {
    mean: mean.dataSync() as Float32Array,
    firing: firing.dataSync() as Float32Array,
    sparsity: sparsity.dataSync()[0],
    dead: Math.round(dead.dataSync()[0]),
  };
  tf.dispose([mean, firing, sparsity, dead]);
  const order = Array.from(result.mean.keys()).sort((a, b) => result.mean[b] - result.mean[a]);
  return { order, ...result };
}
