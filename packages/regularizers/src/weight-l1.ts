import { meanPower, tf } from '@tsnets/core';
import { WeightPenalty } from './weight-penalty';

/**
 * Penalizes the absolute values of a model's weights (`weight_l1`, alias
 * `weight_sparsity`).
 *
 * Loss term, over the set Ω of matched weight parameters (rank > 1, so
 * biases are left out):
 *
 *     R = 1/|Ω| · Σ_{W ∈ Ω} mean(|W|)
 *
 * In practice it pushes weights to exactly zero: a weight stays nonzero only
 * where it lowers the data loss by more than it costs, so the learned
 * weights become sparse.
 *
 * @example
 * await net.train(data, { weight_l1: 0.1 });                                 // every weight
 * await net.train(data, { weight_l1: { weight: 0.1, pattern: 'hid[23].w' } }); // some weights
 * net.predict(x, { weight_l1: 0.1 });  // accepted; a penalty does not change predictions
 *
 * Reference: Q. Qiu, Z. Jiang & R. Chellappa (ICCV 2011), "Sparse
 * dictionary-based representation and recognition of action attributes."
 */
export class WeightL1 extends WeightPenalty {
  /** One line for listings and the command line's help. */
  static override readonly summary: string =
    'mean absolute value of the weight matrices (biases left out), times the weight';

  /** `mean(|W|)`. */
  protected term(values: tf.Tensor): tf.Scalar {
    return meanPower(values, 1);
  }
}
