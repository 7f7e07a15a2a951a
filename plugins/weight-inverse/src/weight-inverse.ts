import { Regularizer, regularizer, tf, type Layer, type NetworkNames, type RegularizerValue } from '@tsnets/core';

declare module '@tsnets/core' {
  interface RegularizerKeywords {
    /** Sum over the matched weight matrices (default every one) of 1 / |column|² times the weight: keeps every unit's weights away from zero. */
    weightinverse?: RegularizerValue;
  }
}

/** The npm package this plugin is published as. */
export const PACKAGE = '@tsnets/plugin-weight-inverse';

/**
 * Penalizes weight matrices whose columns are short (`weightinverse`), the
 * custom regularizer of the theanets documentation.
 *
 * Loss term, over the set Ω of matched rank-2 parameters (default pattern
 * `*`; biases and other vectors are never matched):
 *
 *     R = Σ_{W ∈ Ω} Σ_j 1 / Σ_i W_ij²
 *
 * In practice it keeps every unit's incoming weight vector away from zero,
 * so no unit dies; paired with `hidden_l1` it stops the network from
 * shrinking weights to make activations sparse cheaply.
 *
 * @example
 * await net.train([x], { hidden_l1: 0.001, weightinverse: 0.001 });
 * await net.train([x], { weightinverse: { weight: 0.001, pattern: 'hid1.w' } });
 */
@regularizer('weightinverse', { package: PACKAGE })
export class WeightInverse extends Regularizer {
  /** Options besides weight, pattern and rng. */
  static override readonly optionNames: readonly string[] = [];

  /** Matches the pattern (default `*`) against the network's rank-2 parameters. */
  override bind(network: NetworkNames): void {
    this.matchMatrices(network);
  }

  /** The sum over matched matrices of the sum over columns of 1 / (squared column norm). */
  override loss(layers: readonly Layer[]): tf.Scalar {
    const matrices = this.matchedParameters(layers);
    return tf.tidy(() =>
      tf.addN(matrices.map((param) => tf.sum(tf.reciprocal(tf.sum(tf.square(param.variable), 0))))),
    ) as tf.Scalar;
  }
}
