/** Relu, Step, Square, Sqrt, Neg, Exp, Log, Sigmoid, Tanh and Abs on the native backend against the cpu backend. */
import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { expectClose, expectReplaced, expectUlps, nativeSuite, onBoth, randomTensor } from './helpers';

/**
 * Each kernel, the op that reaches it, whether it needs positive inputs, and
 * how many float32 ulps each element may be from the cpu backend's (which
 * computes in doubles and rounds once). Exact ops must be bit-equal; for the
 * others the bound is the worst measured over 320,000 inputs in [-4, 4) on
 * an AVX-512 Xeon (Exp and Log 1 ulp, Sigmoid and Tanh 2), plus one.
 */
const OPS: [string, (x: tf.Tensor) => tf.Tensor, boolean, number][] = [
  ['Relu', tf.relu, false, 0],
  ['Step', (x) => tf.step(x, 0.25), false, 0],
  ['Square', tf.square, false, 0],
  ['Sqrt', tf.sqrt, true, 0],
  ['Neg', tf.neg, false, 0],
  ['Exp', tf.exp, false, 2],
  ['Log', tf.log, true, 2],
  ['Sigmoid', tf.sigmoid, false, 3],
  ['Tanh', tf.tanh, false, 3],
  ['Abs', tf.abs, false, 0],
];

/** Values in [-4, 4), or in (0, 4] when `positive`. */
function random(shape: number[], seed: number, positive: boolean): tf.Tensor {
  return randomTensor(shape, seed, (v) => (positive ? 2 * v + 2.001 : 4 * v));
}

describe('unary operations', function () {
  nativeSuite();

  it('replace the cpu kernels', () => expectReplaced(OPS.map(([name]) => name)));

  it('agree with the cpu backend element by element, within a few ulps, on every shape, empty and 1-sized included', async () => {
    const shapes = [[64, 1000], [784], [1], [], [0, 3], [3, 1, 5]];
    let seed = 40;
    for (const [name, op, positive, ulps] of OPS) {
      for (const shape of shapes) {
        const s = seed++;
        const [[native, cpu]] = await onBoth(() => op(random(shape, s, positive)));
        expectUlps(native, cpu, ulps, `${name} ${shape}`);
      }
    }
  });

  it('pass NaN through, and give Step its alpha at zero and below', async () => {
    const x = [NaN, -1, 0, 2];
    const [[relu], [step]] = await Promise.all([
      onBoth(() => tf.relu(tf.tensor(x))),
      onBoth(() => tf.step(tf.tensor(x), 0.25)),
    ]);
    expect(Array.from(relu[0])).to.deep.equal([NaN, 0, 0, 2]);
    expect(Array.from(step[0])).to.deep.equal([NaN, 0.25, 0.25, 1]);
    expect(Array.from(relu[0])).to.deep.equal(Array.from(relu[1]));
    expect(Array.from(step[0])).to.deep.equal(Array.from(step[1]));
  });

  it('leave int32 tensors to the cpu kernel', async () => {
    const [[native, cpu]] = await onBoth(() => tf.abs(tf.tensor([-3, 2], [2], 'int32')));
    expect(Array.from(native)).to.deep.equal([3, 2]);
    expect(Array.from(native)).to.deep.equal(Array.from(cpu));
  });

  it('give the gradients the cpu backend gives', async () => {
    const results = await onBoth(() => {
      const weight = random([17, 33], 90, false);
      const loss = (x: tf.Tensor) => tf.sum(tf.mul(tf.add(tf.tanh(tf.relu(x)), tf.sigmoid(x)), weight));
      return tf.grads(loss)([random([17, 33], 91, false)]);
    });
    for (const [native, cpu] of results) expectClose(native, cpu, 1e-4);
  });
});
