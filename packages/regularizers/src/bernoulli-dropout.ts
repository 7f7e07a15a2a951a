import { messages, RegularizerError, tf, type NetworkNames, type Pattern, type RegularizerOptions } from '@tsnets/core';
import { levelsByGlob, OutputRewrite, type LevelSpec } from './output-rewrite';

/** Options of the dropout regularizers. */
export interface BernoulliDropoutOptions extends RegularizerOptions {
  /** The probability of dropping a value, in [0, 1). */
  rate?: number;
  /**
   * Sequences `[N, T, units]` only: one mask per sequence, the same units
   * dropped at every time step. Default false: a new mask at every step.
   */
  per_sequence?: boolean;
}

const DROPOUT: LevelSpec = {
  option: 'rate',
  valid: (rate) => rate >= 0 && rate < 1,
  expected: 'a number in [0, 1) (the fraction of values dropped), e.g. 0.2',
  suffix: '-predrop',
};

/**
 * Sets randomly chosen values of graph outputs to zero (`dropout`;
 * `input_dropout`, `hidden_dropout` and `output_dropout` choose the outputs
 * for you).
 *
 * No loss term of its own: it changes the data loss. For a one-hidden-layer
 * regression under squared error, `L = ‖V(W x + b) + c − y‖²` becomes
 *
 *     L = ‖V(W (x ⊙ ρ / (1 − p)) + b) + c − y‖²,   ρ_i ~ Bernoulli(1 − p)
 *
 * where p is `rate`: inverted dropout, so each value keeps its expectation
 * and the clean graph needs no rescaling at predict time. The clean value
 * stays in the outputs as `NAME-predrop`. Masks come from a seeded generator
 * (`rng`, default 13), anew in every training step.
 *
 * In practice it keeps units from co-adapting: each must be useful when
 * others are missing, which regularizes strongly. Training steps only;
 * validation, `predict` and `score` see the clean graph unless the keyword
 * is passed to them, which gives Monte Carlo dropout.
 *
 * @example
 * await net.train(data, { dropout: { 'hid[23]:out': 0.5, 'in:out': 0.2 } }); // rate by glob
 * await net.train(data, { regularizers: [new BernoulliDropout({ rate: 0.3, pattern: 'hid1:out' })] });
 * net.predict(x, { dropout: { 'hid?:out': 0.3 } });   // MC dropout: a new mask each call
 *
 * Reference: G. E. Hinton, N. Srivastava, A. Krizhevsky, I. Sutskever & R.
 * R. Salakhutdinov (2012), "Improving neural networks by preventing
 * co-adaptation of feature detectors," arXiv:1207.0580.
 */
export class BernoulliDropout extends OutputRewrite {
  /** One line for listings and the command line's help. */
  static override readonly summary: string = 'dropout on outputs by glob (glob=rate), in training steps';

  /** Options besides weight, pattern and rng. */
  static override readonly optionNames: readonly string[] = ['rate', 'per_sequence'];

  /** A number is the rate for every `:out`; an object gives a rate per glob (one instance each). */
  static override fromValue(value: unknown): RegularizerOptions[] {
    return levelsByGlob('rate', value);
  }

  constructor(options: BernoulliDropoutOptions = {}) {
    super(options, DROPOUT);
    const perSequence = options.per_sequence;
    if (perSequence !== undefined && typeof perSequence !== 'boolean') {
      throw new RegularizerError(
        this.id,
        messages.badRegularizerOption(this.id, 'per_sequence', perSequence, 'true or false'),
      );
    }
  }

  /** The dropout rate. */
  get rate(): number {
    return this.level;
  }

  /** Every layer's outputs named `*:out`. */
  protected defaultTargets(_network: NetworkNames): Pattern {
    return '*:out';
  }

  /** `value ⊙ mask / (1 − rate)` with `mask ~ Bernoulli(1 − rate)` (one per sequence with `per_sequence`). */
  protected rewrite(value: tf.Tensor): tf.Tensor {
    const keep = 1 - this.level;
    const perSequence = (this.options as BernoulliDropoutOptions).per_sequence === true && value.rank === 3;
    // One mask per sequence is one draw per unit, broadcast over the time axis.
    const shape = perSequence ? [value.shape[0], 1, value.shape[2] as number] : value.shape;
    const uniform = tf.randomUniform(shape, 0, 1, 'float32', this.seed());
    const mask = tf.cast(tf.less(uniform, keep), 'float32');
    return tf.mul(value, tf.div(mask, keep));
  }
}
