import { tf } from '../tf';

/**
 * `a · b` for rank-2 tensors, with a gradient that transposes explicitly
 * before multiplying. On the wasm backend a matMul with `transposeA` or
 * `transposeB` runs about 14 times slower than a plain one, and tfjs's own
 * matMul gradient uses those flags; this keeps every product plain.
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
        return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy as tf.Tensor2D)];
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
