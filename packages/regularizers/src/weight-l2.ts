import { tf } from '@tsnets/core';
import { WeightPenalty } from './weight-penalty';

/**
 * Decays a model's weights with a squared (L2) penalty (`weight_l2`, alias
 * `weight_decay`).
 *
 * Loss term, over the set Ω of matched weight parameters (rank > 1, so
 * biases are left out):
 *
 *     R = 1/|Ω| · Σ_{W ∈ Ω} mean(W²)
 *
 * In practice it keeps weights from growing large; large weights often go
 * with overfitting, so the decay tends to help generalization.
 *
 * @example
 * await net.train(data, { weight_l2: 1e-4 });                                 // every weight
 * await net.train(data, { weight_decay: { weight: 1e-4, pattern: 'hid[23].w' } }); // some weights
 * net.predict(x, { weight_l2: 1e-4 });  // accepted; a penalty does not change predictions
 *
 * Reference: J. Moody, S. Hanson, A. Krogh & J. A. Hertz (NIPS 4, 1995),
 * "A simple weight decay can improve generalization."
 */
export class WeightL2 extends WeightPenalty {
  /** One line for listings and the command line's help. */
  static override readonly summary: string = 'mean square of the weight matrices (biases left out), times the weight';

  /** `mean(W²)`. */
  protected term(values: tf.Tensor): tf.Scalar {
    return meanSquare(values);
  }
}

/**
 * `mean(W²)` with its gradient `2W / n` written out: autodiff through
 * `square` and `mean` makes five passes over `W` per step where this makes
 * three. (A dot product of `W` with itself would make one, but the wasm
 * backend's matMul corrupts its heap when both operands share their data.)
 */
const meanSquare = tf.customGrad((...args: unknown[]) => {
  const [values, save] = args as [tf.Tensor, tf.GradSaveFunc];
  save([values]);
  const n = values.size;
  return {
    value: tf.div(tf.sum(tf.square(values)), n),
    gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => tf.mul(saved, tf.mul(dy, 2 / n)),
  };
}) as unknown as (values: tf.Tensor) => tf.Scalar;
