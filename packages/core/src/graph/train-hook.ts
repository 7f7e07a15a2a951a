import type { DependencyContainer } from 'tsyringe';
import { TsnetsError } from '../errors/errors';
import { messages } from '../errors/messages';
import type { TrainData, TrainOptions } from '../train/options';
import type { Network } from './network';

/** Monitor values by name: `loss` (data loss plus penalties), `err` (the first loss alone), `acc` for classifiers, user monitors. */
export interface MonitorValues {
  /** The data loss plus every regularizer's weighted penalty. */
  loss: number;
  /** The first loss alone. */
  err: number;
  /** Other monitors: `acc` for classifiers, user monitors such as `hid1:out<0.1`. */
  [name: string]: number;
}

/** The monitor values of training and of the latest validation. */
export interface MonitorPair {
  train: MonitorValues;
  valid: MonitorValues;
}

/** Why training ended. */
export type EndReason = 'patience' | 'max_updates' | 'aborted' | 'stopped' | 'error' | 'done';

/**
 * What `train` resolves to: the model as training left it (the best
 * parameters, restored) and how the run went.
 */
export interface TrainResult {
  /** Training monitors of the last epoch that ran, averaged over its batches (with noise and dropout). */
  train: MonitorValues;
  /** Validation monitors of the parameters the model was left with: the best validation's. */
  valid: MonitorValues;
  /** The kept parameters: the epoch after which they were validated (0: before any training), and that validation's loss. */
  best: { epoch: number; loss: number };
  /** Why training ended. */
  reason: EndReason;
  /** Epochs that ran. */
  epochs: number;
}

/** One training run, an epoch at a time: yields `[train, valid]` monitor values and returns the result. */
export type TrainingRun = AsyncGenerator<[MonitorValues, MonitorValues], TrainResult | undefined>;

/** What a trainer package provides: runs training of a network as an async generator. */
export type TrainerFactory = (network: Network, data: TrainData, options: TrainOptions) => TrainingRun;

/** The token under which the trainer package registers its `TrainerFactory`. */
export const TRAINER_FACTORY = 'tsnets:trainer-factory';

/** Runs the registered trainer; throws when no trainer package was imported. */
export function runTrainer(network: Network, data: TrainData, options: TrainOptions): TrainingRun {
  const scope: DependencyContainer = network.scope;
  if (!scope.isRegistered(TRAINER_FACTORY, true)) throw new TsnetsError(messages.noTrainer());
  return scope.resolve<TrainerFactory>(TRAINER_FACTORY)(network, data, options);
}
