/**
 * Test helpers shared by the plugins' tests: seeded data, leak checks, error
 * capture. Importing this registers every built-in (losses, optimizers,
 * regularizers, trainer), as an app importing `tsnets` would have them.
 */
import { expect } from 'chai';
import { RandomState, tf, type Network } from '@tsnets/core';
import '@tsnets/losses';
import '@tsnets/optimizers';
import '@tsnets/regularizers';
import '@tsnets/trainer';

/** `rows` x `cols` standard normal values from a seeded generator, as nested arrays. */
export function randn(rows: number, cols: number, seed = 13): number[][] {
  const values = new RandomState(seed).randn(rows * cols);
  return Array.from({ length: rows }, (_, i) => Array.from(values.slice(i * cols, (i + 1) * cols)));
}

/** A parameter's values as rows of a matrix, read with plain JS. */
export function matrixOf(network: Network, name: string): number[][] {
  const param = network.params.find((p) => p.name === name);
  if (!param) throw new Error(`no parameter ${name}`);
  const [rows, cols] = param.shape;
  const values = param.value();
  return Array.from({ length: rows }, (_, i) => Array.from(values.subarray(i * cols, (i + 1) * cols)));
}

/** Wraps a test body: no tensor may outlive it. */
export function leakFree(body: () => void | Promise<void>): () => Promise<void> {
  return async () => {
    const before = tf.memory().numTensors;
    await body();
    expect(tf.memory().numTensors, 'live tensors after the test').to.equal(before);
  };
}

/** Mocha hooks for the enclosing `describe`: no test may leave a tensor behind. */
export function noLeakedTensors(): void {
  let before = 0;
  beforeEach(() => {
    before = tf.memory().numTensors;
  });
  afterEach(() => {
    expect(tf.memory().numTensors, 'live tensors after the test').to.equal(before);
  });
}

/** The value of a scalar tensor, disposing it. */
export function valueOf(scalar: tf.Scalar): number {
  const value = scalar.dataSync()[0];
  scalar.dispose();
  return value;
}

/**
 * `loss - err` of the first validation of a training run with `options`:
 * the regularizers' terms on the initial parameters (it runs before any step).
 */
export async function firstPenalty(
  network: Network,
  data: Parameters<Network['itertrain']>[0],
  options: Record<string, unknown>,
): Promise<number> {
  for await (const [, valid] of network.itertrain(data, options)) return valid.loss - valid.err;
  throw new Error('training yielded no epoch');
}

/** Runs `body`, expecting it to throw; returns the error. */
export function thrown(body: () => unknown): Error {
  try {
    body();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

/** Awaits `body`, expecting it to reject; returns the error. */
export async function rejected(body: () => Promise<unknown>): Promise<Error> {
  try {
    await body();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
