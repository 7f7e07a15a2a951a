/** The side-effect-free surface of @tsnets/trainer. */
export { Trainer, registerStrategy, type Strategy, type TrainerOptions } from './trainer';
export { resolveOptions, defaultSettings, OPTION_NAMES, type TrainingSettings } from './options';
export { ArrayBatches, SourceBatches, makeBatches, type Batches } from './batches';
export type { TrainerEvents, EndReason, ResolvedRegularizer } from './events';
export { layerwise } from './layerwise';
export { pretrain } from './pretrain';
export { sample } from './sample';
export { registerTrainer } from './register';
