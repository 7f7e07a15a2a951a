/**
 * The side-effect-free surface of @tsnets/optimizers: the optimizer classes
 * and `registerOptimizers()`. Importing this module registers nothing;
 * import the package's index (or call `registerOptimizers()`) to make the
 * ids resolvable.
 */
import { register } from '@tsnets/core';
import { AdaDelta } from './adadelta';
import { AdaGrad } from './adagrad';
import { Adam } from './adam';
import { ESGD } from './esgd';
import { NAG } from './nag';
import { RMSProp } from './rmsprop';
import { RProp } from './rprop';
import { SGD } from './sgd';

export { SGD } from './sgd';
export { NAG } from './nag';
export { RMSProp } from './rmsprop';
export { RProp } from './rprop';
export { AdaGrad } from './adagrad';
export { AdaDelta } from './adadelta';
export { Adam } from './adam';
export { ESGD } from './esgd';

/** The npm package named in registrations (shown by listings and errors). */
export const OPTIMIZERS_PACKAGE = '@tsnets/optimizers';

/**
 * Registers the built-in optimizers under downhill's names: `sgd`, `nag`,
 * `rmsprop`, `rprop`, `adagrad`, `adadelta`, `adam`, `esgd`. Idempotent:
 * registering the same classes again is harmless.
 */
export function registerOptimizers(): void {
  const options = (id: string) => ({ id, package: OPTIMIZERS_PACKAGE });
  register('optimizer', SGD, options('sgd'));
  register('optimizer', NAG, options('nag'));
  register('optimizer', RMSProp, options('rmsprop'));
  register('optimizer', RProp, options('rprop'));
  register('optimizer', AdaGrad, options('adagrad'));
  register('optimizer', AdaDelta, options('adadelta'));
  register('optimizer', Adam, options('adam'));
  register('optimizer', ESGD, options('esgd'));
}
