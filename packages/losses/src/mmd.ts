import { DataError, Loss, matMul, tf, type LossOptions } from '@tsnets/core';
import { asFloat } from './float';
import { canonicalOptions, positiveOption } from './options';
import { lossMessages } from './messages';
import { checkWeights, expectShape } from './shapes';

/** Options of the maximum mean discrepancy loss. */
export interface MaximumMeanDiscrepancyOptions extends LossOptions {
  /** Bandwidth `σ` of the Gaussian kernel `exp(-‖a - b‖² / σ)` (theanets' `kernel`; default 1). */
  kernel?: number;
}

/**
 * Maximum mean discrepancy (`mmd`) between the batch of outputs `x_1..x_N`
 * and the batch of targets `y_1..y_M`, taken as two samples: the squared
 * distance between their mean embeddings under a kernel `k`,
 *
 *     L(x, y) = mean_jj' k(y_j, y_j') - 2 · mean_ji k(y_j, x_i) + mean_ii' k(x_i, x_i')
 *
 * with the Gaussian kernel `k(a, b) = exp(-‖a - b‖² / σ)` (`σ` is the
 * `kernel` option, default 1; each example is flattened to a vector). This
 * is theanets' biased (V-statistic) estimate. Unlike the other losses it
 * compares distributions, not pairs: any permutation of the targets gives
 * the same loss.
 *
 * With weights (the targets' shape), each example `n` gets the weight
 * `a_n` = the mean of its row of weights, and both samples are weighted by
 * it: with `p_n = a_n / Σ a`,
 *
 *     L_w = Σ_jj' p_j p_j' k(y_j, y_j') - 2 Σ_ji p_j p_i k(y_j, x_i) + Σ_ii' p_i p_i' k(x_i, x_i')
 *
 * the MMD between the two weighted empirical distributions, which equals the
 * unweighted loss when all weights are equal. (theanets ignores weights
 * here.) For another kernel, subclass and override `gram`. Example:
 * `new Regressor([7, 8, 5], { loss: { form: 'mmd', kernel: 2 } })`.
 *
 * Reference: A. Gretton et al., "A Kernel Method for the Two-Sample-Problem"
 * (NIPS 2007); Y. Li, K. Swersky, R. Zemel, "Generative Moment Matching
 * Networks" (ICML 2015).
 */
export class MaximumMeanDiscrepancy extends Loss {
  /** Bandwidth `σ` of the Gaussian kernel. */
  readonly kernel: number;

  constructor(options: MaximumMeanDiscrepancyOptions = {}) {
    const canonical = canonicalOptions('mmd', options, ['kernel']);
    super(canonical);
    this.kernel = positiveOption(
      'mmd',
      'kernel',
      canonical.kernel,
      1,
      'a positive number, the bandwidth σ of the Gaussian kernel exp(-|a - b|² / σ), e.g. 1 ' +
        '(for another kernel, subclass MaximumMeanDiscrepancy and override gram())',
    );
  }

  /**
   * The kernel matrix `K_ij = k(a_i, b_j)` of two sets of row vectors
   * (`[Na, D]` and `[Nb, D]`): here the Gaussian `exp(-‖a_i - b_j‖² / σ)`,
   * with `‖a - b‖² = ‖a‖² + ‖b‖² - 2 a·b` (clamped at 0 against rounding).
   */
  gram(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const aa = tf.sum(tf.square(a), 1, true);
      const bb = tf.reshape(tf.sum(tf.square(b), 1), [1, -1]);
      const cross = matMul(a, tf.transpose(b));
      const distance = tf.relu(tf.sub(tf.add(aa, bb), tf.mul(cross, 2)));
      return tf.exp(tf.div(distance, -this.kernel)) as tf.Tensor2D;
    });
  }

  /** The (weighted) MMD between the output and target samples. */
  compute(output: tf.Tensor, target: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
    this.checkSamples(output, target, weights);
    return tf.tidy(() => {
      const x = tf.reshape(output, [output.shape[0], -1]) as tf.Tensor2D;
      const y = tf.reshape(asFloat(target), [target.shape[0], -1]) as tf.Tensor2D;
      const yy = this.gram(y, y);
      const yx = this.gram(y, x);
      const xx = this.gram(x, x);
      if (weights === undefined) {
        return tf.add(tf.sub(tf.mean(yy), tf.mul(tf.mean(yx), 2)), tf.mean(xx)) as tf.Scalar;
      }
      const rows = tf.mean(tf.reshape(asFloat(weights), [weights.shape[0], -1]), 1);
      const p = tf.div(rows, tf.sum(rows));
      const quadratic = (k: tf.Tensor2D): tf.Tensor =>
        tf.sum(tf.mul(tf.mul(k, tf.reshape(p, [-1, 1])), tf.reshape(p, [1, -1])));
      return tf.add(tf.sub(quadratic(yy), tf.mul(quadratic(yx), 2)), quadratic(xx)) as tf.Scalar;
    });
  }

  /** Outputs and targets must be samples of the same kind of example; weights pair them row by row. */
  private checkSamples(output: tf.Tensor, target: tf.Tensor, weights?: tf.Tensor): void {
    const example = output.shape.slice(1);
    const fits =
      output.rank > 0 &&
      target.rank === output.rank &&
      target.shape[0] > 0 &&
      example.every((d, i) => d === target.shape[i + 1]);
    if (!fits) {
      throw new DataError(
        lossMessages.badShape(
          'mmd',
          'targets',
          target.shape,
          `[M, ${example.join(', ')}] for some M > 0 (M target examples, each of the shape of one output example)`,
          'Give the targets the per-example shape of the network output.',
        ),
        'targets',
      );
    }
    checkWeights('mmd', this.weighted, target, weights);
    if (weights !== undefined) {
      expectShape(
        'mmd',
        'targets',
        target,
        output.shape,
        'Weighted MMD weights each output together with its target row: give one target row per output row.',
      );
    }
  }

  /** Options from which an equal loss can be rebuilt, with the kernel bandwidth. */
  override toSpec(): Record<string, unknown> {
    return { ...super.toSpec(), kernel: this.kernel };
  }
}
