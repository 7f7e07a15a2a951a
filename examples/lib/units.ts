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

/** Ranks the units (columns) of the activations `hidden` (`[rows, units]`) by their mean, and counts how sparse they are. */
export function unitUsage(hidden: tf.Tensor2D, threshold: number): UnitUsage {
  const [mean, firing, sparsity, dead] = tf.tidy(() => {
    const below = tf.cast(tf.less(hidden, threshold), 'float32');
    const silent = tf.cast(tf.lessEqual(tf.max(hidden, 0), 0), 'float32');
    return [tf.mean(hidden, 0), tf.sub(1, tf.mean(below, 0)), tf.mean(below), tf.sum(silent)];
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
