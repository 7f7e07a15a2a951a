import { type NetworkNames, type Pattern, type RegularizerOptions } from '@tsnets/core';
import { GaussianNoise } from './gaussian-noise';
import { layerOutputs } from './layer-outputs';
import { levelOptions } from './output-rewrite';

/**
 * Adds Gaussian noise to the last layer's `:out` (`output_noise`).
 *
 * No loss term of its own: each matched output `Z` becomes
 *
 *     Z + ε,   ε ~ N(0, σ² I)
 *
 * with σ the keyword's value (`std`) in every training step; the clean value
 * stays as `NAME-prenoise`. See `GaussianNoise` for the effect on the loss.
 *
 * In practice noise on the output blurs the targets the model is fitted
 * to, a weak regularizer mostly useful in experiments. Training steps only;
 * validation, `predict` and `score` see the clean graph unless asked.
 *
 * @example
 * await net.train(data, { output_noise: 0.1 });                               // std 0.1
 * await net.train(data, { output_noise: { std: 0.1, pattern: 'out:out' } }); // some outputs
 * net.feedForward(x, { output_noise: 0.1 });  // noisy outputs, clean ones as 'out:out-prenoise'
 *
 * Reference: P. Vincent, H. Larochelle, Y. Bengio & P.-A. Manzagol (ICML
 * 2008), "Extracting and composing robust features with denoising
 * autoencoders."
 */
export class OutputNoise extends GaussianNoise {
  /** One line for listings and the command line's help. */
  static override readonly summary: string = 'Gaussian noise of this std on the output, in training steps';

  /** A number is the std; an object holds the options (`{ std, pattern, rng }`). */
  static override fromValue(value: unknown): RegularizerOptions[] {
    return levelOptions('std', value);
  }

  /** The last layer's `:out`. */
  protected override defaultTargets(network: NetworkNames): Pattern {
    return layerOutputs(network, 'output', this.id);
  }
}
