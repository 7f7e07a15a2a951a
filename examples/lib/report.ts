import { training, type TrainOptions } from 'tsnets';
import { pct, type RunHistory } from './fit';
import type { UnitUsage } from './units';

/** The job's figures on the held-out MNIST test set. */
export interface Measured {
  /** Reconstruction mean squared error. */
  mse: number;
  /** Reconstruction R² (against the global mean). */
  r2: number;
  /** The fraction of hidden activations below 0.1. */
  sparsity: number;
  /** Hidden units that are zero on every test image. */
  dead: number;
  /** The classifier's accuracy. */
  accuracy: number;
  /** The whole job's wall time, loading included. */
  seconds: number;
}

/** What `report` writes about. */
export interface ReportInput {
  measured: Measured;
  rows: { train: number; valid: number; test: number };
  backend: string;
  /** Each run's history and the options it trained with. */
  autoencoder: { run: RunHistory; options: TrainOptions };
  classifier: { run: RunHistory; options: TrainOptions };
  usage: UnitUsage;
}

/** `report.md`: what ran, the held-out figures as a table, and a caption for each figure. */
export function report({ measured, rows, backend, autoencoder, classifier, usage }: ReportInput): string {
  const top = usage.order
    .slice(0, 5)
    .map((unit) => `${unit} (${usage.mean[unit].toFixed(2)}, fires on ${pct(usage.firing[unit])})`);
  return [
    '# Sparse features of MNIST',
    '',
    `MNIST: ${rows.train} training images, ${rows.valid} for validation (a stratified 10% of the training set, seed 13), ` +
      `${rows.test} held-out test images; backend ${backend}; ${measured.seconds.toFixed(1)} s in all.`,
    '',
    `1. ${autoencoder.run.title}, ${code(autoencoder.options)}: ${runLine(autoencoder.run)}`,
    `2. ${classifier.run.title}, ${code(classifier.options)}: ${runLine(classifier.run)}`,
    '',
    'Measured on the held-out test images:',
    '',
    '| measure | value |',
    '| --- | --- |',
    `| reconstruction mse | ${measured.mse.toFixed(5)} |`,
    `| reconstruction R² | ${measured.r2.toFixed(4)} |`,
    `| hidden activations below 0.1 | ${measured.sparsity.toFixed(4)} |`,
    `| hidden units that never fire | ${measured.dead} |`,
    `| classifier accuracy | ${measured.accuracy.toFixed(4)} |`,
    `| seconds | ${measured.seconds.toFixed(1)} |`,
    '',
    `\`features.png\`: the ${Math.min(100, usage.order.length)} most used of the autoencoder's hidden units, ranked by ` +
      "mean activation on the test images, row by row; each tile is one unit's 784 input weights as a 28x28 image, " +
      "scaled on its own so that zero is mid-gray and the 99th percentile of its weights' magnitudes white (positive) or black (negative). " +
      `The most used: unit (mean activation, share of test images where it is at least 0.1) ${top.join(', ')}.`,
    '',
    "`training.svg`: left, the autoencoder's reconstruction error (`err`, the data loss alone) and its penalty " +
      '(`loss - err`: the weighted regularizers) per epoch, training solid and validation dashed; right, the ' +
      "classifier's cross-entropy and validation error rate. A green line marks the epoch whose parameters were kept.",
    '',
  ].join('\n');
}

/** How a run went: epochs, why it stopped, the kept epoch and its validation monitors. */
function runLine(run: RunHistory): string {
  const { epochs, reason, best } = run.result;
  const valid = Object.entries(training.monitorNumbers(run.result.valid))
    .map(([key, value]) => `${key} ${value.toPrecision(4)}`)
    .join(', ');
  return `${epochs} epochs (stopped: ${reason}), kept epoch ${best.epoch}; its validation: ${valid}.`;
}

/** Options as inline code: `` `algo: adam`, `hidden_l1: 0.1` ``. */
function code(options: TrainOptions): string {
  return Object.entries(options)
    .map(([key, value]) => `\`${key}: ${String(value)}\``)
    .join(', ');
}
