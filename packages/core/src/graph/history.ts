/**
 * A network's training history: what each training run reported, epoch by
 * epoch, kept on the network (`net.history`) and in its model file, so a
 * saved model can be reported on later (`tsnets report`).
 */
import type { EndReason, MonitorValues } from './train-hook';

/** A regularizer as a training run resolved it. */
export interface ResolvedRegularizer {
  /** The registered id of its class (`weight_l2`). */
  id: string;
  /** The keyword it was asked for by (`weight_decay`); its id when given as an instance. */
  keyword?: string;
  /** Its weight in the loss. */
  weight: number;
  /** The parameter or output names it acts on, when it reports them. */
  targets: string[];
  /** Its own options as given, besides weight, pattern and rng: `{ rate: 0.3 }` for dropout, `{ std: 0.1 }` for noise. */
  options: Record<string, unknown>;
}

/** One epoch of a run: its training monitors, and the validation's when one ran after it (epoch 0: before training). */
export interface HistoryEpoch {
  /** Epochs done when these values were measured. */
  epoch: number;
  /** The epoch's training monitors, averaged over its batches (absent at epoch 0). */
  train?: MonitorValues;
  /** The validation monitors measured after this epoch, when a validation ran. */
  valid?: MonitorValues;
  /** Fractions of each hidden layer's outputs near zero (`{ hid1: 0.42 }`), when a tool such as the dashboard measured them. */
  activity?: Record<string, number>;
}

/** One training run as it went. */
export interface TrainingHistory {
  /** The algorithm (`rmsprop`). */
  algo: string;
  /** The options as given, made JSON-safe (functions and data left out, regularizer instances by id). */
  options: Record<string, unknown>;
  /** The regularizers it resolved, with what each matched. */
  regularizers: ResolvedRegularizer[];
  /** Every epoch, in order, starting with the validation before training (epoch 0). */
  epochs: HistoryEpoch[];
  /** The kept parameters' epoch and validation loss. */
  best: { epoch: number; loss: number };
  /** Why the run ended (absent while it runs). */
  reason?: EndReason;
  /** When it started, an ISO 8601 time. */
  started: string;
}
