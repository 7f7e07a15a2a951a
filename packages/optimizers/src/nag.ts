import type { OptimizerSettings } from '@tsnets/core';
import { SGD } from './sgd';

/**
 * Nesterov's accelerated gradient (`nag`): SGD with Nesterov momentum always
 * on, whatever `nesterov` says. With momentum `μ`, step `δ = α g` and
 * velocity `v`,
 *
 *     v' = μ v - δ,   p' = p + μ² v - (1 + μ) δ
 *
 * which evaluates the gradient, in effect, where momentum is about to carry
 * the parameters. Without `momentum` (default 0) it is plain SGD, as in
 * downhill. Example: `{ algo: 'nag', learning_rate: 0.01, momentum: 0.9 }`.
 *
 * Reference: Sutskever, Martens, Dahl & Hinton (2013), "On the importance of
 * initialization and momentum in deep learning".
 */
export class NAG extends SGD {
  constructor(settings: OptimizerSettings) {
    super({ ...settings, nesterov: true });
  }
}
