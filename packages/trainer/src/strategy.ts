import type { TrainData, TrainingRun } from '@tsnets/core';
import type { TrainingSettings } from './options';
import type { Trainer } from './trainer';

/**
 * A way of training other than plain descent with one optimizer, chosen by
 * `algo` like an optimizer: registered as kind `trainer` (`layerwise`,
 * `pretrain`, `sample`), so apps and plugins can add or override one.
 */
export abstract class TrainingStrategy {
  /** Runs the strategy, yielding `[train, valid]` monitor values per epoch; returns the result of its last descent. */
  abstract run(
    trainer: Trainer,
    data: TrainData,
    settings: TrainingSettings,
    regularizers: Record<string, unknown>,
  ): TrainingRun;
}
