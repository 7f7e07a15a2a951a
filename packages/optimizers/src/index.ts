/**
 * @tsnets/optimizers: the built-in optimizers (sgd, nag, rmsprop, rprop,
 * adagrad, adadelta, adam, esgd), with downhill's formulas. Importing this
 * module registers them; import `./base` for the classes alone.
 */
export * from './base';
import { registerOptimizers } from './base';

registerOptimizers();
