import { Loss, tf, weightedMean, type LossOptions } from '@tsnets/core';
import { asFloat } from './float';
import { canonicalOptions } from './options';
import { checkTargets } from './shapes';

/**
 * Mean absolute error (`mae`): the mean of the absolute difference between
 * the output `x` and its target `t`, over every example and dimension,
 *
 *     L(x, t) = 1/(N d) · Σ_n Σ_i |x_ni - t_ni|
 *
 * and with weights `w` of the targets' shape the weighted mean
 *
 *     L_w(x, t) = Σ w_ni |x_ni - t_ni| / Σ w_ni.
 *
 * Less sensitive to outlying targets than `mse`. Example:
 * `new Regressor([7, 8, 5], { loss: 'mae' })`.
 */
export class MeanAbsoluteError extends Loss {
  constructor(options: LossOptions = {}) {
    super(canonicalOptions('mae', options));
  }

  /** The (weighted) mean absolute difference of `output` and `target`. */
  compute(output: tf.Tensor, target: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
    checkTargets('mae', this.weighted, output, target, weights);
    return tf.tidy(() => weightedMean(tf.abs(tf.sub(output, asFloat(target))), weights && asFloat(weights)));
  }
}
