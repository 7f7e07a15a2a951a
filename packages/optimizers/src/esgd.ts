import { Optimizer, halflifeDecay, releasingTape, tf } from '@tsnets/core';

/**
 * Equilibrated SGD (`esgd`): SGD preconditioned by a running estimate of
 * the equilibration matrix, the row norms of the Hessian `H`. Each step
 * draws `v ~ N(0, 1)` for every parameter element and computes the
 * Hessian-vector product `Hv` by differentiating twice; since
 * `E[(Hv)ᵢ²] = Σⱼ Hᵢⱼ²`, its square averages to the squared row norm:
 *
 *     v  ~ N(0, I)
 *     D' = γ D + (1 - γ) (Hv)²
 *     δ  = α g / (sqrt(D') + ε)
 *
 * with `γ = exp(-ln 2 / rmsHalflife)` (default 14), `ε = rmsRegularizer`
 * (1e-8), `α = learningRate` (1e-4).
 *
 * `H` is the full Hessian of the objective over all the parameters being
 * trained: `Hv` is the gradient of `Σ_p g_p · v_p` with respect to every
 * parameter, so `(Hv)_p = Σ_q H_pq v_q` includes the curvature shared
 * between parameters (a layer's weights and bias, consecutive layers). That
 * is the method of the paper and costs one double backward pass per step
 * whatever the number of parameters. downhill instead uses each parameter's
 * diagonal block `H_pp v_p` (one pass per parameter), which ignores the
 * cross terms. `Hv` is taken of the objective's own gradient, before
 * `maxGradientElem`/`maxGradientNorm` clipping (which applies to `g` in
 * the step); downhill differentiates the clipped gradient.
 *
 * `v` comes from `settings.rng` (the trainer's seeded `RandomState`), one
 * `randn(size)` per parameter in the order the parameters are given, so a
 * seed reproduces a run. The objective is evaluated once per step. Example:
 * `{ algo: 'esgd', learning_rate: 0.01, rms_halflife: 100 }`.
 *
 * Reference: Dauphin, de Vries & Bengio (2015), "Equilibrated adaptive
 * learning rates for non-convex optimization".
 */
export class ESGD extends Optimizer {
  /** `Hv` for each parameter during a step. */
  private curvature: tf.Tensor[] = [];

  /**
   * One update: differentiates `objective` twice with respect to
   * `variables`, updates them, and returns the objective's value (owned by
   * the caller).
   */
  override step(objective: () => tf.Scalar, variables: readonly tf.Variable[]): tf.Scalar {
    try {
      return super.step(objective, variables);
    } finally {
      for (const hv of this.curvature) hv.dispose();
      this.curvature = [];
    }
  }

  /** The value and gradients, keeping the Hessian-vector products for `delta`. */
  protected override gradients(
    objective: () => tf.Scalar,
    variables: readonly tf.Variable[],
  ): { value: tf.Scalar; grads: tf.Tensor[] } {
    const list = variables as tf.Variable[];
    const noise = variables.map((v) => tf.tensor(Float32Array.from(this.settings.rng.randn(v.size)), v.shape));
    let value: tf.Scalar | undefined;
    let grads: tf.Tensor[] = [];
    try {
      const outer = releasingTape(() =>
        tf.variableGrads(() => {
          const inner = tf.variableGrads(objective, list);
          value = tf.keep(inner.value);
          grads = variables.map((v) => tf.keep(inner.grads[v.name] ?? tf.zerosLike(v)));
          const products = grads.map((g, i) => tf.sum(tf.mul(g, noise[i])));
          // Ties every parameter to the result, so a zero Hessian (a locally
          // linear objective) differentiates to zeros instead of throwing.
          const anchors = variables.map((v) => tf.mul(tf.sum(v), 0));
          return tf.addN([...products, ...anchors]) as tf.Scalar;
        }, list),
      );
      outer.value.dispose();
      this.curvature = variables.map((v) => outer.grads[v.name]);
      return { value: value as tf.Scalar, grads };
    } catch (error) {
      value?.dispose();
      for (const g of grads) g.dispose();
      throw error;
    } finally {
      for (const n of noise) n.dispose();
    }
  }

  protected delta(param: tf.Variable, grad: tf.Tensor, index: number): tf.Tensor {
    const { learningRate, rmsHalflife, rmsRegularizer } = this.settings;
    const decay = halflifeDecay(rmsHalflife);
    const hv = this.curvature[index];
    const d = this.slot(param, 'D');
    const next = tf.add(tf.mul(d, decay), tf.mul(tf.square(hv), 1 - decay));
    d.assign(next);
    return tf.div(tf.mul(grad, learningRate), tf.add(tf.sqrt(next), rmsRegularizer));
  }
}
