import { Optimizer, tf } from '@tsnets/core';

/**
 * Stochastic gradient descent (`sgd`): a step of the learning rate `α`
 * times the gradient `g`,
 *
 *     δ = α g,   p' = p - δ
 *
 * with optional momentum (`momentum`, `nesterov`) on top. Settings used:
 * `learningRate` (default 1e-4). Example: `{ algo: 'sgd', learning_rate: 0.01, momentum: 0.9 }`.
 *
 * Reference: Rumelhart, Hinton & Williams (1986), "Learning representations
 * by back-propagating errors".
 */
export class SGD extends Optimizer {
  protected delta(_param: tf.Variable, grad: tf.Tensor): tf.Tensor {
    return tf.mul(grad, this.settings.learningRate);
  }
}
