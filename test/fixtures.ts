import { expect } from 'chai';
import { RandomState, tf, type Network, type TrainData } from 'tsnets';

/** Rows of `cols` float32 values from a flat array. */
export function rows(values: ArrayLike<number>, count: number, cols: number): number[][] {
  const f32 = Float32Array.from(values as ArrayLike<number>);
  return Array.from({ length: count }, (_, i) => Array.from(f32.subarray(i * cols, (i + 1) * cols)));
}

/** theanets' test data: 64 examples, 7 inputs, 5 outputs, 6 classes, drawn from RandomState(13). */
export function theanetsData(rng = new RandomState(13)) {
  const INPUTS = rows(rng.randn(64 * 7), 64, 7);
  const INPUT_WEIGHTS = rows(rng.randn(64 * 7).map(Math.abs), 64, 7);
  const OUTPUTS = rows(rng.randn(64 * 5), 64, 5);
  const OUTPUT_WEIGHTS = rows(rng.randn(64 * 5).map(Math.abs), 64, 5);
  const CLASSES = Array.from({ length: 64 }, () => rng.randomInterval(5));
  const CLASS_WEIGHTS = Array.from(rng.rand(64));
  return { INPUTS, INPUT_WEIGHTS, OUTPUTS, OUTPUT_WEIGHTS, CLASSES, CLASS_WEIGHTS };
}

/** `[count][steps][cols]` float32 values from a flat array. */
function sequences(values: ArrayLike<number>, count: number, steps: number, cols: number): number[][][] {
  const flat = rows(values, count * steps, cols);
  return Array.from({ length: count }, (_, i) => flat.slice(i * steps, (i + 1) * steps));
}

/**
 * theanets' recurrent test data (`test/util.py`, class `RNN`): 64 sequences
 * of 31 steps drawn after the arrays of `theanetsData` from the same
 * generator. theanets' labels are `randn(...).astype('i')`, some negative;
 * `CLASSES` here are their absolute values modulo 6, valid labels.
 */
export function theanetsSequences() {
  const rng = new RandomState(13);
  theanetsData(rng);
  const INPUTS = sequences(rng.randn(64 * 31 * 7), 64, 31, 7);
  const INPUT_WEIGHTS = sequences(rng.randn(64 * 31 * 7).map(Math.abs), 64, 31, 7);
  const OUTPUTS = sequences(rng.randn(64 * 31 * 5), 64, 31, 5);
  const OUTPUT_WEIGHTS = sequences(rng.randn(64 * 31 * 5).map(Math.abs), 64, 31, 5);
  const labels = rng.randn(64 * 31).map((v) => Math.abs(Math.trunc(v)) % 6);
  const CLASSES = Array.from({ length: 64 }, (_, i) => Array.from(labels.subarray(i * 31, (i + 1) * 31)));
  const weights = rng.rand(64 * 31);
  const CLASS_WEIGHTS = Array.from({ length: 64 }, (_, i) => Array.from(weights.subarray(i * 31, (i + 1) * 31)));
  return { INPUTS, INPUT_WEIGHTS, OUTPUTS, OUTPUT_WEIGHTS, CLASSES, CLASS_WEIGHTS };
}

/**
 * theanets' convolution test data (`test/util.py`, class `CNN`): 64 images
 * of 13 x 15 pixels with 7 channels, drawn after the sequences of
 * `theanetsSequences` from the same generator.
 */
export function theanetsImages(): number[][][][] {
  const rng = new RandomState(13);
  theanetsData(rng);
  for (const size of [64 * 31 * 7, 64 * 31 * 7, 64 * 31 * 5, 64 * 31 * 5, 64 * 31]) rng.randn(size);
  rng.rand(64 * 31);
  const pixels = rows(rng.randn(64 * 13 * 15 * 7), 64 * 13 * 15, 7);
  return Array.from({ length: 64 }, (_, n) =>
    Array.from({ length: 13 }, (__, x) => pixels.slice((n * 13 + x) * 15, (n * 13 + x + 1) * 15)),
  );
}

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

/** theanets' assert_progress (sgd, momentum 0.5, batch 3, max_gradient_norm 1), with no tensor left behind. */
export async function assertProgress(
  net: Network,
  data: TrainData,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const before = tf.memory().numTensors;
  const run = net.itertrain(data, { algo: 'sgd', momentum: 0.5, batch_size: 3, max_gradient_norm: 1, ...extra });
  const [train0, valid0] = (await run.next()).value as [Record<string, number>, Record<string, number>];
  const [train1, valid1] = (await run.next()).value as [Record<string, number>, Record<string, number>];
  await run.return(undefined);
  expect(train0.loss).to.be.below(valid0.loss);
  expect(train1.loss).to.be.below(valid0.loss);
  expect(valid1.loss).to.equal(valid0.loss);
  expect(tf.memory().numTensors).to.equal(before);
}
