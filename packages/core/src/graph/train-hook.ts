import type { DependencyContainer } from 'tsyringe';
import { TsnetsError } from '../errors/errors';
import { messages } from '../errors/messages';
import type { ArrayInput } from './data';
import type { Network } from './network';

/** Monitor values by name (`loss`, `err`, `acc`, user monitors). */
export type MonitorValues = Record<string, number>;

/** The monitor values of training and of the latest validation. */
export interface MonitorPair {
  train: MonitorValues;
  valid: MonitorValues;
}

/** A source of batches: called once per batch, returns that batch's arrays. */
export type BatchSource = () => ArrayInput[];

/** Training data: `[x]`, `[x, y]`, `[x, y, w]` (as the model requires), or a batch source. */
export type TrainData = readonly ArrayInput[] | BatchSource;

/** Training options and regularizer keywords (see the trainer's documentation). */
export type TrainOptions = Record<string, unknown>;

/** What a trainer package provides: runs training of a network as an async generator. */
export type TrainerFactory = (
  network: Network,
  data: TrainData,
  options: TrainOptions,
) => AsyncGenerator<[MonitorValues, MonitorValues]>;

/** The token under which the trainer package registers its `TrainerFactory`. */
export const TRAINER_FACTORY = 'tsnets:trainer-factory';

/** Runs the registered trainer; throws when no trainer package was imported. */
export function runTrainer(
  network: Network,
  data: TrainData,
  options: TrainOptions,
): AsyncGenerator<[MonitorValues, MonitorValues]> {
  const scope: DependencyContainer = network.scope;
  if (!scope.isRegistered(TRAINER_FACTORY, true)) throw new TsnetsError(messages.noTrainer());
  return scope.resolve<TrainerFactory>(TRAINER_FACTORY)(network, data, options);
}
