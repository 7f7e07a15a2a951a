import type { DependencyContainer } from 'tsyringe';
import { TsnetsError } from '../errors/errors';
import { messages } from '../errors/messages';
import type { TrainData, TrainOptions } from '../train/options';
import type { Network } from './network';

/**
 * The loss split into its parts, each already multiplied by its weight, so
 * that they add up to `loss` (within float error): `err` (the first loss),
 * one entry per further loss (`loss:FORM`, numbered when repeated), and one
 * per regularizer with a penalty, keyed by the keyword the caller gave
 * (`hidden_l1`, `weight_decay`, `weightinverse`; `#2`, `#3` for repeats).
 */
export interface LossTerms {
  /** The first loss times its weight. */
  err: number;
  /** Further losses and each regularizer's weighted penalty, by keyword. */
  [keyword: string]: number;
}

/**
 * A train-only rewrite of the graph (noise, dropout): it changes what the
 * network computes in training steps instead of adding a term to the loss.
 */
export interface GraphRewrite {
  /** The registered id of its class (`hidden_dropout`, `input_noise`). */
  id: string;
  /** Its level: the dropout rate or the noise's standard deviation. */
  level: number;
  /** The outputs it rewrites (`hid1:out`). */
  targets: string[];
}

/**
 * Monitor values by name: `loss` (data loss plus penalties), `err` (the
 * first loss alone), `acc` for classifiers, user monitors, and the keyed
 * parts `terms`, `graph` and `gradients`. Numeric entries other than the
 * named ones are user monitors such as `hid1:out<0.1`; `monitorNumbers`
 * gives only the numbers.
 */
export interface MonitorValues {
  /** The data loss plus every regularizer's weighted penalty. */
  loss: number;
  /** The first loss alone. */
  err: number;
  /** Classifiers: the fraction of examples whose most probable class is the label. */
  acc?: number;
  /** The parts of `loss`, weighted, by keyword; they sum to `loss`. */
  terms?: LossTerms;
  /** Training epochs: the train-only rewrites (noise, dropout) with their levels, by keyword; not part of `loss`. */
  graph?: Record<string, GraphRewrite>;
  /** With `monitor_gradients`: the L2 norm of the gradient of `loss` by each matched parameter (validations only). */
  gradients?: Record<string, number>;
  /** Other monitors: user monitors such as `hid1:out<0.1`. */
  [name: string]: number | LossTerms | Record<string, GraphRewrite> | Record<string, number> | undefined;
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
