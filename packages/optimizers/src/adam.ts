import { FUSED_UPDATES, Optimizer, fusedUpdate, halflifeDecay, tf } from '@tsnets/core';

/**
 * Adam (`adam`): bias-corrected running averages of the gradient and of its
 * square; the step is their ratio. At the `t`-th step of a parameter
 *
 *     f' = β₁ f + (1 - β₁) g
 *     s' = β₂ s + (1 - β₂) g²
 *     δ  = α (f' / (1 - β₁ᵗ)) / (sqrt(s' / (1 - β₂ᵗ)) + ε)
 *
 * with `β₁ = exp(-ln 2 / beta1Halflife)` (halflife default 7, β₁ ≈ 0.906),
 * `β₂ = exp(-ln 2 / beta2Halflife)` (69, β₂ ≈ 0.990), `ε = rmsRegularizer`
 * (1e-8), `α = learningRate` (1e-4). This is Kingma & Ba's correction;
 * downhill's code instead divides by `1 - β₁` and `1 - β₂` and decays β₁
 * by `beta1_decay` per step (the two agree on the first step only).
 * Example: `{ algo: 'adam', learning_rate: 1e-3 }`.
 *
 * Reference: Kingma & Ba (2015), "Adam: a method for stochastic
 * optimization", Algorithm 1.
 */
export class Adam extends Optimizer {
  /** Steps taken so far, per parameter (by variable name). */
  private readonly steps = new Map<string, number>();

  /** Without momentum, one fused pass where the backend has the kernel; else `move` by `delta`. */
  protected override update(param: tf.Variable, grad: tf.Tensor, index: number): void {
    if (this.settings.momentum !== 0 || !this.fusable(FUSED_UPDATES.adam, Adam)) {
      return super.update(param, grad, index);
    }
    const { g1, g2, attrs } = this.next(param);
    const [next, nextG1, nextG2] = fusedUpdate(FUSED_UPDATES.adam, { param, grad, g1, g2 }, attrs);
    g1.assign(nextG1);
    g2.assign(nextG2);
    param.assign(next);
  }

  protected delta(param: tf.Variable, grad: tf.Tensor): tf.Tensor {
    const { g1, g2, attrs } = this.next(param);
    const { learningRate, beta1, beta2, epsilon, correction1, correction2 } = attrs;
    const nextG1 = tf.add(tf.mul(g1, beta1), tf.mul(grad, 1 - beta1));
    const nextG2 = tf.add(tf.mul(g2, beta2), tf.mul(tf.square(grad), 1 - beta2));
    g1.assign(nextG1);
    g2.assign(nextG2);
    const mean = tf.div(nextG1, correction1);
    const rms = tf.sqrt(tf.div(nextG2, correction2));
    return tf.div(tf.mul(mean, learningRate), tf.add(rms, epsilon));
  }

  /** Counts a step of `param`; its state slots and this step's constants (the fused kernel's attributes). */
  private next(param: tf.Variable) {
    const { learningRate, beta1Halflife, beta2Halflife, rmsRegularizer } = this.settings;
    const beta1 = halflifeDecay(beta1Halflife);
    const beta2 = halflifeDecay(beta2Halflife);
    const t = (this.steps.get(param.name) ?? 0) + 1;
    this.steps.set(param.name, t);
    return {
      g1: this.slot(param, 'g1'),
      g2: this.slot(param, 'g2'),
      attrs: {
        learningRate,
        beta1,
        beta2,
        epsilon: rmsRegularizer,
        correction1: 1 - beta1 ** t,
        correction2: 1 - beta2 ** t,
      },
    };
  }

  /** Frees the optimizer's state and restarts the bias correction. */
  override dispose(): void {
    super.dispose();
    this.steps.clear();
  }
}
