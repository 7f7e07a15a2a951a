/** Training strategies, the option list and helpers for monitor values: `import { training } from 'tsnets'`. */
export { TrainingStrategy, Layerwise, Pretrain, Sample, OPTION_NAMES, type TrainingSettings } from '@tsnets/trainer';
export { monitorNumbers } from '@tsnets/core';
