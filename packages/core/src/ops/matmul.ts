import { tf } from '../tf';

/**
 * `a · b` for rank-2 tensors, with a gradient that transposes explicitly
 * before multiplying on wasm. There a matMul with `transposeA` or
 * `transposeB` runs about 14 times slower than a plain one, and tfjs's own
 * matMul gradient uses those flags. Other backends (tsnets-native, cpu,
 * tensorflow) take the flags at no cost, and a transposed copy would only
 * add a pass over the weights, so they get the flags.
 */
export const matMul: (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D = tf.customGrad(
  // customGrad passes the save function as the last argument.
  (...args: unknown[]) => {
    const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    save([a, b]);
    return {
      value: tf.matMul(a, b),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sa, sb] = saved as [tf.Tensor2D, tf.Tensor2D];
        const g = dy as tf.Tensor2D;
        if (tf.getBackend() !== 'wasm') return [tf.matMul(g, sb, false, true), tf.matMul(sa, g, true, false)];
        return [tf.matMul(g, tf.transpose(sb)), tf.matMul(tf.transpose(sa), g)];
      },
    };
  },
) as unknown as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/** `x · w` over the last axis of `x` (any rank >= 2), through `matMul`. */
export function dot(x: tf.Tensor, w: tf.Tensor2D): tf.Tensor {
  if (x.rank === 2) return matMul(x as tf.Tensor2D, w);
  const lead = x.shape.slice(0, -1);
  const flat = tf.reshape(x, [-1, x.shape[x.rank - 1]]) as tf.Tensor2D;
  return tf.reshape(matMul(flat, w), [...lead, w.shape[1]]);
}
