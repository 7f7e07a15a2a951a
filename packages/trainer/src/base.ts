/** The side-effect-free surface of @tsnets/trainer. */
export { Trainer, type TrainerOptions } from './trainer';
export { TrainingStrategy } from './strategy';
export { resolveOptions, defaultSettings, describeOption, OPTION_NAMES, type TrainingSettings } from './options';
export { ArrayBatches, SourceBatches, makeBatches, type Batches } from './batches';
export type { TrainerEvents, EndReason, ResolvedRegularizer } from './events';
export { Layerwise } from './layerwise';
export { Pretrain } from './pretrain';
export { Sample } from './sample';
export { registerTrainer } from './register';
