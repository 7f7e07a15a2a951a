import { Optimizer, halflifeDecay, tf } from '@tsnets/core';

/**
 * RMSProp, the centred variant of Graves (`rmsprop`): running averages of
 * the gradient and of its square scale each element's step by the inverse
 * of the gradient's recent standard deviation,
 *
 *     f' = γ f + (1 - γ) g
 *     s' = γ s + (1 - γ) g²
 *     δ  = α g / sqrt(s' - f'² + ε)
 *
 * with `γ = exp(-ln 2 / rmsHalflife)` (halflife default 14), `ε =
 * rmsRegularizer` (default 1e-8) and `α = learningRate` (default 1e-4).
 * `s' - f'²` is never negative in exact arithmetic; it is clamped at 0 so
 * float32 rounding cannot make a (nearly) constant gradient produce NaN.
 * The default optimizer of the trainer. Example: `{ algo: 'rmsprop', rms_halflife: 7 }`.
 *
 * Reference: Graves (2013), "Generating sequences with recurrent neural
 * networks", eqs. 38-45.
 */
export class RMSProp extends Optimizer {
  protected delta(param: tf.Variable, grad: tf.Tensor): tf.Tensor {
    const { learningRate, rmsHalflife, rmsRegularizer } = this.settings;
    const decay = halflifeDecay(rmsHalflife);
    const g1 = this.slot(param, 'g1');
    const g2 = this.slot(param, 'g2');
    const nextG1 = tf.add(tf.mul(g1, decay), tf.mul(grad, 1 - decay));
    const nextG2 = tf.add(tf.mul(g2, decay), tf.mul(tf.square(grad), 1 - decay));
    g1.assign(nextG1);
    g2.assign(nextG2);
    const variance = tf.relu(tf.sub(nextG2, tf.square(nextG1)));
    return tf.div(tf.mul(grad, learningRate), tf.sqrt(tf.add(variance, rmsRegularizer)));
  }
}
