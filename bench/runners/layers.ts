/**
 * Child process: times `steps` training steps of a workload with a tfjs-layers `model.fit` of the same network on
 * wasm and prints one JSON line.
 *
 *   node out/bench/runners/layers.js <workload>
 */
import { tf, useBackend } from 'tsnets';
import { report, runChild } from '../measurement';
import { trainingRows, workload, type Workload } from '../workloads';

const BACKEND = 'wasm';

/** One epoch of `model.fit` over `x`; returns the seconds from the start of training to its end. */
async function timeFit(model: tf.Sequential, x: tf.Tensor, y: tf.Tensor, w: Workload): Promise<number> {
  let started = NaN;
  let stopped = NaN;
  await model.fit(x, y, {
    batchSize: w.batchSize,
    epochs: 1,
    shuffle: false,
    verbose: 0,
    callbacks: {
      onTrainBegin: async () => void (started = performance.now()),
      onTrainEnd: async () => void (stopped = performance.now()),
    },
  });
  return (stopped - started) / 1000;
}

async function main(): Promise<void> {
  const w = workload(process.argv[2]);
  await useBackend(BACKEND);

  const rows = await trainingRows(w);
  const [inputs, hidden, outputs] = w.sizes;
  const x = tf.tensor2d(rows.x, [rows.shape[0], inputs]);
  const classifier = w.kind === 'classifier';
  const y = classifier ? tf.oneHot(tf.tensor1d(rows.labels, 'int32'), outputs) : x;
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [inputs], units: hidden, activation: 'relu' }),
      tf.layers.dense({ units: outputs, activation: classifier ? 'softmax' : 'linear' }),
    ],
  });
  model.compile({
    optimizer: tf.train.sgd(w.learningRate),
    loss: classifier ? 'categoricalCrossentropy' : 'meanSquaredError',
  });

  const warm = w.warmup * w.batchSize;
  await timeFit(model, tf.slice(x, 0, warm), tf.slice(y, 0, warm), w);
  const seconds = await timeFit(model, x, y, w);
  // The wasm backend runs one thread in Node.
  report(`${w.name}/tfjs-layers`, BACKEND, w.steps / seconds, 1);
  model.dispose();
}

runChild(main);
