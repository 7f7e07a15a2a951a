import { type NetworkNames, type Pattern, type RegularizerOptions } from '@tsnets/core';
import { GaussianNoise } from './gaussian-noise';
import { layerOutputs } from './layer-outputs';
import { levelOptions } from './output-rewrite';

/**
 * Adds Gaussian noise to the hidden layers (neither inputs nor the last layer)' `:out` (`hidden_noise`).
 *
 * No loss term of its own: each matched output `Z` becomes
 *
 *     Z + ε,   ε ~ N(0, σ² I)
 *
 * with σ the keyword's value (`std`) in every training step; the clean value
 * stays as `NAME-prenoise`. See `GaussianNoise` for the effect on the loss.
 *
 * In practice noise on hidden features makes the later layers robust to
 * small changes in the representation, which smooths the learned function. Training steps only;
 * validation, `predict` and `score` see the clean graph unless asked.
 *
 * @example
 * await net.train(data, { hidden_noise: 0.1 });                               // std 0.1
 * await net.train(data, { hidden_noise: { std: 0.1, pattern: 'hid1:out' } }); // some outputs
 * net.feedForward(x, { hidden_noise: 0.1 });  // noisy outputs, clean ones as 'hid1:out-prenoise'
 *
 * Reference: P. Vincent, H. Larochelle, Y. Bengio & P.-A. Manzagol (ICML
 * 2008), "Extracting and composing robust features with denoising
 * autoencoders."
 */
export class HiddenNoise extends GaussianNoise {
  /** One line for listings and the command line's help. */
  static override readonly summary: string = 'Gaussian noise of this std on the hidden layers, in training steps';

  /** A number is the std; an object holds the options (`{ std, pattern, rng }`). */
  static override fromValue(value: unknown): RegularizerOptions[] {
    return levelOptions('std', value);
  }

  /** The hidden layers' `:out`. */
  protected override defaultTargets(network: NetworkNames): Pattern {
    return layerOutputs(network, 'hidden', this.id);
  }
}
