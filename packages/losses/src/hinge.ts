import { Loss, tf, weightedMean, type LossOptions } from '@tsnets/core';
import { rowWeights } from './float';
import { labelledScores } from './labels';
import { canonicalOptions } from './options';
import { checkLabels } from './shapes';

/**
 * Multiclass hinge loss (`hinge`) against integer class labels: for each
 * example, how far the largest class score exceeds the score of the true
 * class `t_n`,
 *
 *     L(x, t) = 1/N · Σ_n max(0, max_k x_nk - x_n[t_n])
 *
 * and with one weight per label the weighted mean
 * `Σ w_n max(0, max_k x_nk - x_n[t_n]) / Σ w_n`.
 *
 * As in theanets there is no margin: the loss is 0 whenever the true class
 * has the largest score (ties included) and grows linearly with the gap
 * otherwise. Targets are labels (`labels = true`). Example:
 * `new Classifier([64, 100, 10], { loss: 'hinge' })`.
 */
export class Hinge extends Loss {
  static override readonly labels: boolean = true;

  constructor(options: LossOptions = {}) {
    super(canonicalOptions('hinge', options));
  }

  /** The (weighted) mean of `max(0, max_k output_k - output[label])`. */
  compute(output: tf.Tensor, labels: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
    checkLabels('hinge', this.weighted, output, labels, weights);
    return tf.tidy(() => {
      const { scores, truth } = labelledScores(output, labels);
      const gap = tf.max(tf.sub(scores, tf.expandDims(truth, 1)), -1);
      return weightedMean(tf.maximum(gap, 0), rowWeights(weights));
    });
  }
}
