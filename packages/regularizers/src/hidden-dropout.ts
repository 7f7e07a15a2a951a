import { type NetworkNames, type Pattern, type RegularizerOptions } from '@tsnets/core';
import { BernoulliDropout } from './bernoulli-dropout';
import { layerOutputs } from './layer-outputs';
import { levelOptions } from './output-rewrite';

/**
 * Drops random values of the hidden layers (neither inputs nor the last layer)' `:out` (`hidden_dropout`).
 *
 * No loss term of its own: each matched output `Z` becomes
 *
 *     Z ⊙ ρ / (1 − p),   ρ_i ~ Bernoulli(1 − p)
 *
 * with p the keyword's value (`rate`, in [0, 1)) in every training step; the
 * clean value stays as `NAME-predrop`. See `BernoulliDropout` for the effect
 * on the loss.
 *
 * In practice dropping hidden units keeps them from co-adapting: each
 * must be useful when others are missing (rates around 0.5). Training steps only;
 * validation, `predict` and `score` see the clean graph unless asked.
 *
 * @example
 * await net.train(data, { hidden_dropout: 0.2 });                                // rate 0.2
 * await net.train(data, { hidden_dropout: { rate: 0.2, pattern: 'hid1:out' } }); // some outputs
 * net.predict(x, { hidden_dropout: 0.2 });  // Monte Carlo dropout: a new mask each call
 *
 * Reference: G. E. Hinton, N. Srivastava, A. Krizhevsky, I. Sutskever & R.
 * R. Salakhutdinov (2012), "Improving neural networks by preventing
 * co-adaptation of feature detectors," arXiv:1207.0580.
 */
export class HiddenDropout extends BernoulliDropout {
  /** One line for listings and the command line's help. */
  static override readonly summary: string = 'dropout at this rate on the hidden layers, in training steps';

  /** A number is the rate; an object holds the options (`{ rate, pattern, rng }`). */
  static override fromValue(value: unknown): RegularizerOptions[] {
    return levelOptions('rate', value);
  }

  /** The hidden layers' `:out`. */
  protected override defaultTargets(network: NetworkNames): Pattern {
    return layerOutputs(network, 'hidden', this.id);
  }
}
