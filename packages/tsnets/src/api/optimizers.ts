/** The built-in optimizers and their defaults: `import { optimizers } from 'tsnets'`. */
export { OPTIMIZER_DEFAULTS, halflifeDecay, type OptimizerSettings } from '@tsnets/core';
export { SGD, NAG, RMSProp, RProp, AdaGrad, AdaDelta, Adam, ESGD } from '@tsnets/optimizers';
