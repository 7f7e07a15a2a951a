/**
 * Shared fixtures of the core tests, ported from theanets' `test/util.py`,
 * plus minimal `mse` and `xe` losses (core cannot import @tsnets/losses, and
 * every network needs a registered loss).
 */
import { expect } from 'chai';
import { isRegistered, Loss, register, RandomState, tf, weightedMean, type Network } from '../src/index';
import type { Params } from './recurrent-reference';

/** Mean squared error, computed with plain tf ops. */
class TestMse extends Loss {
  compute(output: tf.Tensor, target: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
    return tf.tidy(() => weightedMean(tf.square(tf.sub(output, target)), weights));
  }
}

/** Cross-entropy of probabilities against integer labels, computed with plain tf ops. */
class TestXe extends Loss {
  static override readonly labels: boolean = true;

  compute(output: tf.Tensor, labels: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
    return tf.tidy(() => {
      const classes = output.shape[output.rank - 1];
      const truth = tf.sum(tf.mul(output, tf.oneHot(tf.cast(labels, 'int32'), classes)), -1);
      return weightedMean(tf.neg(tf.log(tf.clipByValue(truth, 1e-8, 1))), weights);
    });
  }
}

// Registered when the tests start, not when files load: in a run of every
// package's tests, @tsnets/losses has registered the real ones by then.
before(() => {
  if (!isRegistered('loss', 'mse')) register('loss', TestMse, { id: 'mse' });
  if (!isRegistered('loss', 'xe')) register('loss', TestXe, { id: 'xe' });
});

export const NUM_EXAMPLES = 64;
export const NUM_INPUTS = 7;
export const NUM_HID1 = 8;
export const NUM_HID2 = 12;
export const NUM_OUTPUTS = 5;
export const NUM_CLASSES = 6;

/** Rows of `cols` float32 values. */
function rows(values: ArrayLike<number>, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < values.length; i += cols) {
    out.push(Array.from({ length: cols }, (_, j) => Math.fround(values[i + j])));
  }
  return out;
}

// The draws of theanets' test/util.py, in its order, from np.random.seed(13).
const rng = new RandomState(13);
/** `randn(64, 7)` as float32. */
export const INPUTS = rows(rng.randn(NUM_EXAMPLES * NUM_INPUTS), NUM_INPUTS);
/** `|randn(64, 7)|` as float32. */
export const INPUT_WEIGHTS = rows(rng.randn(NUM_EXAMPLES * NUM_INPUTS).map(Math.abs), NUM_INPUTS);
/** `randn(64, 5)` as float32. */
export const OUTPUTS = rows(rng.randn(NUM_EXAMPLES * NUM_OUTPUTS), NUM_OUTPUTS);
/** `|randn(64, 5)|` as float32. */
export const OUTPUT_WEIGHTS = rows(rng.randn(NUM_EXAMPLES * NUM_OUTPUTS).map(Math.abs), NUM_OUTPUTS);
/** `randint(6, size=64)`: NumPy draws each by masked rejection on 32-bit words. */
export const CLASSES = Array.from({ length: NUM_EXAMPLES }, () => rng.randomInterval(NUM_CLASSES - 1));

export const AE_LAYERS = [NUM_INPUTS, NUM_HID1, NUM_HID2, NUM_INPUTS];
export const CLF_LAYERS = [NUM_INPUTS, NUM_HID1, NUM_HID2, NUM_CLASSES];
export const REG_LAYERS = [NUM_INPUTS, NUM_HID1, NUM_HID2, NUM_OUTPUTS];

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

/** A tensor's values as nested arrays, disposing it. */
export function take<T = number[][]>(tensor: tf.Tensor): T {
  const values = tensor.arraySync() as unknown as T;
  tensor.dispose();
  return values;
}

/** Expects every element of two equally shaped arrays to agree within `atol + rtol * |expected|` (numpy.allclose). */
export function expectClose(actual: unknown, expected: unknown, rtol = 1e-5, atol = 1e-6, where = ''): void {
  if (Array.isArray(expected)) {
    expect(actual, `shape at ${where || 'top'}`)
      .to.be.an('array')
      .with.lengthOf(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, rtol, atol, `${where}[${i}]`));
    return;
  }
  const a = actual as number;
  const e = expected as number;
  expect(Math.abs(a - e), `${where}: ${a} vs ${e}`).to.be.at.most(atol + rtol * Math.abs(e));
}

/** `tensor.shape` of a tensor, disposing it. */
export function shapeOf(tensor: tf.Tensor): number[] {
  const shape = tensor.shape;
  tensor.dispose();
  return shape;
}

/** The expected shape `(64, n)` of theanets' `assert_shape`. */
export const batchOf = (n: number): number[] => [NUM_EXAMPLES, n];

/**
 * Skips the running test, or from a `before` hook its whole suite, recording
 * `reason` for the reporter (scripts/mocha-reporter.js lists every skip with
 * its reason). Call it as `skipBecause(this, '...')` in a `function` callback.
 */
export function skipBecause(context: Mocha.Context, reason: string): never {
  // In a hook, `test` is the hook (its suite is skipped) and `currentTest` a test it runs for.
  const running = context.test as (Mocha.Runnable & { type?: string }) | undefined;
  const target = running?.type === 'hook' ? running.parent : (context.currentTest ?? running);
  if (target) (target as { skipReason?: string }).skipReason = reason;
  context.skip();
}

/** Nested `[a][b][c]` float32 values from a flat array. */
function cube(values: ArrayLike<number>, b: number, c: number): number[][][] {
  const flat = Array.from(values, (v) => Math.fround(v));
  return Array.from({ length: flat.length / (b * c) }, (_, i) =>
    Array.from({ length: b }, (__, j) => flat.slice((i * b + j) * c, (i * b + j + 1) * c)),
  );
}

/** `rand(64)`, theanets' CLASS_WEIGHTS, drawn so that the sequence arrays below follow in its order. */
export const CLASS_WEIGHTS = Array.from(rng.rand(NUM_EXAMPLES), (v) => Math.fround(v));

/** theanets' `test/util.py` class `RNN`: 64 sequences of 31 steps, drawn after the arrays above. */
export const RNN = (() => {
  const T = 31;
  const inputs = cube(rng.randn(NUM_EXAMPLES * T * NUM_INPUTS), T, NUM_INPUTS);
  const inputWeights = cube(rng.randn(NUM_EXAMPLES * T * NUM_INPUTS).map(Math.abs), T, NUM_INPUTS);
  const outputs = cube(rng.randn(NUM_EXAMPLES * T * NUM_OUTPUTS), T, NUM_OUTPUTS);
  const outputWeights = cube(rng.randn(NUM_EXAMPLES * T * NUM_OUTPUTS).map(Math.abs), T, NUM_OUTPUTS);
  // randn(...).astype('i') truncates toward zero: mostly 0, some negative, never a valid label set.
  const classes = cube(rng.randn(NUM_EXAMPLES * T).map(Math.trunc), T, 1).map((s) => s.map(([c]) => c));
  const classWeights = cube(rng.rand(NUM_EXAMPLES * T), T, 1).map((s) => s.map(([w]) => w));
  return { NUM_TIMES: T, inputs, inputWeights, outputs, outputWeights, classes, classWeights };
})();

/** theanets' `test/util.py` class `CNN`: 64 images of 13 x 15 pixels with 7 channels, drawn after `RNN`. */
export const CNN = (() => {
  const [W, H] = [13, 15];
  const flat = Array.from(rng.randn(NUM_EXAMPLES * W * H * NUM_INPUTS), (v) => Math.fround(v));
  const inputs = Array.from({ length: NUM_EXAMPLES }, (_, n) =>
    Array.from({ length: W }, (__, x) =>
      Array.from({ length: H }, (___, y) =>
        flat.slice(((n * W + x) * H + y) * NUM_INPUTS, ((n * W + x) * H + y + 1) * NUM_INPUTS),
      ),
    ),
  );
  return { NUM_WIDTH: W, NUM_HEIGHT: H, FILTER_WIDTH: 4, FILTER_HEIGHT: 3, inputs };
})();

/** The values of a layer's parameters (`layer.KEY`) by short name: matrices as rows, vectors as arrays. */
export function paramValues(net: Network, layer = 'l'): Params {
  const params: Params = {};
  for (const param of net.params.filter((p) => p.name.startsWith(`${layer}.`))) {
    const values = Array.from(param.value());
    const [rows, cols] = param.shape;
    params[param.key] =
      param.shape.length === 1
        ? values
        : Array.from({ length: rows }, (_, i) => values.slice(i * cols, (i + 1) * cols));
  }
  return params;
}
