import '@tsnets/losses';
import '@tsnets/optimizers';
import '@tsnets/regularizers';
import { hostname } from 'node:os';
import {
  Autoencoder,
  Classifier,
  Regressor,
  tf,
  type LayerSpec,
  type Network,
  type NetworkOptions,
} from '@tsnets/core';
import type * as datasets from '@tsnets/datasets';
import { Trainer } from '@tsnets/trainer';
import { loadReference, sweepRows, tensorsOf, trialRows } from './data';
import { loadPlugins } from './plugins';
import type { ModelKind, SweepData } from './spec';
import type { Trial } from './trials';

/** What one trial measured. */
export interface TrialResult {
  id: string;
  /** The trial's combination without its fold (folds of one combination share it). */
  config: string;
  /** The swept values. */
  values: Record<string, unknown>;
  fold: number | null;
  /** Epochs trained. */
  epochs: number;
  /** The epoch whose parameters were kept. */
  bestEpoch: number;
  /** The best validation loss. */
  validLoss: number;
  /** Validation accuracy of the kept parameters (classifiers), else null. */
  accuracy: number | null;
  /** Wall-clock seconds of the training. */
  seconds: number;
  /** Where it ran: `host:pid` of the process that trained it. */
  worker: string;
  pid: number;
}

const KINDS: Record<ModelKind, new (layers: LayerSpec[], options: NetworkOptions) => Network> = {
  regressor: Regressor,
  classifier: Classifier,
  autoencoder: Autoencoder,
};

/** This process, as results name it. */
export const workerName = (): string => `${hostname()}:${process.pid}`;

const cache = new Map<string, Promise<datasets.Dataset>>();

/** Loads a data reference once per process. */
function cachedData(data: SweepData, kind: ModelKind): Promise<datasets.Dataset> {
  const key = `${kind}:${data.source}`;
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = loadReference(data.source, kind);
    cache.set(key, loaded);
    loaded.catch(() => cache.delete(key));
  }
  return loaded;
}

/** Builds a trial's network (seeded with the trial's seed). */
export function buildNetwork(trial: Pick<Trial, 'kind' | 'layers' | 'modelOptions' | 'seed'>): Network {
  return new KINDS[trial.kind](trial.layers, { ...trial.modelOptions, rng: trial.seed } as NetworkOptions);
}

/**
 * Runs one trial in this process: loads its plugins and data, trains, and
 * measures the kept parameters on its validation rows. With `save`, writes
 * the trained model there (the refit of the best options).
 */
export async function runTrial(trial: Trial, signal?: AbortSignal, save?: string): Promise<TrialResult> {
  loadPlugins(trial.plugins, `worker ${workerName()}`);
  const dataset = await cachedData(trial.data, trial.kind);
  const rows = trialRows(sweepRows(dataset, trial.data), trial.data, trial.fold, trial.folds);
  const network = buildNetwork(trial);
  const outputs = network.layers[network.layers.length - 1].size;
  const train = tensorsOf(dataset, rows.train, trial.kind, outputs);
  const valid = tensorsOf(dataset, rows.valid, trial.kind, outputs);
  try {
    const trainer = new Trainer(network);
    let end = { epoch: 0, best: NaN, bestEpoch: 0 };
    trainer.on('end', (info) => (end = info));
    const started = performance.now();
    await trainer.train(train, { ...trial.options, rng: trial.seed, valid, ...(signal ? { signal } : {}) });
    const seconds = (performance.now() - started) / 1000;
    const accuracy = network instanceof Classifier ? network.score(valid[0], valid[1]) : null;
    if (save) await network.save(save);
    return {
      id: trial.id,
      config: trial.config,
      values: trial.values,
      fold: trial.fold,
      epochs: end.epoch,
      bestEpoch: end.bestEpoch,
      validLoss: end.best,
      accuracy,
      seconds: Number(seconds.toFixed(3)),
      worker: workerName(),
      pid: process.pid,
    };
  } finally {
    tf.dispose([...train, ...valid]);
    network.dispose();
  }
}
