/**
 * The main job (`npm run demo`): learns sparse, stroke-like features of the
 * bundled UCI digits (8x8 images) with an overcomplete tied-weight
 * autoencoder regularized by `hidden_l1` and the `weightinverse` plugin, then
 * fine-tunes a classifier with `hidden_dropout` on top of those features.
 * Prints progress, and writes `features.png`, `training.svg` and `report.md`
 * into the output folder (default `out/sparse-features/`).
 *
 *   npm run demo
 *   node out/examples/sparse-features.js [output folder]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Autoencoder, Classifier, Trainer, datasets, ready, tf, type Network } from 'tsnets';
import '@tsnets/plugin-weight-inverse'; // registers the `weightinverse` regularizer
import { lossPlotSvg, type LossHistory } from './lib/loss-plot';
import { tilesPng } from './lib/tiles';

/** Options of `main`; the defaults are the demo's. */
export interface JobOptions {
  /** Where the three files go; default `out/sparse-features` under the working directory. */
  outDir?: string;
  /** Epochs at most for the autoencoder; default 80. */
  autoencoderEpochs?: number;
  /** Epochs at most for the classifier; default 80. */
  classifierEpochs?: number;
  /** Receives each progress line; default `console.log`. */
  log?: (line: string) => void;
}

/** What the job measured on the held-out test rows, and where it wrote. */
export interface JobResult {
  outDir: string;
  files: { features: string; training: string; report: string };
  /** Reconstruction mean squared error. */
  mse: number;
  /** Reconstruction R² (against the global mean). */
  r2: number;
  /** The fraction of hidden activations below 0.1. */
  sparsity: number;
  /** The classifier's accuracy. */
  accuracy: number;
  seconds: number;
}

const HIDDEN = 256;
const SPARSITY_THRESHOLD = 0.1;

/**
 * The autoencoder's regularizers. `hidden_l1` makes few units fire per digit;
 * `weightinverse` (the plugin) keeps each unit's weights from shrinking to
 * make that cheap; `weight_l2` is a mean over all 16,384 weights, hence the
 * large weight: it clears the noise left on pixels that are blank in every
 * digit, so the tiles show strokes.
 */
const AUTOENCODER_REGULARIZERS = { hidden_l1: 0.15, weightinverse: 1e-5, weight_l2: 40 };
const DROPOUT = 0.5;

/** Runs the whole job; resolves to what it measured. */
export async function main(options: JobOptions = {}): Promise<JobResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const outDir = resolve(options.outDir ?? join('out', 'sparse-features'));
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

  const backend = await ready();
  const all = await datasets.digits();
  const parts = datasets.split(all, { valid: 0.1, test: 0.2, rng: 13, stratify: true });
  const [trainX, trainY] = datasets.toTensors(parts.train as datasets.LabeledDataset);
  const [validX, validY] = datasets.toTensors(parts.valid as datasets.LabeledDataset);
  const [testX, testY] = datasets.toTensors(parts.test as datasets.LabeledDataset);
  log(
    `UCI digits 8x8: ${trainX.shape[0]} train, ${validX.shape[0]} valid, ${testX.shape[0]} test rows; backend ${backend}`,
  );

  // 1. An overcomplete sparse autoencoder: 64 pixels -> 256 relu units -> 64, the decoder tied to the encoder.
  // Zero initial biases keep every relu unit alive at the start (the default N(0, 1) biases silence some for good).
  log(`\n1. sparse autoencoder 64-${HIDDEN}-64 (tied), hidden_l1 + weightinverse`);
  const autoencoder = new Autoencoder([64, { size: HIDDEN, activation: 'relu', std_b: 0 }, [64, 'tied']]);
  const aeHistory = await fit(autoencoder, 'sparse autoencoder', log, elapsed, [trainX], {
    algo: 'adam',
    learning_rate: 1e-3,
    ...AUTOENCODER_REGULARIZERS,
    monitors: { 'hid1:out': [SPARSITY_THRESHOLD] },
    valid: [validX],
    max_updates: options.autoencoderEpochs ?? 100,
    patience: 10,
  });
  const reconstruction = autoencoder.predict(testX);
  const mse = tf.tidy(() => tf.mean(tf.squaredDifference(reconstruction, testX)).dataSync()[0]);
  const r2 = autoencoder.score(testX);
  const hidden = autoencoder.encode(testX, 'hid1');
  const sparsity = tf.tidy(() => tf.mean(tf.cast(tf.less(hidden, SPARSITY_THRESHOLD), 'float32')).dataSync()[0]);
  log(`   test reconstruction mse ${mse.toFixed(4)}, R² ${r2.toFixed(4)}; activations < 0.1: ${pct(sparsity)}`);

  // 2. A classifier whose hidden layer starts from the learned features, fine-tuned with dropout.
  log(`\n2. classifier 64-${HIDDEN}-10 from the learned features: hidden_dropout ${DROPOUT}`);
  const classifier = new Classifier([64, [HIDDEN, 'relu'], 10]);
  for (const param of ['w', 'b']) {
    classifier.find('hid1', param).variable.assign(autoencoder.find('hid1', param).variable);
  }
  const clfHistory = await fit(classifier, `classifier (hidden_dropout ${DROPOUT})`, log, elapsed, [trainX, trainY], {
    algo: 'adam',
    learning_rate: 1e-3,
    hidden_dropout: DROPOUT,
    valid: [validX, validY],
    max_updates: options.classifierEpochs ?? 80,
    patience: 6,
  });
  const accuracy = classifier.score(testX, testY);
  log(`   held-out test accuracy ${accuracy.toFixed(4)}`);

  // 3. The three files.
  const files = {
    features: join(outDir, 'features.png'),
    training: join(outDir, 'training.svg'),
    report: join(outDir, 'report.md'),
  };
  await mkdir(outDir, { recursive: true });
  const weights = autoencoder.find('hid1', 'w').variable;
  await writeFile(files.features, tilesPng(await weights.data(), 64, HIDDEN, { tile: [8, 8], zoom: 6 }));
  await writeFile(files.training, lossPlotSvg([aeHistory, clfHistory]));
  const seconds = (Date.now() - started) / 1000;
  const result: JobResult = { outDir, files, mse, r2, sparsity, accuracy, seconds };
  await writeFile(files.report, report(result, aeHistory, clfHistory, backend));

  tf.dispose([trainX, trainY, validX, validY, testX, testY, reconstruction, hidden]);
  autoencoder.dispose();
  classifier.dispose();
  log(`\ndone in ${seconds.toFixed(1)}s; wrote features.png, training.svg and report.md to ${outDir}`);
  return result;
}

/** Trains `net`, printing a line every few epochs, and returns the losses of every epoch. */
async function fit(
  net: Network,
  title: string,
  log: (line: string) => void,
  elapsed: () => string,
  data: tf.Tensor[],
  options: Record<string, unknown>,
): Promise<LossHistory> {
  const history: LossHistory = { title, epochs: [], train: [], valid: [] };
  const trainer = new Trainer(net);
  trainer.on('start', ({ backend, regularizers }) => {
    // Noise and dropout report weight 0: their strength is a rate, not a penalty weight.
    const resolved = regularizers.map((r) => `${r.id}${r.weight ? ` ${r.weight}` : ''} on ${r.targets.join(', ')}`);
    log(`   ${backend}; regularizers: ${resolved.join('; ') || 'none'}`);
  });
  trainer.on('iteration', ({ epoch, train, valid }) => {
    history.epochs.push(epoch);
    history.train.push(train.loss);
    history.valid.push(valid.loss);
    if (epoch === 1 || epoch % 5 === 0)
      log(`   epoch ${String(epoch).padStart(3)}  ${monitorsLine(train, valid)}  (${elapsed()})`);
  });
  trainer.on('end', ({ reason, epoch }) => log(`   stopped after ${epoch} epochs (${reason}); best parameters kept`));
  await trainer.train(data, { batch_size: 32, validate_every: 1, ...options });
  return history;
}

function monitorsLine(train: Record<string, number>, valid: Record<string, number>): string {
  const parts = [`loss ${train.loss.toFixed(4)} / valid ${valid.loss.toFixed(4)}`];
  if ('acc' in valid) parts.push(`valid acc ${valid.acc.toFixed(4)}`);
  else parts.push(`valid err ${valid.err.toFixed(4)}`);
  const below = Object.keys(valid).find((key) => key.endsWith(`<${SPARSITY_THRESHOLD}`));
  if (below) parts.push(`${below} ${pct(valid[below])}`);
  return parts.join('  ');
}

function pct(fraction: number): string {
  return `${(100 * fraction).toFixed(1)}%`;
}

function code(options: Record<string, number>): string {
  return Object.entries(options)
    .map(([key, value]) => `\`${key}: ${value}\``)
    .join(', ');
}

function report(result: JobResult, ae: LossHistory, clf: LossHistory, backend: string): string {
  return [
    '# Sparse features of the UCI digits',
    '',
    `Bundled UCI digits (8x8), split 70/10/20 (train/valid/test, stratified, seed 13); backend ${backend}; ${result.seconds.toFixed(1)} s.`,
    '',
    `1. Autoencoder 64-${HIDDEN}-64 (relu, tied decoder), adam, ${code(AUTOENCODER_REGULARIZERS)}: ${ae.epochs.length} epochs.`,
    `2. Classifier 64-${HIDDEN}-10 starting from the autoencoder's first layer, adam, ${code({ hidden_dropout: DROPOUT })}: ${clf.epochs.length} epochs.`,
    '',
    'Measured on the held-out test rows:',
    '',
    '| measure | value |',
    '| --- | --- |',
    `| reconstruction mse | ${result.mse.toFixed(5)} |`,
    `| reconstruction R² | ${result.r2.toFixed(4)} |`,
    `| hidden activations below ${SPARSITY_THRESHOLD} | ${result.sparsity.toFixed(4)} |`,
    `| classifier accuracy | ${result.accuracy.toFixed(4)} |`,
    '',
    "`features.png`: each hidden unit's 64 incoming weights as an 8x8 tile (scaled per tile, black lowest, white highest).",
    '`training.svg`: training and validation loss per epoch of both runs.',
    '',
  ].join('\n');
}

if (require.main === module) {
  main({ outDir: process.argv[2] })
    .then((result) => {
      if (result.accuracy < 0.95) {
        console.error(`accuracy ${result.accuracy.toFixed(4)} is below 0.95`);
        process.exitCode = 1;
      }
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}
