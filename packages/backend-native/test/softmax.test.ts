/** Softmax on the native backend against the cpu backend: values, extreme rows, NaN, gradients. */
import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { BACKEND_NAME, nativeAddon } from '../src/index';
import { expectClose, expectReplaced, nativeSuite, onBoth, randomTensor } from './helpers';

describe('softmax', function () {
  nativeSuite();

  it('replaces the cpu kernel', () => expectReplaced(['Softmax']));

  it('agrees with the cpu backend over the last axis of every shape, 1-sized and empty included', async () => {
    const shapes = [[64, 10], [64, 784], [1, 1], [3, 5, 7], [17], [5, 1], [0, 5]];
    let seed = 90;
    for (const shape of shapes) {
      const s = seed++;
      const [[native, cpu]] = await onBoth(() => tf.softmax(randomTensor(shape, s, (v) => 8 * v)));
      expectClose(native, cpu, 1e-6, `${shape}`);
    }
  });

  it('is exp(x - max) over the row sum, for large logits and rows with NaN too', async () => {
    const rows = [
      [1, 2, 3],
      [1000, 1000, 999], // exp(1000) overflows without the max
      [-Infinity, 0, -Infinity],
      [0, NaN, 1],
    ];
    await tf.setBackend(BACKEND_NAME);
    const out = tf.tidy(() => tf.softmax(tf.tensor2d(rows)).arraySync());
    const byHand = (row: number[]) => row.map((v) => Math.exp(v - 3) / (Math.exp(-2) + Math.exp(-1) + 1));
    byHand(rows[0]).forEach((v, j) => expect(out[0][j]).to.be.closeTo(v, 1e-7));
    const e = Math.exp(-1);
    [1 / (2 + e), 1 / (2 + e), e / (2 + e)].forEach((v, j) => expect(out[1][j]).to.be.closeTo(v, 1e-7));
    expect(out[2]).to.deep.equal([0, 1, 0]);
    expect(out[3].every(Number.isNaN)).to.equal(true);
    const [[native, cpu]] = await onBoth(() => tf.softmax(tf.tensor2d(rows)));
    expectClose(native.slice(0, 9), cpu.slice(0, 9), 1e-6, 'finite rows');
    expect(Array.from(cpu.slice(9)).every(Number.isNaN), 'the cpu backend also gives a NaN row').to.equal(true);
  });

  it('has the gradient of the cpu backend', async () => {
    const grads = await onBoth(() => {
      const c = randomTensor([64, 10], 7);
      return tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.softmax(x), c)))(randomTensor([64, 10], 8, (v) => 4 * v));
    });
    for (const [native, cpu] of grads) expectClose(native, cpu, 1e-5, 'gradient');
  });

  it('checks its sizes in the addon', () => {
    const addon = nativeAddon()!;
    expect(() => addon.softmax(new Float32Array(6), 2, 4, new Float32Array(6))).to.throw(RangeError, /rows \* cols/);
    expect(() => addon.softmax(new Float32Array(0), 0, 0, new Float32Array(0))).to.throw(RangeError, /cols >= 1/);
  });
});
