import { tf, type NetworkNames, type Pattern, type RegularizerOptions } from '@tsnets/core';
import { levelsByGlob, OutputRewrite, type LevelSpec } from './output-rewrite';

/** Options of the noise regularizers. */
export interface GaussianNoiseOptions extends RegularizerOptions {
  /** Standard deviation of the noise (finite, >= 0). */
  std?: number;
}

const NOISE: LevelSpec = {
  option: 'std',
  valid: (std) => Number.isFinite(std) && std >= 0,
  expected: 'a finite number >= 0 (the standard deviation), e.g. 0.1',
  suffix: '-prenoise',
};

/**
 * Adds isotropic Gaussian noise to graph outputs (`noise`; `input_noise`,
 * `hidden_noise` and `output_noise` choose the outputs for you).
 *
 * No loss term of its own: it changes the data loss. For a one-hidden-layer
 * regression under squared error, `L = ‖V(W x + b) + c − y‖²` becomes
 *
 *     L = ‖V(W (x + ε) + b) + c − y‖²,   ε ~ N(0, σ² I)
 *
 * where σ is `std`. The clean value stays in the outputs as
 * `NAME-prenoise`. Noise is drawn from a seeded generator (`rng`, default
 * 13), anew in every training step.
 *
 * In practice it makes the model robust to perturbed inputs or features:
 * noisy points must map close to their clean targets, so representations
 * tend to ignore directions off the data manifold (as `contractive` does
 * analytically). Training steps only; validation, `predict` and `score` see
 * the clean graph unless the keyword is passed to them.
 *
 * @example
 * await net.train(data, { noise: { 'hid[23]:out': 0.1, 'in:out': 0.01 } }); // std by glob
 * await net.train(data, { regularizers: [new GaussianNoise({ std: 0.1, pattern: 'hid1:out' })] });
 * net.predict(x, { noise: { 'in:out': 0.1 } });   // noisy predictions, different each call
 *
 * Reference: P. Vincent, H. Larochelle, Y. Bengio & P.-A. Manzagol (ICML
 * 2008), "Extracting and composing robust features with denoising
 * autoencoders."
 */
export class GaussianNoise extends OutputRewrite {
  /** One line for listings and the command line's help. */
  static override readonly summary: string = 'Gaussian noise on outputs by glob (glob=std), in training steps';

  /** Options besides weight, pattern and rng. */
  static override readonly optionNames: readonly string[] = ['std'];

  /** A number is the std for every `:out`; an object gives a std per glob (one instance each). */
  static override fromValue(value: unknown): RegularizerOptions[] {
    return levelsByGlob('std', value);
  }

  constructor(options: GaussianNoiseOptions = {}) {
    super(options, NOISE);
  }

  /** The standard deviation. */
  get std(): number {
    return this.level;
  }

  /** Every layer's outputs named `*:out`. */
  protected defaultTargets(_network: NetworkNames): Pattern {
    return '*:out';
  }

  /** `value + N(0, std²)`. */
  protected rewrite(value: tf.Tensor): tf.Tensor {
    return tf.add(value, tf.randomNormal(value.shape, 0, this.level, 'float32', this.seed()));
  }
}
