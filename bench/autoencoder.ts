/**
 * Training speed of the 784-1000-784 MNIST autoencoder (batch 64, sgd):
 * tsnets against a tfjs-layers `model.fit` of the same network on the same
 * backend, interleaved round by round. Prints median steps per second, their
 * ratio, and the peak resident memory of the process.
 *
 *   npm run bench            # a table
 *   npm run bench -- --json  # one JSON object per measurement
 */
import { Autoencoder, Trainer, backendName, datasets, isRegistered, ready, tf } from 'tsnets';

const ROUNDS = 7;
const STEPS = 30;
const BATCH = 64;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

async function tsnetsRound(
  trainer: Trainer,
  x: tf.Tensor,
  valid: tf.Tensor,
  options: Record<string, unknown>,
): Promise<number> {
  let started = 0;
  // Time the training steps only: from after the first validation to the end.
  const mark = () => (started = performance.now());
  trainer.once('validation', mark);
  await trainer.train([x], {
    algo: 'sgd',
    learning_rate: 1e-4,
    batch_size: BATCH,
    max_updates: 1,
    validate_every: 1000,
    valid: [valid],
    ...options,
  });
  return STEPS / ((performance.now() - started) / 1000);
}

async function layersRound(model: tf.Sequential, x: tf.Tensor): Promise<number> {
  const started = performance.now();
  await model.fit(x, x, { batchSize: BATCH, epochs: 1, shuffle: false, verbose: 0 });
  return STEPS / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  await ready();
  const backend = backendName();
  const mnist = await datasets.mnist({ set: 'test' });
  const x = tf.tensor2d(mnist.x.subarray(0, STEPS * BATCH * 784), [STEPS * BATCH, 784]);
  const valid = tf.slice(x, 0, BATCH);

  const net = new Autoencoder([784, 1000, 784]);
  const trainer = new Trainer(net);
  const regularized: Record<string, unknown> = { hidden_l1: 0.1, weight_l2: 1e-4 };
  // The regularizers are measured once the package registering them is present.
  const withRegularizers = Object.keys(regularized).every((key) => isRegistered('regularizer', key));

  const model = tf.sequential({
    layers: [tf.layers.dense({ inputShape: [784], units: 1000, activation: 'relu' }), tf.layers.dense({ units: 784 })],
  });
  model.compile({ optimizer: tf.train.sgd(1e-4), loss: 'meanSquaredError' });

  // Warm up both (kernel set-up, first allocations).
  await tsnetsRound(trainer, x, valid, {});
  await layersRound(model, x);

  const results: Record<string, number[]> = { tsnets: [], 'tfjs-layers': [], 'tsnets+regularizers': [] };
  for (let round = 0; round < ROUNDS; round++) {
    results.tsnets.push(await tsnetsRound(trainer, x, valid, {}));
    results['tfjs-layers'].push(await layersRound(model, x));
    if (withRegularizers) results['tsnets+regularizers'].push(await tsnetsRound(trainer, x, valid, regularized));
  }

  const peak = peakRssMb();
  const rows = Object.entries(results)
    .filter(([, values]) => values.length > 0)
    .map(([name, values]) => ({ name, backend, steps_per_s: median(values), peak_rss_mb: peak }));
  if (json) {
    for (const row of rows) console.log(JSON.stringify(row));
  } else {
    console.log(
      `784-1000-784 autoencoder, MNIST, batch ${BATCH}, sgd; ${ROUNDS} interleaved rounds of ${STEPS} steps; backend ${backend}`,
    );
    for (const row of rows)
      console.log(`  ${row.name.padEnd(22)} ${row.steps_per_s.toFixed(1).padStart(7)} steps/s (median)`);
    const ratio = median(results.tsnets) / median(results['tfjs-layers']);
    console.log(`  tsnets / tfjs-layers   ${ratio.toFixed(2)}x`);
    if (withRegularizers) {
      const cost = median(results['tsnets+regularizers']) / median(results.tsnets);
      console.log(`  with hidden_l1 + weight_l2: ${(cost * 100).toFixed(0)}% of the plain speed`);
    }
    console.log(`  peak resident memory   ${peak.toFixed(0)} MB`);
  }
  net.dispose();
  model.dispose();
  tf.dispose([x, valid]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
