import type { LayerSpec, NetworkOptions, TrainOptions } from '@tsnets/core';

/** The model kinds a sweep trains. */
export type ModelKind = 'regressor' | 'classifier' | 'autoencoder';

/** An axis of explicit values: each is tried as is (numbers, strings, regularizer option objects). */
export type ListAxis = readonly unknown[];

/** `count` values spread evenly on a log scale from `log[0]` to `log[1]`, both included. */
export interface LogAxis {
  /** The first and last value, both > 0. */
  log: readonly [number, number];
  /** How many values (default 5). */
  count?: number;
}

/** `count` values drawn uniformly (on a log scale when `log` is true) from `random[0]` to `random[1]`. */
export interface RandomAxis {
  /** The lower and upper bound. */
  random: readonly [number, number];
  /** How many draws. */
  count: number;
  /** The seed of the draws (default 13), so a rerun draws the same values. */
  seed?: number;
  /** Draw the logarithm uniformly (the bounds must be > 0). Default false. */
  log?: boolean;
}

/** One swept option or regularizer keyword: a list, a log range, or seeded random draws. */
export type Axis = ListAxis | LogAxis | RandomAxis;

/** The model every trial builds. */
export interface SweepModel {
  /** regressor, classifier or autoencoder. */
  kind: ModelKind;
  /** The layer specs, as `new Classifier(layers)` takes them (ignored when `architectures` is given). */
  layers?: LayerSpec[];
  /** Model options other than `rng` (which `seeds` sets), e.g. `{ loss: 'mae' }`. */
  options?: Omit<NetworkOptions, 'rng' | 'scope'>;
}

/**
 * The data of every trial, by reference: each trial process (and each queue
 * worker) loads it itself, so the reference must be readable where trials run.
 */
export interface SweepData {
  /** A bundled set (`digits`, `iris`, `mnist`, `fashion-mnist`), a CSV file path or an http(s) URL of a CSV (labels in the last column). */
  source: string;
  /** Fraction of rows held out for validation when `folds` is not used (default 0.2). */
  valid?: number;
  /** Use only the first N rows of a seeded shuffle (default: all), to keep a sweep small. */
  rows?: number;
  /** Seed of the shuffle, the validation split and the folds (default 13). */
  seed?: number;
}

/** A sweep: the same object in a sweep file (JSON or YAML) and in `sweep(spec)`. */
export interface SweepSpec {
  /** The base model. */
  model: SweepModel;
  /** The data reference and how it is split. */
  data: SweepData;
  /** Base training options and regularizer keywords, as `train()` takes them. */
  train?: Omit<TrainOptions, 'rng' | 'signal' | 'valid'>;
  /** Swept options and regularizer keywords: every combination of their values is a trial. */
  axes?: Record<string, Axis>;
  /** Alternative layer lists (an axis of its own). */
  architectures?: LayerSpec[][];
  /** Network and batch-order seeds (an axis of its own; default [13]). */
  seeds?: number[];
  /** k-fold cross-validation: each combination is trained k times, each fold held out once (default: off). */
  folds?: number;
  /** Plugin packages every trial loads (resolved from the working directory of the sweep and of each worker). */
  plugins?: string[];
}

/** The top-level keys of a sweep spec, for validation and suggestions. */
export const SPEC_KEYS: readonly string[] = [
  'model',
  'data',
  'train',
  'axes',
  'architectures',
  'seeds',
  'folds',
  'plugins',
];
