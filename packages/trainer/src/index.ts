/** @tsnets/trainer: the training loop, batching, early stopping, events and the layerwise, pretrain and sample strategies. */
export * from './base';
import { registerTrainer } from './register';

registerTrainer();
