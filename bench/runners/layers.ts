/**
 * Child process: times `steps` training steps of a workload with a tfjs-layers `model.fit` of the same network on
 * wasm and prints one JSON line.
 *
 *   node out/bench/runners/layers.js <workload>
 */
import { tf, useBackend } from 'tsnets';
import { report, runChild } from '../measurement';
import { sequenceRows } from '../sequences';
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

interface Setup {
  x: tf.Tensor;
  y: tf.Tensor;
  model: tf.Sequential;
}

/** A dense relu layer and a linear or softmax output, as tsnets builds the feed-forward workloads. */
async function denseModel(w: Workload): Promise<Setup> {
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
  return { x, y, model };
}

/** LeNet as the image workload defines it (`LENET`), in tfjs-layers' layers. */
async function imageModel(w: Workload): Promise<Setup> {
  const rows = await trainingRows(w);
  const x = tf.tensor4d(rows.x, [rows.shape[0], 28, 28, 1]);
  const y = tf.oneHot(tf.tensor1d(rows.labels, 'int32'), 10);
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 20, kernelSize: 5 }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 50, kernelSize: 5 }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 500, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  return { x, y, model };
}

/** An lstm or gru over whole sequences and a softmax at each step (tfjs' LSTM has no peepholes). */
function sequenceModel(w: Workload): Setup {
  const rows = sequenceRows(w);
  const [classes, hidden] = w.sizes;
  const x = tf.tensor3d(rows.x, rows.shape);
  const y = tf.oneHot(tf.tensor2d(rows.labels, rows.shape.slice(0, 2) as [number, number], 'int32'), classes);
  const recurrentLayer = w.cell === 'gru' ? tf.layers.gru : tf.layers.lstm;
  const model = tf.sequential({
    layers: [
      recurrentLayer({ inputShape: [w.timeSteps as number, classes], units: hidden, returnSequences: true }),
      tf.layers.dense({ units: classes, activation: 'softmax' }),
    ],
  });
  return { x, y, model };
}

async function main(): Promise<void> {
  const w = workload(process.argv[2]);
  await useBackend(BACKEND);

  const { x, y, model } =
    w.kind === 'sequence' ? sequenceModel(w) : w.kind === 'image' ? await imageModel(w) : await denseModel(w);
  model.compile({
    optimizer: tf.train.sgd(w.learningRate),
    loss: w.kind === 'autoencoder' ? 'meanSquaredError' : 'categoricalCrossentropy',
  });

  const warm = w.warmup * w.batchSize;
  await timeFit(model, tf.slice(x, 0, warm), tf.slice(y, 0, warm), w);
  const seconds = await timeFit(model, x, y, w);
  // The wasm backend runs one thread in Node.
  report(`${w.name}/tfjs-layers`, BACKEND, w.steps / seconds, 1);
  model.dispose();
}

runChild(main);
