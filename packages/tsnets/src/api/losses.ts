/** The built-in losses and their helpers: `import { losses } from 'tsnets'`. */
export { weightedMean, type LossOptions } from '@tsnets/core';
export {
  MeanSquaredError,
  MeanAbsoluteError,
  CrossEntropy,
  Hinge,
  KullbackLeiblerDivergence,
  GaussianLogLikelihood,
  MaximumMeanDiscrepancy,
  LossOptionError,
  type GaussianLogLikelihoodOptions,
  type MaximumMeanDiscrepancyOptions,
} from '@tsnets/losses';
