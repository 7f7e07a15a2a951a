import { tf } from '../tf';

/**
 * `a · b` with a gradient that transposes explicitly before multiplying. On
 * the wasm backend a matMul with `transposeA` or `transposeB` runs about 14
 * times slower than a plain one, and tfjs's own matMul gradient uses those
 * flags; this keeps every product plain.
 */
const plainProductMatMul = tf.customGrad(
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

/**
 * `a · b` for rank-2 tensors. On wasm, through a gradient of plain products
 * (see above). Elsewhere (tsnets-native, cpu, tensorflow) the transpose flags
 * cost nothing, and tfjs's own gradient has a further advantage: it computes
 * each input's gradient only when something asks for it, so the first
 * layer's product skips the gradient with respect to the data (a custom
 * gradient computes both).
 */
export function matMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.getBackend() === 'wasm' ? plainProductMatMul(a, b) : tf.matMul(a, b);
}

/** `x · w` over the last axis of `x` (any rank >= 2), through `matMul`. */
export function dot(x: tf.Tensor, w: tf.Tensor2D): tf.Tensor {
  if (x.rank === 2) return matMul(x as tf.Tensor2D, w);
  const lead = x.shape.slice(0, -1);
  const flat = tf.reshape(x, [-1, x.shape[x.rank - 1]]) as tf.Tensor2D;
  return tf.reshape(matMul(flat, w), [...lead, w.shape[1]]);
}
