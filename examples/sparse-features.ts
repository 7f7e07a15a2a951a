/**
 * The main job (`npm run demo`): theanets' own example at its own scale. An
 * overcomplete tied-weight autoencoder `784-1000-784` learns sparse features
 * of the MNIST digits with `hidden_l1: 0.1` and the `weightinverse` plugin;
 * then a `784-1000-10` classifier starts from those features and fine-tunes
 * with `hidden_dropout: 0.5`. Prints progress, and writes `features.png`
 * (the most used units' weights as 28x28 tiles), `training.svg` and
 * `report.md` into the output folder (default `out/sparse-features/`).
 * Exits with status 1 when the held-out accuracy is below 0.98.
 *
 *   npm run demo
 *   node out/examples/sparse-features.js [folder] [--rows N] [--autoencoder-epochs N] [--classifier-epochs N]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Autoencoder, Classifier, datasets, ready, tf, type TrainOptions } from 'tsnets';
import '@tsnets/plugin-weight-inverse'; // registers the `weightinverse` regularizer
import { fit, pct } from './lib/fit';
import { classifierPanel, errorAndPenaltyPanel, lossPlotSvg } from './lib/loss-plot';
import { report, type Measured } from './lib/report';
import { tilesPng } from './lib/tiles';
import { unitUsage } from './lib/units';

/** Options of `main`; the defaults are the demo's. */
export interface JobOptions {
  /** Where the three files go; default `out/sparse-features` under the working directory. */
  outDir?: string;
  /** Use only the first `rows` rows of the training, validation and test sets (a quick run); default all. */
  rows?: number;
  /** Epochs at most for the autoencoder; default 6. */
  autoencoderEpochs?: number;
  /** Epochs at most for the classifier; default 10. */
  classifierEpochs?: number;
  /** Receives each progress line; default `console.log`. */
  log?: (line: string) => void;
}

/** What the job measured on the held-out MNIST test set, and where it wrote. */
export interface JobResult extends Measured {
  outDir: string;
  files: { features: string; training: string; report: string };
}

/** The held-out accuracy the demo must reach, or it exits with status 1. */
export const ACCURACY_TARGET = 0.98;
const HIDDEN = 1000;
const SPARSITY_THRESHOLD = 0.1;
const TILES = 100;

/**
 * The autoencoder's training. `hidden_l1` makes few units fire per digit;
 * `weightinverse` (the plugin) keeps each unit's weights from shrinking;
 * `weight_l2` is a mean over all 784,000 weights, hence its large weight: it
 * outweighs `weightinverse` on the pixels that are blank in every digit, so
 * adam clears them instead of growing their initial noise; `input_dropout`
 * (a denoising autoencoder) makes the features smooth strokes.
 */
export const AUTOENCODER: TrainOptions = {
  algo: 'adam',
  learning_rate: 1e-3,
  batch_size: 128,
  hidden_l1: 0.1,
  weightinverse: 1e-5,
  weight_l2: 40,
  input_dropout: 0.3,
};

/** The classifier's training: the autoencoder's features, fine-tuned with dropout. */
export const CLASSIFIER: TrainOptions = {
  algo: 'adam',
  learning_rate: 1e-3,
  batch_size: 128,
  hidden_dropout: 0.5,
};

/** Runs the whole job; resolves to what it measured. */
export async function main(options: JobOptions = {}): Promise<JobResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const outDir = resolve(options.outDir ?? join('out', 'sparse-features'));
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

  const backend = await ready();
  const { train, valid, test } = await loadMnist(options.rows);
  log(
    `MNIST: ${train[0].shape[0]} train, ${valid[0].shape[0]} valid, ${test[0].shape[0]} test rows; backend ${backend}`,
  );

  // 1. The sparse autoencoder. Zero initial biases (the default is N(0, 1)): the hidden layer's keep every relu
  // unit alive at the start, the output's start the reconstruction near zero rather than at random pixels.
  log(`\n1. sparse autoencoder 784-${HIDDEN}-784 (relu, tied decoder)`);
  const autoencoder = new Autoencoder([784, { size: HIDDEN, std_b: 0 }, { size: 784, form: 'tied', std_b: 0 }]);
  const aeRun = await fit(
    autoencoder,
    [train[0]],
    {
      ...AUTOENCODER,
      monitors: { 'hid1:out': [SPARSITY_THRESHOLD] },
      valid: [valid[0]],
      max_updates: options.autoencoderEpochs ?? 6,
      patience: 2,
    },
    { title: 'sparse autoencoder', line: log, elapsed },
  );
  const { mse, r2 } = reconstruction(autoencoder, test[0]);
  const hidden = inChunks(test[0], (rows) => autoencoder.encode(rows, 'hid1') as tf.Tensor2D);
  const usage = unitUsage(hidden, SPARSITY_THRESHOLD);
  tf.dispose(hidden);
  log(
    `   test reconstruction mse ${mse.toFixed(4)}, R² ${r2.toFixed(4)}; activations < ${SPARSITY_THRESHOLD}: ${pct(usage.sparsity)}; ${usage.dead} units never fire`,
  );

  // 2. A classifier whose hidden layer starts from the learned features.
  log(
    `\n2. classifier 784-${HIDDEN}-10 from the autoencoder's first layer, hidden_dropout ${CLASSIFIER.hidden_dropout}`,
  );
  const classifier = new Classifier([784, HIDDEN, 10]);
  for (const param of ['w', 'b']) {
    classifier.find('hid1', param).variable.assign(autoencoder.find('hid1', param).variable);
  }
  const clfRun = await fit(
    classifier,
    train,
    { ...CLASSIFIER, valid, max_updates: options.classifierEpochs ?? 10, patience: 3 },
    { title: `classifier (hidden_dropout ${CLASSIFIER.hidden_dropout})`, line: log, elapsed },
  );
  // The mean of each chunk's accuracy, weighted by its rows.
  const correct = inChunks(test[0], (rows, start) =>
    tf.scalar(classifier.score(rows, tf.slice(test[1], start, rows.shape[0])) * rows.shape[0]),
  );
  const accuracy = tf.tidy(() => tf.addN(correct).dataSync()[0]) / test[0].shape[0];
  tf.dispose(correct);
  log(`   held-out test accuracy ${accuracy.toFixed(4)}`);

  // 3. The three files.
  const files = {
    features: join(outDir, 'features.png'),
    training: join(outDir, 'training.svg'),
    report: join(outDir, 'report.md'),
  };
  await mkdir(outDir, { recursive: true });
  const units = usage.order.slice(0, TILES);
  const caption = [
    `${units.length} MOST USED OF ${HIDDEN} HIDDEN UNITS, BY MEAN ACTIVATION ON TEST`,
    `EACH: ITS 784 INPUT WEIGHTS AS 28X28. WHITE +, BLACK -, GRAY 0`,
  ];
  const weights = await autoencoder.find('hid1', 'w').variable.data();
  await writeFile(files.features, tilesPng(weights, 784, HIDDEN, { tile: [28, 28], units, zoom: 2, caption }));
  await writeFile(files.training, lossPlotSvg([errorAndPenaltyPanel(aeRun), classifierPanel(clfRun)]));
  const seconds = (Date.now() - started) / 1000;
  const measured: Measured = { mse, r2, sparsity: usage.sparsity, dead: usage.dead, accuracy, seconds };
  const rows = { train: train[0].shape[0], valid: valid[0].shape[0], test: test[0].shape[0] };
  await writeFile(
    files.report,
    report({
      measured,
      rows,
      backend,
      autoencoder: { run: aeRun, options: AUTOENCODER },
      classifier: { run: clfRun, options: CLASSIFIER },
      usage,
    }),
  );

  tf.dispose([...train, ...valid, ...test]);
  autoencoder.dispose();
  classifier.dispose();
  log(`\ndone in ${seconds.toFixed(1)}s; wrote features.png, training.svg and report.md to ${outDir}`);
  return { outDir, files, ...measured };
}

/** Rows measured at a time: one pass over the 10,000 test images held some 380 MB of activations at once. */
const CHUNK_ROWS = 1000;

/** `f` of each run of `CHUNK_ROWS` rows of `x` (and the first row's index); the results are the caller's. */
function inChunks<T extends tf.Tensor>(x: tf.Tensor, f: (rows: tf.Tensor, start: number) => T): T[] {
  const results: T[] = [];
  for (let start = 0; start < x.shape[0]; start += CHUNK_ROWS) {
    results.push(tf.tidy(() => f(tf.slice(x, start, Math.min(CHUNK_ROWS, x.shape[0] - start)), start)));
  }
  return results;
}

/** The autoencoder's mean squared reconstruction error on `x` and its R² (what `score` gives), chunk by chunk. */
function reconstruction(autoencoder: Autoencoder, x: tf.Tensor): { mse: number; r2: number } {
  const squares = inChunks(x, (rows) => tf.sum(tf.squaredDifference(autoencoder.predict(rows), rows)));
  const residual = tf.tidy(() => tf.addN(squares).dataSync()[0]);
  tf.dispose(squares);
  const mean = tf.mean(x);
  const deviations = inChunks(x, (rows) => tf.sum(tf.square(tf.sub(rows, mean))));
  const total = tf.tidy(() => tf.addN(deviations).dataSync()[0]);
  tf.dispose([mean, ...deviations]);
  return { mse: residual / x.size, r2: 1 - residual / total };
}

type Labeled = [tf.Tensor, tf.Tensor];

/** MNIST's training images less a stratified 10% for validation, and its test images; the first `rows` of each. */
async function loadMnist(rows?: number): Promise<{ train: Labeled; valid: Labeled; test: Labeled }> {
  // The loaded sets are ours alone: split in place and share their arrays with the tensors, so MNIST is held once.
  const parts = datasets.split(await datasets.mnist(), { valid: 0.1, rng: 13, stratify: true, inPlace: true });
  const test = await datasets.mnist({ set: 'test' });
  const tensors = (data: datasets.LabeledDataset): Labeled => {
    const first = datasets.rowRange(data, 0, Math.min(rows ?? Infinity, datasets.rowCount(data)));
    return datasets.toTensors(first, { copy: false });
  };
  return { train: tensors(parts.train), valid: tensors(parts.valid), test: tensors(test) };
}

/** Reads the command line: `[folder] [--rows N] [--autoencoder-epochs N] [--classifier-epochs N]`. */
function parseCommandLine(args: string[]): JobOptions {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      rows: { type: 'string' },
      'autoencoder-epochs': { type: 'string' },
      'classifier-epochs': { type: 'string' },
    },
  });
  const count = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} takes a whole number above 0, not "${text}".`);
    return value;
  };
  return {
    outDir: positionals[0],
    rows: count('rows', values.rows),
    autoencoderEpochs: count('autoencoder-epochs', values['autoencoder-epochs']),
    classifierEpochs: count('classifier-epochs', values['classifier-epochs']),
  };
}

if (require.main === module) {
  Promise.resolve()
    .then(() => main(parseCommandLine(process.argv.slice(2))))
    .then((result) => {
      if (result.accuracy < ACCURACY_TARGET) {
        console.error(`held-out accuracy ${result.accuracy.toFixed(4)} is below ${ACCURACY_TARGET}`);
        process.exitCode = 1;
      }
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}
