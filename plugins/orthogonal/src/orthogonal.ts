import {
  RegularizerError,
  Regularizer,
  matMul,
  messages,
  regularizer,
  tf,
  type Layer,
  type NetworkNames,
  type RegularizerOptions,
  type RegularizerValue,
} from '@tsnets/core';

/** The npm package this plugin is published as. */
export const PACKAGE = '@tsnets/plugin-orthogonal';

/** Which Gram matrix `orthogonal` penalizes. */
export type OrthogonalMode = 'columns' | 'rows';

const MODES: readonly OrthogonalMode[] = ['columns', 'rows'];

/** Options of `orthogonal`, besides `weight` and `pattern`. */
export interface OrthogonalOptions extends RegularizerOptions {
  /** `columns` (default): WᵀW, the units' incoming weight vectors; `rows`: WWᵀ, each input's outgoing weights. */
  mode?: OrthogonalMode;
}

declare module '@tsnets/core' {
  interface RegularizerKeywords {
    /** Squared off-diagonal entries of each matched weight matrix's Gram matrix, times the weight. */
    orthogonal?: RegularizerValue<OrthogonalOptions>;
  }
}

/**
 * Penalizes correlated weight vectors (`orthogonal`): the off-diagonal
 * entries of the Gram matrix of each matched weight matrix.
 *
 * Loss term, over the set Ω of matched rank-2 parameters (default pattern
 * `*`), with G = WᵀW (mode `columns`) or G = WWᵀ (mode `rows`):
 *
 *     R = 1/|Ω| · Σ_{W ∈ Ω} Σ_{i ≠ j} G_ij²
 *
 * In practice it pushes the units of a layer to detect different features
 * (their weight vectors become orthogonal), which reduces redundancy and
 * keeps the layer's map well conditioned. The diagonal (the squared norms)
 * is free: combine with `weight_l2` to bound the norms too.
 *
 * @example
 * await net.train([x, y], { orthogonal: 1e-3 });
 * await net.train([x, y], { orthogonal: { weight: 1e-3, mode: 'rows', pattern: 'hid1.w' } });
 */
@regularizer('orthogonal', { package: PACKAGE })
export class Orthogonal extends Regularizer {
  /** Options besides weight, pattern and rng. */
  static override readonly optionNames: readonly string[] = ['mode'];

  readonly mode: OrthogonalMode;

  constructor(options: OrthogonalOptions = {}) {
    super(options);
    const mode = options.mode ?? 'columns';
    if (!MODES.includes(mode)) {
      throw new RegularizerError(
        this.id,
        messages.badRegularizerOption(this.id, 'mode', mode, `one of ${MODES.map((m) => `'${m}'`).join(', ')}`),
      );
    }
    this.mode = mode;
  }

  /** Matches the pattern (default `*`) against the network's rank-2 parameters. */
  override bind(network: NetworkNames): void {
    this.matchMatrices(network);
  }

  /** The mean over matched matrices of the sum of squared off-diagonal Gram entries. */
  override loss(layers: readonly Layer[]): tf.Scalar {
    const matrices = this.matchedParameters(layers);
    return tf.tidy(() => {
      const terms = matrices.map((param) => {
        const w = param.variable as tf.Tensor2D;
        // Explicit transposes keep matMul plain (fast on wasm; see core's matMul).
        const gram = this.mode === 'columns' ? matMul(tf.transpose(w), w) : matMul(w, tf.transpose(w));
        const offDiagonal = tf.sub(1, tf.eye(gram.shape[0]));
        return tf.sum(tf.square(tf.mul(gram, offDiagonal)));
      });
      return tf.div(tf.addN(terms), terms.length) as tf.Scalar;
    });
  }
}
