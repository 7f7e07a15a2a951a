/**
 * The side-effect-free surface of @tsnets/losses: the loss classes and
 * `registerLosses()`. Importing this module registers nothing; import the
 * package's index (or call `registerLosses()`) to make the ids resolvable.
 */
import { register } from '@tsnets/core';
import { CrossEntropy } from './xe';
import { GaussianLogLikelihood } from './gll';
import { Hinge } from './hinge';
import { KullbackLeiblerDivergence } from './kl';
import { MaximumMeanDiscrepancy } from './mmd';
import { MeanAbsoluteError } from './mae';
import { MeanSquaredError } from './mse';

export { MeanSquaredError } from './mse';
export { MeanAbsoluteError } from './mae';
export { CrossEntropy } from './xe';
export { Hinge } from './hinge';
export { KullbackLeiblerDivergence } from './kl';
export { GaussianLogLikelihood, type GaussianLogLikelihoodOptions } from './gll';
export { MaximumMeanDiscrepancy, type MaximumMeanDiscrepancyOptions } from './mmd';
export { LossOptionError } from './errors';
export { lossMessages } from './messages';

/** The npm package named in registrations (shown by listings and errors). */
export const LOSSES_PACKAGE = '@tsnets/losses';

/**
 * Registers the built-in losses under their ids (theanets' names) and
 * aliases: `mse`, `mae`, `xe` (`crossentropy`), `hinge`, `kl` (`kld`),
 * `gll`, `mmd`, each also under its class name. Idempotent: registering
 * the same classes again is harmless.
 */
export function registerLosses(): void {
  const options = (id: string, ...aliases: string[]) => ({ id, aliases, package: LOSSES_PACKAGE });
  register('loss', MeanSquaredError, options('mse', 'meansquarederror'));
  register('loss', MeanAbsoluteError, options('mae', 'meanabsoluteerror'));
  register('loss', CrossEntropy, options('xe', 'crossentropy'));
  register('loss', Hinge, options('hinge'));
  register('loss', KullbackLeiblerDivergence, options('kl', 'kld', 'kullbackleiblerdivergence'));
  register('loss', GaussianLogLikelihood, options('gll', 'gaussianloglikelihood'));
  register('loss', MaximumMeanDiscrepancy, options('mmd', 'maximummeandiscrepancy'));
}
