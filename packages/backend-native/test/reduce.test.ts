/** Sum and Mean on the native backend against the cpu backend, and the axis geometry they use. */
import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { BACKEND_NAME } from '../src/index';
import { reductionGeometry } from '../src/kernels/reduce';
import { expectClose, expectReplaced, nativeSuite, onBoth, randomFloats, randomTensor } from './helpers';

describe('reductionGeometry', () => {
  it('views a contiguous run of axes as the middle of [outer, mid, inner]', () => {
    expect(reductionGeometry([64, 1000], [0])).to.deep.equal([1, 64, 1000]);
    expect(reductionGeometry([64, 1000], [1])).to.deep.equal([64, 1000, 1]);
    expect(reductionGeometry([2, 3, 4, 5], [2, 1])).to.deep.equal([2, 12, 5]);
    expect(reductionGeometry([2, 3, 4], [0, 1, 2])).to.deep.equal([1, 24, 1]);
    expect(reductionGeometry([2, 3], [])).to.deep.equal([6, 1, 1]);
  });

  it('declines axes with a gap', () => {
    expect(reductionGeometry([2, 3, 4], [0, 2])).to.equal(undefined);
  });
});

describe('Sum and Mean', function () {
  nativeSuite();

  it('replace the cpu kernels', () => expectReplaced(['Sum', 'Mean']));

  it('agree with the cpu backend over every axis set, with and without keepDims', async () => {
    const cases: [number[], number | number[] | undefined][] = [
      [[64, 1000], 0],
      [[64, 784], 1],
      [[64, 784], undefined],
      [
        [3, 5, 7],
        [1, 2],
      ],
      [
        [3, 5, 7],
        [0, 1],
      ],
      [
        [3, 5, 7],
        [0, 2],
      ], // a gap: the cpu kernel
      [[3, 5, 7], -1],
      [[1, 17], 0],
      [[17, 1], 1],
      [[0, 5], 0],
      [[5, 0], 1],
      [[], undefined],
    ];
    let seed = 60;
    for (const [shape, axis] of cases) {
      for (const keepDims of [false, true]) {
        const s = seed++;
        const [[sum, cpuSum], [mean, cpuMean]] = await onBoth(() => {
          const x = randomTensor(shape, s);
          return [tf.sum(x, axis, keepDims), tf.mean(x, axis, keepDims)];
        });
        expectClose(sum, cpuSum, 1e-4, `sum ${shape} axis ${axis} keepDims ${keepDims}`);
        expectClose(mean, cpuMean, 1e-4, `mean ${shape} axis ${axis} keepDims ${keepDims}`);
        await tf.setBackend(BACKEND_NAME);
        const shapeOf = tf.tidy(() => tf.sum(randomTensor(shape, s), axis, keepDims).shape);
        await tf.setBackend('cpu');
        expect(shapeOf).to.deep.equal(tf.tidy(() => tf.sum(randomTensor(shape, s), axis, keepDims).shape));
      }
    }
  });

  it('sum a long row in double precision (eight partial sums, then the tail)', async () => {
    await tf.setBackend(BACKEND_NAME);
    const values = randomFloats(5)(100_003);
    const expected = values.reduce((sum, v) => sum + v, 0);
    const [sum] = tf.tidy(() => Array.from(tf.sum(tf.tensor1d(values)).dataSync()));
    expect(sum).to.be.closeTo(expected, Math.abs(expected) * 1e-7 + 1e-6);
  });

  it('sum a column exactly as the formula says', async () => {
    await tf.setBackend(BACKEND_NAME);
    const out = tf.tidy(() => Array.from(tf.sum(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]), 0).dataSync()));
    expect(out).to.deep.equal([9, 12]);
    const mean = tf.tidy(() => Array.from(tf.mean(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]), 1).dataSync()));
    expect(mean).to.deep.equal([1.5, 3.5, 5.5]);
  });
});
