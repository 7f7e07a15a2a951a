/** Training strategies and the option list: `import { training } from 'tsnets'`. */
export { TrainingStrategy, Layerwise, Pretrain, Sample, OPTION_NAMES, type TrainingSettings } from '@tsnets/trainer';
