import { Optimizer, halflifeDecay, tf } from '@tsnets/core';

/**
 * AdaDelta (`adadelta`): the gradient is scaled by the ratio of the recent
 * RMS step to the recent RMS gradient, so no learning rate is needed:
 *
 *     s' = γ s + (1 - γ) g²
 *     δ  = g sqrt(x + ε) / sqrt(s' + ε)
 *     x' = γ x + (1 - γ) δ²
 *
 * with `γ = exp(-ln 2 / rmsHalflife)` (default 14) and `ε = rmsRegularizer`
 * (default 1e-8). `learningRate` is ignored, as in downhill; since the first
 * steps are about `sqrt(ε)` in size, a larger `rms_regularizer` starts
 * faster. Example: `{ algo: 'adadelta', rms_regularizer: 1e-4 }`.
 *
 * Reference: Zeiler (2012), "ADADELTA: an adaptive learning rate method".
 */
export class AdaDelta extends Optimizer {
  protected delta(param: tf.Variable, grad: tf.Tensor): tf.Tensor {
    const { rmsHalflife, rmsRegularizer } = this.settings;
    const decay = halflifeDecay(rmsHalflife);
    const g2 = this.slot(param, 'g2');
    const x2 = this.slot(param, 'x2');
    const nextG2 = tf.add(tf.mul(g2, decay), tf.mul(tf.square(grad), 1 - decay));
    const step = tf.mul(grad, tf.div(tf.sqrt(tf.add(x2, rmsRegularizer)), tf.sqrt(tf.add(nextG2, rmsRegularizer))));
    g2.assign(nextG2);
    x2.assign(tf.add(tf.mul(x2, decay), tf.mul(tf.square(step), 1 - decay)));
    return step;
  }
}
