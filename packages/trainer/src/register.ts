import { TRAINER_FACTORY, rootScope, type TrainerFactory } from '@tsnets/core';
import { layerwise } from './layerwise';
import { pretrain } from './pretrain';
import { sample } from './sample';
import { Trainer, registerStrategy } from './trainer';

const factory: TrainerFactory = (network, data, options) => new Trainer(network).itertrain(data, options);

/** Makes `Network.train` use this trainer and registers the `layerwise`, `pretrain` and `sample` strategies (idempotent). */
export function registerTrainer(): void {
  registerStrategy(['sample'], sample);
  registerStrategy(['layerwise', 'layer*', 'sup*'], layerwise);
  registerStrategy(['pretrain', 'pre*', 'unsup*'], pretrain);
  rootScope().register(TRAINER_FACTORY, { useValue: factory });
}
