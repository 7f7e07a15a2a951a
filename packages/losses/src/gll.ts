import {
  ConfigurationError,
  Loss,
  NotFoundError,
  tf,
  weightedMean,
  type LossOptions,
  type Outputs,
} from '@tsnets/core';
import { asFloat } from './float';
import { canonicalOptions, outputNameOption, positiveOption } from './options';
import { checkTargets, expectShape } from './shapes';

const LOG_TWO_PI = Math.log(2 * Math.PI);

/** Options of the Gaussian log-likelihood loss. */
export interface GaussianLogLikelihoodOptions extends LossOptions {
  /** The output holding the mean `μ`: a layer name (`mean`) or a full output name (`mean:out`). Default `mean`. */
  meanName?: string;
  /** The output holding the diagonal covariance (the variances `σ²`). Default `covar`. */
  covarName?: string;
  /** Added to `|covar|` so the variance stays positive (default 1e-3). */
  covarEps?: number;
}

/**
 * Gaussian log-likelihood (`gll`): the negative log-likelihood of the
 * targets `y` under a Gaussian with diagonal covariance whose mean `μ` and
 * variances come from two network outputs (`meanName`, `covarName`). With
 * `v = |covar| + covarEps` and `d` the size of the last axis, each example's
 * loss is the true Gaussian NLL
 *
 *     -log p(y | μ, v) = 1/2 · Σ_i [ log 2π + log v_i + (y_i - μ_i)² / v_i ]
 *
 * and the loss is its mean over examples. With weights `w` of the targets'
 * shape each term `l_ni = 1/2 (log 2π + log v_ni + (y_ni - μ_ni)²/v_ni)` is
 * weighted: `L_w = d · Σ w_ni l_ni / Σ w_ni`, which equals the unweighted
 * loss when all weights are equal.
 *
 * This differs from theanets, whose version has two slips: it takes
 * `log Σ_i λ_i` for the log-determinant of the precision `Λ = diag(λ)`
 * instead of `Σ_i log λ_i`, and uses `ηᵀΛη` for the constant instead of
 * `ηᵀΛ⁻¹η = μᵀΛμ` (with `η = Λμ`). Both make it disagree with the Gaussian
 * density; here the loss is `-log N(y; μ, diag(v))` exactly.
 *
 * The loss's own output (`outputName`, which sizes the targets) is the mean
 * output. Example:
 *
 *     const net = new Regressor([7, { name: 'hid', size: 8 },
 *       { name: 'covar', size: 5, inputs: 'hid', activation: 'relu' },
 *       { name: 'mean', size: 5, inputs: 'hid' }]);
 *     net.setLoss({ form: 'gll', meanName: 'mean', covarName: 'covar' });
 */
export class GaussianLogLikelihood extends Loss {
  /** The full name of the mean output. */
  readonly meanName: string;
  /** The full name of the variance output. */
  readonly covarName: string;
  /** Added to `|covar|` to keep the variance positive. */
  readonly covarEps: number;

  constructor(options: GaussianLogLikelihoodOptions = {}) {
    const canonical = canonicalOptions('gll', options, ['meanName', 'covarName', 'covarEps']);
    const meanName = outputNameOption('gll', 'meanName', canonical.meanName, 'mean');
    super({ ...canonical, outputName: meanName });
    this.meanName = meanName;
    this.covarName = outputNameOption('gll', 'covarName', canonical.covarName, 'covar');
    this.covarEps = positiveOption(
      'gll',
      'covarEps',
      canonical.covarEps,
      1e-3,
      'a positive number such as 1e-3, added to |covar| to keep the variance away from 0',
    );
    if (this.covarName === this.meanName) {
      throw new ConfigurationError(
        `Loss "gll" reads its mean and its variance from the same output "${this.meanName}". ` +
          'Give the variance its own layer and name it with covarName (and the mean with meanName).',
      );
    }
  }

  /** The loss of the graph's mean and variance outputs against `target`. */
  override evaluate(outputs: Outputs, target: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
    const find = (name: string): tf.Tensor => {
      const found = outputs.get(name);
      if (!found) throw new NotFoundError('output', name, [...outputs.keys()]);
      return found;
    };
    return this.negativeLogLikelihood(find(this.meanName), find(this.covarName), target, weights);
  }

  /**
   * This loss needs two outputs, so `compute` with one cannot give it: use
   * `evaluate(outputs, target, weights)` or
   * `negativeLogLikelihood(mean, covar, target, weights)`.
   */
  compute(_output: tf.Tensor, _target: tf.Tensor, _weights?: tf.Tensor): tf.Scalar {
    throw new ConfigurationError(
      'Loss "gll" needs two outputs (the mean and the variance), so compute(output, target) cannot give it. ' +
        'Call evaluate(outputs, target, weights) with the graph outputs, or negativeLogLikelihood(mean, covar, target, weights).',
    );
  }

  /** The (weighted) Gaussian NLL of `target` under mean `mean` and variances `|covar| + covarEps`. */
  negativeLogLikelihood(mean: tf.Tensor, covar: tf.Tensor, target: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
    checkTargets('gll', this.weighted, mean, target, weights);
    expectShape(
      'gll',
      `variances (${this.covarName})`,
      covar,
      mean.shape,
      `The variance output must have the shape of the mean output (${this.meanName}).`,
    );
    const dims = mean.rank === 0 ? 1 : mean.shape[mean.rank - 1];
    return tf.tidy(() => {
      const variance = tf.add(tf.abs(covar), this.covarEps);
      const squared = tf.div(tf.squaredDifference(asFloat(target), mean), variance);
      const terms = tf.mul(tf.add(tf.add(tf.log(variance), squared), LOG_TWO_PI), 0.5);
      return tf.mul(weightedMean(terms, weights && asFloat(weights)), dims) as tf.Scalar;
    });
  }

  /** Options from which an equal loss can be rebuilt, with the output names and `covarEps`. */
  override toSpec(): Record<string, unknown> {
    return { ...super.toSpec(), meanName: this.meanName, covarName: this.covarName, covarEps: this.covarEps };
  }
}
