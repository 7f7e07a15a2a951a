/**
 * Child process: time to accuracy. Trains the 784-500(relu)-10 MNIST classifier (hidden_dropout 0.5, adam lr 1e-3,
 * batch 64) on the 60,000 training images less a 10% validation split, with tsnets on one backend, until the test
 * accuracy reaches 0.98 (checked after each epoch, at most 40 epochs). Prints one JSON line, an `AccuracyResult`.
 *
 *   node out/bench/accuracy.js <backend>
 */
import { Classifier, backendName, datasets, tf, useBackend } from 'tsnets';
import { runChild } from './measurement';
import { TIME_TO_ACCURACY } from './workloads';

const { target, maxEpochs } = TIME_TO_ACCURACY;

/** What the child prints (main.ts imports only this type: importing this file would run it). */
export interface AccuracyResult {
  backend: string;
  reached: boolean;
  /** The best test accuracy, and the epoch and seconds of training after which it was first seen. */
  accuracy: number;
  epoch: number;
  seconds: number;
}

async function main(): Promise<void> {
  const backend = process.argv[2];
  await useBackend(backend);
  if (backendName() !== backend) throw new Error(`Backend ${backend} did not start; ${backendName()} is active.`);

  const { train, valid } = datasets.split(await datasets.mnist(), { valid: 0.1 });
  const [trainX, trainY] = datasets.toTensors(train);
  const [validX, validY] = datasets.toTensors(valid);
  const [testX, testY] = datasets.toTensors(await datasets.mnist({ set: 'test' }));
  const net = new Classifier([784, 500, 10]);

  const result: AccuracyResult = { backend, reached: false, accuracy: 0, epoch: 0, seconds: 0 };
  let seconds = 0;
  let epoch = 0;
  let started = performance.now();
  const epochs = net.itertrain([trainX, trainY], {
    algo: 'adam',
    learning_rate: 1e-3,
    batch_size: 64,
    hidden_dropout: 0.5,
    valid: [validX, validY],
    max_updates: maxEpochs,
    patience: maxEpochs,
  });
  // Training time includes the trainer's validation passes; scoring the test set is not counted.
  for await (const _ of epochs) {
    seconds += (performance.now() - started) / 1000;
    epoch += 1;
    const accuracy = net.score(testX, testY);
    if (accuracy > result.accuracy) Object.assign(result, { accuracy, epoch, seconds });
    if (accuracy >= target) {
      result.reached = true;
      break;
    }
    started = performance.now();
  }
  console.log(JSON.stringify(result));
  net.dispose();
  tf.dispose([trainX, trainY, validX, validY, testX, testY]);
}

runChild(main);
