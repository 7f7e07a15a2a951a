/**
 * Shared fixtures of the regularizer tests: theanets' test data, and
 * training helpers. Importing it registers the losses, optimizers and the
 * trainer (test-only dependencies) and this package's regularizers.
 */
import '@tsnets/losses';
import '@tsnets/optimizers';
import '@tsnets/trainer';
import '../src/index';
import { expect } from 'chai';
import { RandomState, tf, type MonitorValues, type Network, type TrainOptions } from '@tsnets/core';
import { Trainer } from '@tsnets/trainer';

export const NUM_EXAMPLES = 64;
export const NUM_INPUTS = 7;
export const NUM_OUTPUTS = 5;

/** Rows of `cols` float32 values. */
function rows(values: ArrayLike<number>, cols: number): number[][] {
  const f32 = Float32Array.from(values);
  return Array.from({ length: f32.length / cols }, (_, i) => Array.from(f32.subarray(i * cols, (i + 1) * cols)));
}

// The draws of theanets' test/util.py, in its order, from np.random.seed(13).
const rng = new RandomState(13);
/** `randn(64, 7)` as float32. */
export const INPUTS = rows(rng.randn(NUM_EXAMPLES * NUM_INPUTS), NUM_INPUTS);
rng.randn(NUM_EXAMPLES * NUM_INPUTS); // theanets' input weights, unused here
/** `randn(64, 5)` as float32. */
export const OUTPUTS = rows(rng.randn(NUM_EXAMPLES * NUM_OUTPUTS), NUM_OUTPUTS);

/** Regression data `[INPUTS, OUTPUTS]`. */
export const REG_DATA = [INPUTS, OUTPUTS];

/** Options of one batch per epoch with plain SGD. */
export const ONE_BATCH: TrainOptions = { algo: 'sgd', batch_size: NUM_EXAMPLES };

/**
 * The monitors of the first epoch: `train` from the first training steps,
 * `valid` from the validation before them (at the initial parameters).
 * Stops training after it; the network keeps the better of the two
 * parameter sets, so use a fresh network for the next comparison.
 */
export async function firstEpoch(net: Network, keywords: TrainOptions = {}): Promise<[MonitorValues, MonitorValues]> {
  const run = net.itertrain(REG_DATA, { ...ONE_BATCH, ...keywords });
  const first = await run.next();
  await run.return(undefined);
  if (first.done) throw new Error('training yielded nothing');
  return first.value;
}

/**
 * Trains with theanets' assert_progress settings (sgd, patience 2,
 * min_improvement 0.01, max_gradient_norm 1, one batch of 64) to the end
 * and returns the validation losses in order.
 */
export async function validationLosses(net: Network, keywords: TrainOptions): Promise<number[]> {
  const losses: number[] = [];
  const trainer = new Trainer(net);
  trainer.on('validation', ({ valid }) => losses.push(valid.loss));
  await trainer.train(REG_DATA, {
    algo: 'sgd',
    patience: 2,
    min_improvement: 0.01,
    max_gradient_norm: 1,
    batch_size: NUM_EXAMPLES,
    ...keywords,
  });
  return losses;
}

/** A tensor's values as nested arrays, disposing it. */
export function take<T = number[][]>(tensor: tf.Tensor): T {
  const values = tensor.arraySync() as unknown as T;
  tensor.dispose();
  return values;
}

/** A scalar tensor's value, disposing it. */
export function scalar(tensor: tf.Tensor): number {
  const value = tensor.dataSync()[0];
  tensor.dispose();
  return value;
}

/** Expects `actual` within `atol + rtol * |expected|` of `expected`. */
export function expectClose(actual: number, expected: number, rtol = 1e-4, atol = 1e-6, what = ''): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).to.be.at.most(
    atol + rtol * Math.abs(expected),
  );
}

/**
 * Wraps a test body: the number of live tensors must be the same after it as
 * before (networks and returned tensors must be disposed by the body).
 */
export function leakFree(body: () => void | Promise<void>): () => Promise<void> {
  return async () => {
    const before = tf.memory().numTensors;
    await body();
    expect(tf.memory().numTensors, 'live tensors after the test').to.equal(before);
  };
}
