import { datasets, type LayerSpec } from 'tsnets';

/** A network and its training settings, measured the same way by every runner. */
export interface Workload {
  name: string;
  /** A one-line description for the table. */
  title: string;
  kind: 'autoencoder' | 'classifier' | 'sequence' | 'image';
  /** Input, hidden (relu) and output sizes; the output is linear (autoencoder) or softmax (classifier and image). */
  sizes: [number, number, number];
  /** Sequence workloads: the recurrent cell of the hidden layer and the time steps of each window. */
  cell?: 'lstm' | 'gru';
  timeSteps?: number;
  /** Rows from MNIST's test set rather than the UCI digits. */
  mnist?: boolean;
  batchSize: number;
  /** Plain sgd, no momentum. */
  learningRate: number;
  /** Steps timed per measurement, after `warmup` untimed ones. */
  steps: number;
  warmup: number;
  /** The backends tsnets is measured on, in table order, when available. */
  backends: readonly string[];
  /** Regularizer keywords tsnets is also measured with (on its default backend), to show what they cost. */
  regularizers?: Readonly<Record<string, number>>;
}

/** The runner name of tsnets trained with a workload's regularizers. */
export const REGULARIZED = 'tsnets+regularizers';

/** The native backend's name, measured only when `@tsnets/backend-native` is installed and built. */
export const NATIVE = 'tsnets-native';

/** The alphabet of the character workloads: the SOTU text's characters seen at least 20 times, and one for the rest. */
export const CHAR_CLASSES = 83;

/**
 * The image workload's network, LeNet as Caffe's MNIST example builds it: 20 filters of 5x5, max pooling by 2,
 * 50 filters of 5x5, max pooling by 2, 500 relu units and a softmax over 10 classes. Every runner builds this one.
 */
export const LENET: readonly LayerSpec[] = [
  [28, 28, 1],
  { form: 'conv2', size: 20, filter_size: 5, activation: 'linear' },
  'pool2',
  { form: 'conv2', size: 50, filter_size: 5, activation: 'linear' },
  'pool2',
  'flatten',
  [500, 'relu'],
  10,
];

/** The workloads, in table order. The cpu backend is left out of the autoencoder: about 1 step/s. */
export const WORKLOADS: readonly Workload[] = [
  {
    name: 'autoencoder',
    title: '784-1000-784 MNIST autoencoder, mse, batch 64, sgd lr 1e-4',
    kind: 'autoencoder',
    sizes: [784, 1000, 784],
    batchSize: 64,
    learningRate: 1e-4,
    steps: 100,
    warmup: 10,
    backends: ['wasm', NATIVE],
    regularizers: { hidden_l1: 0.1, weight_l2: 1e-4 },
    mnist: true,
  },
  {
    name: 'digits',
    title: '64-100-10 UCI digits classifier, softmax xe, batch 64, sgd lr 0.01',
    kind: 'classifier',
    sizes: [64, 100, 10],
    batchSize: 64,
    learningRate: 0.01,
    steps: 100,
    warmup: 20,
    backends: ['wasm', NATIVE, 'cpu'],
  },
  ...(['lstm', 'gru'] as const).map((cell): Workload => ({
    name: `char-${cell}`,
    title: `character ${cell.toUpperCase()} of 128 units on SOTU text, ${CHAR_CLASSES} classes, 32 steps, batch 32, sgd lr 0.1`,
    kind: 'sequence',
    cell,
    sizes: [CHAR_CLASSES, 128, CHAR_CLASSES],
    timeSteps: 32,
    batchSize: 32,
    learningRate: 0.1,
    steps: 30,
    warmup: 5,
    backends: ['wasm', NATIVE],
  })),
  {
    name: 'lenet',
    title: 'LeNet on MNIST (conv 5x5x20, pool, conv 5x5x50, pool, 500, 10), softmax xe, batch 64, sgd lr 0.01',
    kind: 'image',
    sizes: [784, 500, 10],
    batchSize: 64,
    learningRate: 0.01,
    steps: 30,
    warmup: 5,
    backends: ['wasm', NATIVE],
    mnist: true,
  },
];

/** The time-to-accuracy run (`--accuracy`, bench/accuracy.ts): train until the test accuracy reaches `target`. */
export const TIME_TO_ACCURACY = {
  title: '784-500-10 MNIST classifier, hidden_dropout 0.5, adam lr 1e-3, batch 64',
  target: 0.98,
  maxEpochs: 40,
} as const;

/** The workload called `name`; throws naming the known ones. */
export function workload(name: string): Workload {
  const found = WORKLOADS.find((w) => w.name === name);
  if (!found) throw new Error(`Unknown workload "${name}"; known: ${WORKLOADS.map((w) => w.name).join(', ')}.`);
  return found;
}

/**
 * The rows a measurement trains on: `steps * batchSize` of them, the data's rows repeated as needed, so that one
 * pass is exactly `steps` full batches and every runner sees the same examples.
 */
export async function trainingRows(w: Workload): Promise<datasets.LabeledDataset> {
  const data = w.mnist ? await datasets.mnist({ set: 'test' }) : await datasets.digits();
  const available = datasets.rowCount(data);
  const rows = Array.from({ length: w.steps * w.batchSize }, (_, i) => i % available);
  return datasets.selectRows(data, rows);
}
