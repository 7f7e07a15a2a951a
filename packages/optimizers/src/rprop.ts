import { Optimizer, tf } from '@tsnets/core';

/**
 * Resilient backpropagation, iRprop- (`rprop`): every element has its own
 * step size `Δ` (starting at `learningRate`), grown while the gradient keeps
 * its sign and shrunk when it flips; only the gradient's sign moves the
 * parameter. With the previous gradient `g₋`:
 *
 *     Δ' = clamp(η₊ Δ, Δmin, Δmax)   if g g₋ > 0
 *     Δ' = clamp(η₋ Δ, Δmin, Δmax),  g = 0   if g g₋ < 0
 *     Δ' = clamp(Δ, Δmin, Δmax)      if g g₋ = 0
 *     δ  = sign(g) Δ',   g₋' = g
 *
 * Setting the gradient to 0 after a sign flip skips that element's move for
 * one step and makes the next comparison neutral. Settings: `rpropIncrease`
 * `η₊` (default 1.01), `rpropDecrease` `η₋` (0.99), `rpropMinStep` (0),
 * `rpropMaxStep` (100), `learningRate` (the initial `Δ`, 1e-4). Suited to
 * full-batch training, where gradient signs are reliable. Example:
 * `{ algo: 'rprop', learning_rate: 0.01, rprop_increase: 1.2, rprop_decrease: 0.5 }`.
 *
 * Reference: Igel & Hüsken (2000), "Improving the Rprop learning algorithm",
 * Algorithm 4.
 */
export class RProp extends Optimizer {
  protected delta(param: tf.Variable, grad: tf.Tensor): tf.Tensor {
    const { learningRate, rpropIncrease, rpropDecrease, rpropMinStep, rpropMaxStep } = this.settings;
    const previousGrad = this.slot(param, 'grad');
    const previousStep = this.slot(param, 'step', learningRate);
    const agreement = tf.mul(grad, previousGrad);
    const flipped = tf.less(agreement, 0);
    const factor = tf.where(
      tf.greater(agreement, 0),
      tf.fill(grad.shape, rpropIncrease),
      tf.where(flipped, tf.fill(grad.shape, rpropDecrease), tf.onesLike(grad)),
    );
    const step = tf.minimum(rpropMaxStep, tf.maximum(rpropMinStep, tf.mul(previousStep, factor)));
    const kept = tf.where(flipped, tf.zerosLike(grad), grad);
    previousGrad.assign(kept);
    previousStep.assign(step);
    return tf.mul(tf.sign(kept), step);
  }
}
