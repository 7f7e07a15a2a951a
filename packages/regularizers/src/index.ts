/**
 * @tsnets/regularizers: the built-in regularizers (weight_l1, weight_l2,
 * hidden_l1, contractive, noise and dropout). Importing this module
 * registers them; import `./base` for the classes alone.
 */
export * from './base';
import { registerRegularizers } from './base';

registerRegularizers();
