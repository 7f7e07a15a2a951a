import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { RandomState, tf } from '@tsnets/core';
import * as datasets from '@tsnets/datasets';
import { SweepDataError } from './errors';
import type { ModelKind, SweepData } from './spec';

const BUNDLED: Record<string, () => Promise<datasets.Dataset>> = {
  digits: () => datasets.digits(),
  iris: () => datasets.iris(),
  mnist: () => datasets.mnist(),
  'fashion-mnist': () => datasets.fashionMnist(),
};

/**
 * Loads a data reference: a bundled set by name, a CSV file (a path
 * relative to the working directory), or a CSV at an http(s) URL (not
 * gzipped); for a classifier the CSV's last column holds the labels. Images are flattened to one row per example. Any failure is
 * a `SweepDataError` naming the reference and the reason.
 */
export async function loadReference(source: string, kind: ModelKind): Promise<datasets.Dataset> {
  try {
    const bundled = BUNDLED[source];
    if (bundled) return flat(await bundled());
    if (!/\.(csv|tsv)(\.gz)?$/i.test(source)) throw new Error('it is neither a bundled set nor a .csv file');
    const delimiter = /\.tsv(\.gz)?$/i.test(source) ? '\t' : ',';
    const options = kind === 'classifier' ? { delimiter, labelColumn: -1 } : { delimiter };
    if (/^https?:\/\//i.test(source)) {
      const response = await fetch(source, { signal: AbortSignal.timeout(30000) });
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
      return datasets.parseCsv(await response.text(), options, source);
    }
    const path = resolve(source);
    if (!existsSync(path)) throw new Error(`no file ${path}`);
    return await datasets.loadCsv(path, options);
  } catch (error) {
    if (error instanceof SweepDataError) throw error;
    throw new SweepDataError(source, error instanceof Error ? error.message : String(error));
  }
}

const flat = (dataset: datasets.Dataset): datasets.Dataset =>
  dataset.shape.length > 2 ? datasets.flatten(dataset) : dataset;

/** The rows a sweep uses, in a seeded shuffled order (the first `data.rows` of it, when given). */
export function sweepRows(dataset: datasets.Dataset, data: SweepData): number[] {
  const order = new RandomState(data.seed ?? 13).shuffle(
    Array.from({ length: datasets.rowCount(dataset) }, (_, i) => i),
  );
  return data.rows === undefined ? order : order.slice(0, data.rows);
}

/**
 * The training and validation rows of one trial: fold `fold` of `folds`
 * held out, or (without folds) the first `valid` fraction of the order held
 * out. With `fold` null and `folds` set (the refit of the best options), every
 * row trains and validates.
 */
export function trialRows(
  order: readonly number[],
  data: SweepData,
  fold: number | null,
  folds: number | null,
): { train: number[]; valid: number[] } {
  if (folds !== null && fold === null) return { train: [...order], valid: [...order] };
  const n = order.length;
  const [start, end] =
    folds !== null && fold !== null
      ? [Math.floor((fold * n) / folds), Math.floor(((fold + 1) * n) / folds)]
      : [0, Math.round((data.valid ?? 0.2) * n)];
  const valid = order.slice(start, end);
  const train = [...order.slice(0, start), ...order.slice(end)];
  return { train, valid: valid.length ? valid : train };
}

/**
 * The arrays a model of `kind` trains on, as tensors the caller disposes:
 * `[x, labels]` for a classifier, `[x]` for an autoencoder, and for a
 * regressor `[x, one-hot labels]` on labeled data or, on a CSV without
 * labels, the last `outputs` columns as targets.
 */
export function tensorsOf(dataset: datasets.Dataset, rows: number[], kind: ModelKind, outputs: number): tf.Tensor[] {
  const part = datasets.selectRows(dataset, rows);
  const width = datasets.exampleSize(part);
  const x = tf.tensor2d(part.x.slice(), [rows.length, width]);
  if (kind === 'autoencoder') return [x];
  if (kind === 'classifier') {
    if (!part.labels) throw new SweepDataError('data', 'a classifier needs labels, and this data has none');
    return [x, tf.tensor1d(part.labels.slice(), 'int32')];
  }
  if (part.labels) {
    const labels = part.labels;
    return [x, tf.tidy(() => tf.oneHot(tf.tensor1d(labels.slice(), 'int32'), outputs).toFloat())];
  }
  const [inputs, targets] = tf.split(x, [width - outputs, outputs], 1);
  x.dispose();
  return [inputs, targets];
}

/** Values per example that the model's input layer sees (a regressor on a CSV loses its target columns). */
export function inputWidth(dataset: datasets.Dataset, kind: ModelKind, outputs: number): number {
  const width = datasets.exampleSize(dataset);
  return kind === 'regressor' && !dataset.labels ? width - outputs : width;
}
