/**
 * The main job: trains a classifier on the bundled UCI digits (8x8 images),
 * printing progress, then reports the held-out test accuracy.
 *
 *   npm run demo
 */
import { Classifier, Trainer, datasets, ready } from '../index';

async function main(): Promise<void> {
  const backend = await ready();
  const all = await datasets.digits();
  const { train, valid, test } = datasets.split(all, { valid: 0.1, test: 0.2, rng: 13, stratify: true });
  console.log(
    `digits: ${datasets.rowCount(train)} train, ${datasets.rowCount(valid)} valid, ${datasets.rowCount(test)} test rows; backend ${backend}`,
  );

  const net = new Classifier([64, [128, 'relu'], 10]);
  const trainer = new Trainer(net);
  const started = Date.now();
  trainer.on('validation', ({ epoch, valid: monitors, improved }) => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `epoch ${String(epoch).padStart(3)}  valid loss ${monitors.loss.toFixed(4)}  acc ${monitors.acc.toFixed(4)}` +
        `${improved ? ' *' : ''}  (${seconds}s)`,
    );
  });
  trainer.on('end', ({ reason, epoch }) => console.log(`stopped after ${epoch} epochs (${reason})`));

  await trainer.train(datasets.toArrays(train), {
    algo: 'adam',
    learning_rate: 1e-3,
    batch_size: 32,
    valid: datasets.toArrays(valid),
    validate_every: 2,
    patience: 8,
    max_updates: 300,
  });

  const [x, labels] = datasets.toArrays(test) as [number[][], number[]];
  const accuracy = net.score(x, labels);
  console.log(`held-out test accuracy: ${accuracy.toFixed(4)}`);
  net.dispose();
  if (accuracy < 0.95) {
    console.error('accuracy below 0.95');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
