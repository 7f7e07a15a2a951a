import { meanPower, tf } from '@tsnets/core';
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

  /** `mean(W²)`, its gradient written out (`meanPower`: fused where the backend has it, three passes elsewhere). */
  protected term(values: tf.Tensor): tf.Scalar {
    return meanPower(values, 2);
  }
}
