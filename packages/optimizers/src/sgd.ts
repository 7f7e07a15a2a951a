import { FUSED_UPDATES, Optimizer, fusedUpdate, tf } from '@tsnets/core';

/**
 * Stochastic gradient descent (`sgd`): a step of the learning rate `α`
 * times the gradient `g`,
 *
 *     δ = α g,   p' = p - δ
 *
 * with optional momentum (`momentum`, `nesterov`) on top, in one pass over
 * each parameter where the backend has a fused kernel. Settings used:
 * `learningRate` (default 1e-4). Example: `{ algo: 'sgd', learning_rate: 0.01, momentum: 0.9 }`.
 *
 * Reference: Rumelhart, Hinton & Williams (1986), "Learning representations
 * by back-propagating errors".
 */
export class SGD extends Optimizer {
  /** One fused pass where the backend has the kernel; else `move` by `delta`. */
  protected override update(param: tf.Variable, grad: tf.Tensor, index: number): void {
    if (!this.fusable(FUSED_UPDATES.sgd, SGD)) return super.update(param, grad, index);
    const { learningRate, momentum, nesterov } = this.settings;
    const velocity = momentum === 0 ? undefined : this.slot(param, 'velocity');
    const inputs: Record<string, tf.Tensor> = velocity ? { param, grad, velocity } : { param, grad };
    const [next, nextVelocity] = fusedUpdate(FUSED_UPDATES.sgd, inputs, { learningRate, momentum, nesterov });
    param.assign(next);
    velocity?.assign(nextVelocity);
  }

  protected delta(_param: tf.Variable, grad: tf.Tensor): tf.Tensor {
    return tf.mul(grad, this.settings.learningRate);
  }
}
