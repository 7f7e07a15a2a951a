import { Loss, tf, weightedMean, type LossOptions } from '@tsnets/core';
import { asFloat } from './float';
import { canonicalOptions } from './options';
import { checkTargets } from './shapes';

/**
 * Mean squared error (`mse`): the mean of the squared difference between
 * the output `x` and its target `t`, over every example and dimension,
 *
 *     L(x, t) = 1/(N d) · Σ_n Σ_i (x_ni - t_ni)²
 *
 * and with weights `w` of the targets' shape the weighted mean
 *
 *     L_w(x, t) = Σ w_ni (x_ni - t_ni)² / Σ w_ni.
 *
 * The default loss of regressors and autoencoders. Example:
 * `new Regressor([7, 8, 5], { loss: 'mse', weighted: true })`.
 */
export class MeanSquaredError extends Loss {
  constructor(options: LossOptions = {}) {
    super(canonicalOptions('mse', options));
  }

  /** The (weighted) mean squared difference of `output` and `target`. */
  compute(output: tf.Tensor, target: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
    checkTargets('mse', this.weighted, output, target, weights);
    return tf.tidy(() => weightedMean(tf.squaredDifference(output, asFloat(target)), weights && asFloat(weights)));
  }
}
