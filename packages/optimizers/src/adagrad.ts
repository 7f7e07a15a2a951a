import { Optimizer, tf } from '@tsnets/core';

/**
 * AdaGrad (`adagrad`): each element's step is the learning rate divided by
 * the root of its accumulated squared gradients,
 *
 *     s' = s + g²
 *     δ  = α g / sqrt(s' + ε)
 *
 * so steps shrink as training goes on (an automatic annealing). Settings:
 * `learningRate` `α` (default 1e-4), `rmsRegularizer` `ε` (default 1e-8).
 * Example: `{ algo: 'adagrad', learning_rate: 0.1 }`.
 *
 * Reference: Duchi, Hazan & Singer (2011), "Adaptive subgradient methods for
 * online learning and stochastic optimization".
 */
export class AdaGrad extends Optimizer {
  protected delta(param: tf.Variable, grad: tf.Tensor): tf.Tensor {
    const { learningRate, rmsRegularizer } = this.settings;
    const g2 = this.slot(param, 'g2');
    const next = tf.add(g2, tf.square(grad));
    g2.assign(next);
    return tf.div(tf.mul(grad, learningRate), tf.sqrt(tf.add(next, rmsRegularizer)));
  }
}
