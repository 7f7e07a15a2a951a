/**
 * @tsnets/losses: the built-in loss functions (mse, mae, xe, hinge, kl,
 * gll, mmd). Importing this module registers them; import `./base` for the
 * classes alone.
 */
export * from './base';
import { registerLosses } from './base';

registerLosses();
