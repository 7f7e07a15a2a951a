import { Loss, tf, weightedMean, type LossOptions } from '@tsnets/core';
import { rowWeights } from './float';
import { labelledScores } from './labels';
import { canonicalOptions } from './options';
import { checkLabels } from './shapes';

/** Probabilities are clipped to `[CLIP, 1]` before the log, so a zero probability costs -log(1e-8) ≈ 18.4, not infinity. */
const CLIP = 1e-8;

/**
 * Cross-entropy (`xe`) of class probabilities against integer class labels:
 * for outputs `q` (rows of `K` probabilities, e.g. a softmax) and labels
 * `t_n ∈ [0, K)`, the mean negative log-probability of the true class,
 *
 *     L(q, t) = -1/N · Σ_n log clip(q_n[t_n], 1e-8, 1)
 *
 * and with one weight per label the weighted mean
 * `Σ w_n (-log clip(q_n[t_n], 1e-8, 1)) / Σ w_n`.
 *
 * This is the cross-entropy `-Σ_k p(k) log q(k)` with a one-hot target
 * distribution `p`. Targets are labels (`labels = true`): their shape is the
 * output's without its class axis. The default loss of classifiers. Example:
 * `new Classifier([64, 100, 10], { loss: 'xe', weighted: true })`.
 */
export class CrossEntropy extends Loss {
  static override readonly labels: boolean = true;

  constructor(options: LossOptions = {}) {
    super(canonicalOptions('xe', options));
  }

  /** The (weighted) mean of `-log clip(output[label], 1e-8, 1)`. */
  compute(output: tf.Tensor, labels: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
    checkLabels('xe', this.weighted, output, labels, weights);
    return tf.tidy(() => {
      const { truth } = labelledScores(output, labels);
      const surprise = tf.neg(tf.log(tf.clipByValue(truth, CLIP, 1)));
      return weightedMean(surprise, rowWeights(weights));
    });
  }
}
