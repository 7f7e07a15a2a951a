import {
  Regularizer,
  RegularizerError,
  tf,
  type Layer,
  type NetworkNames,
  type Parameter,
  type RegularizerOptions,
} from '@tsnets/core';
import { regularizerMessages } from './messages';

/**
 * The shared part of `weight_l1` and `weight_l2`: binds to the parameters
 * the pattern (default `'*'`) matches, keeping those of rank > 1 (weights,
 * not biases), and averages a per-parameter term over them.
 */
export abstract class WeightPenalty extends Regularizer {
  /** Options besides weight, pattern and rng. */
  static override readonly optionNames: readonly string[] = [];

  constructor(options: RegularizerOptions = {}) {
    super(options);
  }

  /** The penalty of one parameter, a scalar (`mean(|p|)`, `mean(p²)`). */
  protected abstract term(values: tf.Tensor): tf.Scalar;

  /** Matches the parameters, then keeps the weights (rank > 1). */
  override bind(network: NetworkNames): void {
    const found = this.match(network.params, '*', 'parameters');
    const ranks = new Map(network.layers.flatMap((layer) => layer.params.map((p) => [p.name, p.shape.length])));
    const weights = found.filter((name) => (ranks.get(name) ?? 0) > 1);
    if (weights.length === 0) {
      throw new RegularizerError(this.id, regularizerMessages.onlyVectors(this.id, this.pattern ?? '*', found));
    }
    this.matched = weights;
  }

  /** The mean of `term` over the bound weights. */
  override loss(layers: readonly Layer[]): tf.Scalar {
    if (this.matched.length === 0) throw new RegularizerError(this.id, regularizerMessages.notBound(this.id));
    const params = new Map<string, Parameter>(layers.flatMap((layer) => layer.params.map((p) => [p.name, p])));
    const terms = this.matched.map((name) => {
      const param = params.get(name);
      if (!param)
        throw new RegularizerError(
          this.id,
          regularizerMessages.missingName(this.id, 'parameter', name, [...params.keys()]),
        );
      return this.term(param.variable);
    });
    return tf.div(tf.addN(terms), terms.length);
  }
}
