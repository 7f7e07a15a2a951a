import type { HistoryEpoch, NetworkInput } from '@tsnets/core';
import type { Trainer } from '@tsnets/trainer';
import { hiddenActivity } from './activity';
import { featureTiles } from './features';
import { emptyState, mergeEpoch, type DashboardState } from './state';

/** A change to the state, as the server streams it: an epoch's entry, or fields of the state. */
export type StateChange = { kind: 'epoch'; data: HistoryEpoch } | { kind: 'update'; data: Partial<DashboardState> };

/** What `LiveState` measures besides what the trainer reports. */
export interface LiveOptions {
  /** Input rows to measure hidden activity on at each validation; none: not measured. */
  sample?: NetworkInput;
  /** Feature tiles shown at most. Default 64. */
  tiles?: number;
}

/** The model as a title: its kind and layer sizes (`Autoencoder 784-64-784`). */
export function networkTitle(trainer: Trainer): string {
  const network = trainer.network;
  return `${network.constructor.name} ${network.layers.map((layer) => layer.size).join('-')}`;
}

/**
 * Follows a trainer's events into a `DashboardState` and reports each
 * change to `listener`; at each validation it refreshes the feature tiles
 * and measures hidden activity on the sample (also kept in the run's
 * history, so a saved model's report shows it).
 */
export class LiveState {
  readonly state: DashboardState;
  private version = 0;

  constructor(
    private readonly trainer: Trainer,
    private readonly options: LiveOptions,
    private readonly listener: (change: StateChange) => void,
  ) {
    this.state = emptyState(networkTitle(trainer));
    this.refreshFeatures();
    trainer.on('start', this.onStart);
    trainer.on('validation', this.onValidation);
    trainer.on('iteration', this.onIteration);
    trainer.on('end', this.onEnd);
  }

  /** Stops following the trainer. */
  detach(): void {
    this.trainer.off('start', this.onStart);
    this.trainer.off('validation', this.onValidation);
    this.trainer.off('iteration', this.onIteration);
    this.trainer.off('end', this.onEnd);
  }

  private update(data: Partial<DashboardState>): void {
    Object.assign(this.state, data);
    this.listener({ kind: 'update', data });
  }

  private epoch(part: HistoryEpoch): void {
    this.listener({ kind: 'epoch', data: mergeEpoch(this.state.epochs, part) });
  }

  private refreshFeatures(): void {
    const features = featureTiles(this.trainer.network, this.version++, this.options.tiles);
    if (features) this.update({ features });
  }

  private readonly onStart = (info: { algo: string; regularizers: DashboardState['regularizers'] }): void => {
    this.state.epochs = [];
    this.update({ status: 'running', algo: info.algo, regularizers: info.regularizers, epochs: [] });
  };

  private readonly onValidation = (info: { epoch: number; valid: HistoryEpoch['valid']; improved: boolean }): void => {
    const { epoch, valid } = info;
    const part: HistoryEpoch = { epoch, valid };
    if (info.improved && valid) this.update({ best: { epoch, loss: valid.loss } });
    if (this.options.sample !== undefined) {
      part.activity = hiddenActivity(this.trainer.network, this.options.sample);
      const run = this.trainer.network.history[this.trainer.network.history.length - 1];
      const entry = run?.epochs.find((e) => e.epoch === epoch);
      if (entry) entry.activity = part.activity;
    }
    this.epoch(part);
    this.refreshFeatures();
  };

  private readonly onIteration = ({ epoch, train }: { epoch: number; train: HistoryEpoch['train'] }): void => {
    this.epoch({ epoch, train });
  };

  private readonly onEnd = (info: { reason: DashboardState['reason']; best: number; bestEpoch: number }): void => {
    this.update({ status: 'ended', reason: info.reason, best: { epoch: info.bestEpoch, loss: info.best } });
  };
}
