/**
 * The side-effect-free surface of @tsnets/regularizers: the regularizer
 * classes and `registerRegularizers()`. Importing this module registers
 * nothing; import the package's index (or call `registerRegularizers()`) to
 * make the keywords resolvable.
 */
import { register } from '@tsnets/core';
import './keywords';
import { BernoulliDropout } from './bernoulli-dropout';
import { Contractive } from './contractive';
import { GaussianNoise } from './gaussian-noise';
import { HiddenDropout } from './hidden-dropout';
import { HiddenL1 } from './hidden-l1';
import { HiddenNoise } from './hidden-noise';
import { InputDropout } from './input-dropout';
import { InputNoise } from './input-noise';
import { OutputDropout } from './output-dropout';
import { OutputNoise } from './output-noise';
import { RecurrentNorm, RecurrentState } from './recurrent';
import { SpatialDropout } from './spatial-dropout';
import { WeightL1 } from './weight-l1';
import { WeightL2 } from './weight-l2';

export { WeightPenalty } from './weight-penalty';
export { WeightL1 } from './weight-l1';
export { WeightL2 } from './weight-l2';
export { HiddenL1 } from './hidden-l1';
export { Contractive, type ContractiveOptions } from './contractive';
export { OutputRewrite, type LevelSpec } from './output-rewrite';
export { GaussianNoise, type GaussianNoiseOptions } from './gaussian-noise';
export { InputNoise } from './input-noise';
export { HiddenNoise } from './hidden-noise';
export { OutputNoise } from './output-noise';
export { BernoulliDropout, type BernoulliDropoutOptions } from './bernoulli-dropout';
export { InputDropout } from './input-dropout';
export { HiddenDropout } from './hidden-dropout';
export { OutputDropout } from './output-dropout';
export { RecurrentNorm, RecurrentState } from './recurrent';
export { SpatialDropout } from './spatial-dropout';
export { regularizerMessages } from './messages';

/** The npm package named in registrations (shown by listings and errors). */
export const REGULARIZERS_PACKAGE = '@tsnets/regularizers';

/**
 * Registers the built-in regularizers under their keywords (theanets'
 * names) and aliases: `weight_l1` (`weight_sparsity`), `weight_l2`
 * (`weight_decay`), `hidden_l1` (`hidden_sparsity`), `contractive`,
 * `noise` (`gaussian_noise`), `input_noise`, `hidden_noise`,
 * `output_noise`, `dropout` (`bernoulli_dropout`), `input_dropout`,
 * `hidden_dropout`, `output_dropout`, `recurrent_norm`, `recurrent_state`, `spatial_dropout`. Keywords compare after lowercasing and
 * dropping `_` and `-`, so `weightL2` and `weight-l2` work too. Idempotent:
 * registering the same classes again is harmless.
 */
export function registerRegularizers(): void {
  const options = (id: string, ...aliases: string[]) => ({ id, aliases, package: REGULARIZERS_PACKAGE });
  register('regularizer', WeightL1, options('weight_l1', 'weight_sparsity'));
  register('regularizer', WeightL2, options('weight_l2', 'weight_decay'));
  register('regularizer', HiddenL1, options('hidden_l1', 'hidden_sparsity'));
  register('regularizer', Contractive, options('contractive'));
  register('regularizer', GaussianNoise, options('noise', 'gaussian_noise'));
  register('regularizer', InputNoise, options('input_noise'));
  register('regularizer', HiddenNoise, options('hidden_noise'));
  register('regularizer', OutputNoise, options('output_noise'));
  register('regularizer', BernoulliDropout, options('dropout', 'bernoulli_dropout'));
  register('regularizer', InputDropout, options('input_dropout'));
  register('regularizer', HiddenDropout, options('hidden_dropout'));
  register('regularizer', OutputDropout, options('output_dropout'));
  register('regularizer', RecurrentNorm, options('recurrent_norm'));
  register('regularizer', RecurrentState, options('recurrent_state'));
  register('regularizer', SpatialDropout, options('spatial_dropout'));
}
