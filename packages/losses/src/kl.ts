import { Loss, tf, weightedMean, type LossOptions } from '@tsnets/core';
import { asFloat } from './float';
import { canonicalOptions } from './options';
import { checkTargets } from './shapes';

/** Both distributions are clipped to `[EPS, 1 - EPS]` so the log and the ratio stay finite. */
const EPS = 1e-8;

/**
 * Kullback-Leibler divergence (`kl`, alias `kld`) of the output
 * distribution `x` from the target distribution `t` (each row a
 * distribution over the output's dimensions, e.g. a softmax output), as
 * theanets computes it: with `c(v) = clip(v, 1e-8, 1 - 1e-8)`, the mean over
 * examples and dimensions of the magnitude of each term,
 *
 *     L(x, t) = 1/(N d) · Σ_n Σ_i | c(t_ni) · log(c(t_ni) / c(x_ni)) |
 *
 * and with weights of the targets' shape the weighted mean
 * `Σ w_ni |c(t_ni) log(c(t_ni)/c(x_ni))| / Σ w_ni`.
 *
 * Note that this is the theanets formula: it averages over dimensions (the
 * textbook KL sums, so this is KL/d) and takes each term's absolute value,
 * so it is zero exactly when `x = t` (after clipping) and never negative,
 * even for unnormalized rows. Example:
 * `new Regressor([7, 8, [5, 'softmax']], { loss: 'kl' })`.
 */
export class KullbackLeiblerDivergence extends Loss {
  constructor(options: LossOptions = {}) {
    super(canonicalOptions('kl', options));
  }

  /** The (weighted) mean of `|c(t) log(c(t) / c(output))|`. */
  compute(output: tf.Tensor, target: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
    checkTargets('kl', this.weighted, output, target, weights);
    return tf.tidy(() => {
      const t = tf.clipByValue(asFloat(target), EPS, 1 - EPS);
      const x = tf.clipByValue(output, EPS, 1 - EPS);
      const terms = tf.mul(t, tf.log(tf.div(t, x)));
      return weightedMean(tf.abs(terms), weights && asFloat(weights));
    });
  }
}
