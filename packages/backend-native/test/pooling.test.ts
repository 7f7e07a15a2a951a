/**
 * MaxPool, AvgPool and their gradients on the native backend
 * (native/pool2d.cc) against the cpu backend's kernels: window sizes,
 * strides, paddings, odd images, batches of 1 and 5, and ties. (The output
 * pool's tests are in pool.test.ts.)
 */
import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { expectClose, expectReplaced, expectUlps, nativeSuite, onBoth, randomTensor } from './helpers';

type Pad = 'valid' | 'same' | number;
type Strides = number | [number, number];
type Pooling = 'max' | 'avg';

interface PoolCase {
  x: [number, number, number, number];
  filter: [number, number];
  strides: Strides;
  pad: Pad;
}

function pooled(kind: Pooling, x: tf.Tensor, { filter, strides, pad }: PoolCase): tf.Tensor {
  const pool = kind === 'max' ? tf.maxPool : tf.avgPool;
  return pool(x as tf.Tensor4D, filter, strides, pad);
}

/** The pooled output and the input's gradient for the weights dy (`map` shapes the values of x and dy). */
function poolAndGradient(kind: Pooling, c: PoolCase, seed: number, map?: (v: number) => number): () => tf.Tensor[] {
  return () => {
    const x = randomTensor(c.x, seed, map);
    const y = pooled(kind, x, c);
    const dy = randomTensor(y.shape, seed + 1, map);
    const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(pooled(kind, input, c), dy)))(x);
    return [y, dx];
  };
}

/**
 * expectClose over the finite values, and the same non-finite values in the same places: a window wholly in the
 * padding pools to -Infinity (max) or 0 / 0 (avg) on both backends.
 */
function expectAgreesWithin(actual: Float32Array, expected: Float32Array, tol: number, what: string): void {
  const finite = Array.from(expected, (v) => Number.isFinite(v));
  const odd = (values: Float32Array) => Array.from(values).map((v, i) => (finite[i] ? 0 : v));
  expect(odd(actual), `${what}: non-finite values`).to.deep.equal(odd(expected));
  const kept = (values: Float32Array) => values.filter((_, i) => finite[i]);
  expectClose(kept(actual), kept(expected), tol, what);
}

async function expectAgrees(kind: Pooling, c: PoolCase, seed: number): Promise<void> {
  const before = tf.memory().numTensors;
  const [[y, yCpu], [dx, dxCpu]] = await onBoth(poolAndGradient(kind, c, seed));
  const what = `${kind} x ${c.x} filter ${c.filter} strides ${c.strides} pad ${c.pad}`;
  expectAgreesWithin(y, yCpu, 1e-5, `y of ${what}`);
  expectAgreesWithin(dx, dxCpu, 1e-5, `dx of ${what}`);
  expect(tf.memory().numTensors, `tensors left by ${what}`).to.equal(before);
}

describe('MaxPool and AvgPool', function () {
  nativeSuite();

  it('replace the cpu kernels', () => expectReplaced(['MaxPool', 'MaxPoolGrad', 'AvgPool', 'AvgPoolGrad']));

  // Kills: a wrong padding offset, windows clipped at the wrong edge, an average over the filter's size instead of
  // the pixels inside the image (forward), over the pixels inside (gradient; tfjs divides by the filter's size).
  it('agree with the cpu backend for every window, stride and padding, batches 1 and 5, channels 1, 3, 8', async () => {
    let seed = 1;
    for (const kind of ['max', 'avg'] as const) {
      for (const filter of [
        [2, 2],
        [3, 3],
        [2, 3],
        [1, 1],
      ] as [number, number][]) {
        for (const strides of [1, 2, [2, 1]] as Strides[]) {
          for (const pad of ['valid', 'same', 1] as Pad[]) {
            for (const [batch, channels] of [
              [1, 3],
              [5, 1],
              [5, 8],
            ]) {
              await expectAgrees(kind, { x: [batch, 7, 9, channels], filter, strides, pad }, (seed += 2));
            }
          }
        }
      }
    }
  });

  // Kills: images split between tasks so that two write the same pixel, or a task that skips its last image.
  it('agree on a batch shared by several threads', async () => {
    await expectAgrees('max', { x: [64, 24, 24, 20], filter: [2, 2], strides: 2, pad: 'valid' }, 100);
    await expectAgrees('avg', { x: [13, 17, 15, 8], filter: [3, 3], strides: 2, pad: 'same' }, 200);
  });

  // Kills: output sizes taken from anywhere but tfjs' own rounding; AvgPoolGrad given a rounding its cpu kernel ignores.
  it('agree under each dimRoundingMode with a numeric padding', async () => {
    for (const kind of ['max', 'avg'] as const) {
      for (const rounding of ['floor', 'round', 'ceil'] as const) {
        const [[y, yCpu], [dx, dxCpu]] = await onBoth(() => {
          const x = randomTensor([2, 8, 9, 3], 900);
          const pool = (input: tf.Tensor) =>
            (kind === 'max' ? tf.maxPool : tf.avgPool)(input as tf.Tensor4D, [3, 2], [3, 2], 1, rounding);
          const dy = randomTensor(pool(x).shape, 901);
          return [pool(x), tf.grad((input: tf.Tensor) => tf.sum(tf.mul(pool(input), dy)))(x)];
        });
        expectAgreesWithin(y, yCpu, 1e-5, `${kind} ${rounding}: y`);
        expectAgreesWithin(dx, dxCpu, 1e-5, `${kind} ${rounding}: dx`);
      }
    }
  });

  // tfjs' cpu MaxPoolGrad sends each dy to one pixel: the first largest of its window in row-major order (strict >).
  // Kills: a >= (the last largest wins), a gradient shared among tied pixels, NaN or -Infinity taken as the largest.
  it('route a max-pool gradient through ties, NaN and -Infinity exactly as the cpu backend', async () => {
    // Values in {-Infinity, NaN, 0, 1} make ties in most windows; integer dy keeps every sum exact.
    const special = (v: number) => [-Infinity, NaN, 0, 1, 1, 0][Math.floor((v + 1) * 3)];
    const integer = (v: number) => Math.round(v * 4);
    for (const pad of ['valid', 'same'] as Pad[]) {
      const c: PoolCase = { x: [3, 7, 9, 4], filter: [3, 3], strides: [2, 1], pad };
      const [[y, yCpu], [dx, dxCpu]] = await onBoth(() => {
        const x = randomTensor(c.x, 7, special);
        const y = pooled('max', x, c);
        const dy = randomTensor(y.shape, 8, integer);
        return [y, tf.grad((input: tf.Tensor) => tf.sum(tf.mul(pooled('max', input, c), dy)))(x)];
      });
      expectUlps(y, yCpu, 0, `y, pad ${pad}`);
      expectUlps(dx, dxCpu, 0, `dx, pad ${pad}`);
    }
  });
});
