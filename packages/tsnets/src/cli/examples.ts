import { tf } from '@tsnets/core';
import * as datasets from '@tsnets/datasets';
import { UsageError } from './errors';
import { cliMessages } from './messages';

/** The model kinds the command line builds. */
export type ModelKind = 'regressor' | 'classifier' | 'autoencoder';

/**
 * The arrays a model of `kind` trains and is scored on, as tensors the
 * caller disposes. The inputs and labels share `dataset`'s arrays instead of
 * copying them (the command's own data, never changed; the trainer reads
 * its batches from the same arrays, so MNIST is held once):
 * - classifier: `[x, labels]`;
 * - autoencoder: `[x]` (labels, if any, are dropped);
 * - regressor on labeled data: `[x, targets]`, the label itself when the
 *   network has 1 output, its one-hot code when it has one output per class;
 * - regressor on unlabeled data (a CSV): the last `outputs` columns are the
 *   targets, the others the inputs.
 */
export function examples(dataset: datasets.Dataset, kind: ModelKind, outputs: number, label: string): tf.Tensor[] {
  const rows = datasets.rowCount(dataset);
  const x = tf.tensor(dataset.x, [...dataset.shape], 'float32');
  if (kind === 'autoencoder') return [x];
  if (kind === 'classifier') {
    if (!dataset.labels) {
      x.dispose();
      throw new UsageError(cliMessages.needsLabels(label, kind));
    }
    return [x, tf.tensor1d(dataset.labels, 'int32')];
  }
  if (dataset.labels) {
    const classes = dataset.classes ?? 0;
    if (outputs === 1) return [x, tf.tensor2d(Float32Array.from(dataset.labels), [rows, 1])];
    if (outputs === classes)
      return [x, tf.tidy(() => tf.oneHot(tf.tensor1d(dataset.labels!.slice(), 'int32'), classes).toFloat())];
    x.dispose();
    throw new UsageError(cliMessages.regressorTargets(label, classes, outputs));
  }
  const width = datasets.exampleSize(dataset);
  if (dataset.shape.length !== 2 || width <= outputs) {
    x.dispose();
    throw new UsageError(cliMessages.csvTooNarrow(label, width, outputs));
  }
  const [inputs, targets] = tf.split(x, [width - outputs, outputs], 1);
  x.dispose();
  return [inputs, targets];
}

/** The number of input values per example that `examples` gives for `kind`. */
export function inputWidth(dataset: datasets.Dataset, kind: ModelKind, outputs: number): number {
  const width = datasets.exampleSize(dataset);
  return kind === 'regressor' && !dataset.labels ? width - outputs : width;
}
