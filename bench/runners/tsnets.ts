/**
 * Child process: times `steps` training steps of a workload with tsnets on one backend and prints one JSON line.
 *
 *   node out/bench/runners/tsnets.js <workload> <backend> [regularized] [--steps N]
 *
 * `--steps` times N steps instead of the workload's (the memory check: 1000 autoencoder steps). The run fails when
 * the timed steps leave `tf.memory().numTensors` anywhere but where it was.
 */
import { parseArgs } from 'node:util';
import {
  Autoencoder,
  Classifier,
  Trainer,
  backendName,
  convolution,
  recurrent,
  tf,
  useBackend,
  type Network,
} from 'tsnets';
import { report, runChild } from '../measurement';
import { sequenceRows } from '../sequences';
import { BENCH_THREADS } from '../threads';
import { LENET, NATIVE, REGULARIZED, trainingRows, workload, type Workload } from '../workloads';

/** Caps the native backend's thread pool at `n`; returns the cap in force. */
function nativeThreads(n: number): number {
  const native = require('@tsnets/backend-native') as {
    nativeAddon(): { setMaxThreads(n: number): number } | undefined;
  };
  const addon = native.nativeAddon();
  if (!addon) throw new Error('the native addon is not loaded');
  return addon.setMaxThreads(n);
}

/** Trains one pass of `steps` batches; returns the seconds the steps took, set-up and validation excluded. */
async function timeSteps(
  trainer: Trainer,
  data: tf.Tensor[],
  valid: tf.Tensor[],
  w: Workload,
  steps: number,
  regularizers: Readonly<Record<string, number>>,
): Promise<number> {
  let started = NaN;
  let stopped = NaN;
  // The trainer validates once before the first step (one small batch here): the clock starts after it.
  const start = () => (started = performance.now());
  const stop = ({ batch, batches }: { batch: number; batches: number }) => {
    if (batch === batches) stopped = performance.now();
  };
  trainer.once('validation', start);
  trainer.on('batch', stop);
  try {
    await trainer.train(data, {
      algo: 'sgd',
      learning_rate: w.learningRate,
      batch_size: w.batchSize,
      iteration_size: steps,
      max_updates: 1,
      validate_every: 1000,
      valid,
      ...regularizers,
    });
  } finally {
    trainer.off('batch', stop);
  }
  return (stopped - started) / 1000;
}

/** The workload's data as tensors and its network. */
async function setUp(w: Workload): Promise<{ x: tf.Tensor; labels: tf.Tensor; net: Network }> {
  if (w.kind === 'sequence') {
    const rows = sequenceRows(w);
    const [classes, hidden] = w.sizes;
    return {
      x: tf.tensor3d(rows.x, rows.shape),
      labels: tf.tensor2d(rows.labels, rows.shape.slice(0, 2) as [number, number], 'int32'),
      net: new recurrent.Classifier([classes, [hidden, w.cell as string], classes]),
    };
  }
  const rows = await trainingRows(w);
  if (w.kind === 'image') {
    return {
      x: tf.tensor4d(rows.x, [rows.shape[0], 28, 28, 1]),
      labels: tf.tensor1d(rows.labels, 'int32'),
      net: new convolution.Classifier(LENET),
    };
  }
  return {
    x: tf.tensor2d(rows.x, [rows.shape[0], w.sizes[0]]),
    labels: tf.tensor1d(rows.labels, 'int32'),
    net: w.kind === 'autoencoder' ? new Autoencoder(w.sizes) : new Classifier(w.sizes),
  };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { steps: { type: 'string' } }, allowPositionals: true });
  const [name, backend, variant] = positionals;
  const w = workload(name);
  const steps = values.steps === undefined ? w.steps : Number(values.steps);
  const regularizers = variant === 'regularized' ? (w.regularizers ?? {}) : {};
  await useBackend(backend);
  if (backendName() !== backend) throw new Error(`Backend ${backend} did not start; ${backendName()} is active.`);
  // The native pool gets the threads PyTorch gets; wasm and cpu compute on one.
  const threads = backend === NATIVE ? nativeThreads(BENCH_THREADS) : 1;

  const { x, labels, net } = await setUp(w);
  const data = w.kind === 'autoencoder' ? [x] : [x, labels];
  const valid = data.map((tensor) => tf.slice(tensor, 0, w.batchSize));
  const trainer = new Trainer(net);

  await timeSteps(trainer, data, valid, w, w.warmup, regularizers);
  const tensors = tf.memory().numTensors;
  const seconds = await timeSteps(trainer, data, valid, w, steps, regularizers);
  const left = tf.memory().numTensors - tensors;
  if (left !== 0) throw new Error(`${steps} steps changed the live tensor count by ${left}.`);
  report(`${w.name}/${variant === 'regularized' ? REGULARIZED : 'tsnets'}`, backend, steps / seconds, threads);
  net.dispose();
  tf.dispose([x, labels, ...valid]);
}

runChild(main);
