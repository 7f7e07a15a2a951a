import {
  Input,
  RegularizerError,
  Regularizer,
  messages,
  regularizer,
  tf,
  type Layer,
  type NetworkNames,
  type Outputs,
  type RegularizerOptions,
  type RegularizerValue,
} from '@tsnets/core';
import { klMessages } from './messages';

/** The npm package this plugin is published as. */
export const PACKAGE = '@tsnets/plugin-kl-sparsity';

/** Options of `kl_sparsity`, besides `weight` and `pattern`. */
export interface KLSparsityOptions extends RegularizerOptions {
  /** The target mean activation of every unit, in (0, 1); default 0.05. */
  rho?: number;
  /** Mean activations are clipped to (eps, 1 - eps) so the logs stay finite; in (0, 0.5), default 1e-6. */
  eps?: number;
}

declare module '@tsnets/core' {
  interface RegularizerKeywords {
    /** KL divergence of each hidden unit's mean activation from a target rate `rho` (default 0.05), times the weight. */
    kl_sparsity?: RegularizerValue<KLSparsityOptions>;
  }
}

/**
 * The sparse-autoencoder penalty (`kl_sparsity`): keeps each hidden unit's
 * mean activation over a batch near a small target rate ρ.
 *
 * Loss term, over the set Ω of matched outputs (default: every hidden
 * layer's `:out`), with ρ̂_j the mean of unit j over the batch, clipped to
 * (ε, 1 − ε):
 *
 *     R = 1/|Ω| · Σ_{H ∈ Ω} Σ_j [ ρ log(ρ / ρ̂_j) + (1 − ρ) log((1 − ρ) / (1 − ρ̂_j)) ]
 *
 * In practice each unit fires on a fraction ρ of the examples: the units
 * specialize, and the code is sparse without the activations being driven
 * to exactly zero. It assumes activations in [0, 1] (`logistic`); with
 * `relu` a mean above 1 is clipped and only the penalty's bound applies.
 *
 * @example
 * await net.train([x], { kl_sparsity: 0.1 });
 * await net.train([x], { kl_sparsity: { weight: 0.1, rho: 0.02, pattern: 'hid1:out' } });
 */
@regularizer('kl_sparsity', { package: PACKAGE })
export class KLSparsity extends Regularizer {
  /** Options besides weight, pattern and rng. */
  static override readonly optionNames: readonly string[] = ['rho', 'eps'];

  readonly rho: number;
  readonly eps: number;

  constructor(options: KLSparsityOptions = {}) {
    super(options);
    this.rho = this.fraction('rho', options.rho ?? 0.05, 1, 'a number in (0, 1), the target mean activation');
    this.eps = this.fraction('eps', options.eps ?? 1e-6, 0.5, 'a number in (0, 0.5), the clipping margin');
  }

  private fraction(option: string, value: unknown, below: number, expected: string): number {
    if (typeof value !== 'number' || !(value > 0 && value < below)) {
      throw new RegularizerError(this.id, messages.badRegularizerOption(this.id, option, value, expected));
    }
    return value;
  }

  /** Matches the outputs (default: the hidden layers' `:out`). */
  override bind(network: NetworkNames): void {
    this.match(network.outputs, this.pattern ?? hiddenOutputs(network, this.id), 'outputs');
  }

  /** The mean over matched outputs of Σ_j KL(ρ ‖ ρ̂_j). */
  override loss(_layers: readonly Layer[], outputs: Outputs): tf.Scalar {
    const names = this.targets();
    if (names.length === 0) throw new RegularizerError(this.id, klMessages.notBound(this.id));
    const { rho, eps } = this;
    return tf.tidy(() => {
      const terms = names.map((name) => {
        const h = outputs.get(name);
        if (!h) throw new RegularizerError(this.id, klMessages.missingOutput(this.id, name, [...outputs.keys()]));
        const units = h.shape[h.rank - 1] ?? 1;
        const mean = tf.clipByValue(tf.mean(tf.reshape(h, [-1, units]), 0), eps, 1 - eps);
        const kl = tf.add(
          tf.mul(rho, tf.log(tf.div(rho, mean))),
          tf.mul(1 - rho, tf.log(tf.div(1 - rho, tf.sub(1, mean)))),
        );
        return tf.sum(kl);
      });
      return tf.div(tf.addN(terms), terms.length) as tf.Scalar;
    });
  }
}

/** The `:out` names of the hidden layers: neither inputs nor the last layer. */
function hiddenOutputs(network: NetworkNames, id: string): string[] {
  const layers = network.layers;
  const hidden = layers.filter((layer, i) => !(layer instanceof Input) && i < layers.length - 1);
  if (hidden.length === 0) {
    throw new RegularizerError(
      id,
      klMessages.noHiddenLayers(
        id,
        layers.map((layer) => layer.name),
      ),
    );
  }
  return hidden.map((layer) => layer.outputName);
}
