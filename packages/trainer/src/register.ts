import { TRAINER_FACTORY, register, rootScope, type TrainerFactory } from '@tsnets/core';
import { Layerwise } from './layerwise';
import { Pretrain } from './pretrain';
import { Sample } from './sample';
import { Trainer } from './trainer';

const PACKAGE = '@tsnets/trainer';

const factory: TrainerFactory = (network, data, options) => new Trainer(network).itertrain(data, options);

/**
 * Makes `Network.train` use this trainer and registers the `layerwise`,
 * `pretrain` and `sample` strategies as kind `trainer` (idempotent).
 */
export function registerTrainer(): void {
  register('trainer', Layerwise, { id: 'layerwise', aliases: ['layer', 'supervised', 'sup'], package: PACKAGE });
  register('trainer', Pretrain, { id: 'pretrain', aliases: ['pre', 'unsupervised', 'unsup'], package: PACKAGE });
  register('trainer', Sample, { id: 'sample', package: PACKAGE });
  rootScope().register(TRAINER_FACTORY, { useValue: factory });
}
