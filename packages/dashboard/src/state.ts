import type { EndReason, HistoryEpoch, ResolvedRegularizer, TrainingHistory } from '@tsnets/core';
import type { FeatureTiles } from './features';

/** Everything the page shows; the live server streams changes to it, a report embeds it whole. */
export interface DashboardState {
  /** What was trained: the model kind and its layer sizes. */
  title: string;
  /** `running` while training, `ended` after, `report` for a saved model's history. */
  status: 'waiting' | 'running' | 'ended' | 'report';
  /** The optimizer or strategy. */
  algo?: string;
  /** Why training ended. */
  reason?: EndReason;
  /** The regularizers resolved, each with what it matched. */
  regularizers: ResolvedRegularizer[];
  /** Every epoch so far: training values, validation values, hidden activity. */
  epochs: HistoryEpoch[];
  /** The best validation so far. */
  best: { epoch: number; loss: number };
  /** The first layer's features as image tiles, when the inputs are square images. */
  features?: FeatureTiles;
}

/** An empty state for a network described by `title`. */
export function emptyState(title: string): DashboardState {
  return { title, status: 'waiting', regularizers: [], epochs: [], best: { epoch: 0, loss: NaN } };
}

/** Merges `part` into the entry of its epoch (made when missing, kept in epoch order). */
export function mergeEpoch(epochs: HistoryEpoch[], part: HistoryEpoch): HistoryEpoch {
  let entry = epochs.find((e) => e.epoch === part.epoch);
  if (!entry) {
    entry = { epoch: part.epoch };
    epochs.push(entry);
    epochs.sort((a, b) => a.epoch - b.epoch);
  }
  Object.assign(entry, part);
  return entry;
}

/** The state of a saved run: its epochs, regularizers, best and reason. */
export function stateFromHistory(title: string, run: TrainingHistory, features?: FeatureTiles): DashboardState {
  return {
    title,
    status: 'report',
    algo: run.algo,
    ...(run.reason ? { reason: run.reason } : {}),
    regularizers: run.regularizers,
    epochs: run.epochs,
    best: run.best,
    ...(features ? { features } : {}),
  };
}
