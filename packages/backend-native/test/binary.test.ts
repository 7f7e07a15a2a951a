/** Add, Sub, Multiply, RealDiv and SquaredDifference on the native backend against the cpu backend. */
import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { nativeAddon } from '../src/index';
import { expectReplaced, expectUlps, nativeSuite, onBoth, randomTensor } from './helpers';

/**
 * Each kernel, its op, and how many float32 ulps each element may be from the
 * cpu backend's. IEEE float32 arithmetic is correctly rounded, as is the cpu's
 * double result rounded once to float32: Add, Sub, Multiply and RealDiv must be
 * bit-equal. SquaredDifference rounds a - b before squaring (measured: 2 ulps).
 */
const OPS: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, number][] = [
  ['Add', tf.add, 0],
  ['Sub', tf.sub, 0],
  ['Multiply', tf.mul, 0],
  ['RealDiv', tf.div, 0],
  ['SquaredDifference', tf.squaredDifference, 3],
];

/** Away from zero, so RealDiv stays finite. */
function random(shape: number[], seed: number): tf.Tensor {
  return randomTensor(shape, seed, (v) => (v < 0 ? v - 0.5 : v + 0.5));
}

describe('binary operations', function () {
  nativeSuite();

  it('replace the cpu kernels', () => expectReplaced(OPS.map(([name]) => name)));

  it('agree with the cpu backend element by element (bit-equal but SquaredDifference) on native and fallback broadcasts', async () => {
    // Equal shapes, scalars, rows (native); columns and mixed broadcasts (cpu fallback); empty.
    const pairs: [number[], number[]][] = [
      [
        [64, 1000],
        [64, 1000],
      ],
      [[784, 1000], []],
      [[], [63, 17]],
      [[64, 784], [784]],
      [
        [1, 784],
        [64, 784],
      ],
      [
        [3, 5, 7],
        [1, 5, 7],
      ],
      [[2, 1, 7], [7]],
      [
        [64, 17],
        [64, 1],
      ],
      [
        [3, 1],
        [1, 5],
      ],
      [[0, 5], [5]],
      [[17], [17]],
      // Columns against a full operand (native), either side, over one or two trailing axes.
      [
        [64, 10],
        [64, 1],
      ],
      [
        [64, 1],
        [64, 10],
      ],
      [
        [3, 1, 1],
        [3, 5, 7],
      ],
      [
        [5, 1],
        [7, 5, 1],
      ], // the column also repeats along a leading axis: the cpu kernel
    ];
    let seed = 7;
    for (const [name, op, ulps] of OPS) {
      for (const [shapeA, shapeB] of pairs) {
        const s = (seed += 2);
        const [[native, cpu]] = await onBoth(() => op(random(shapeA, s), random(shapeB, s + 1)));
        expectUlps(native, cpu, ulps, `${name} ${shapeA} ${shapeB}`);
      }
    }
  });

  it('check column operands in the addon', () => {
    const addon = nativeAddon()!;
    const [column, full, out] = [new Float32Array([1, 2]), new Float32Array([1, 2, 3, 4, 5, 6]), new Float32Array(6)];
    addon.binary(2, column, full, out, 3, 1);
    expect(Array.from(out)).to.deep.equal([1, 2, 3, 8, 10, 12]);
    addon.binary(1, full, column, out, 1, 3);
    expect(Array.from(out)).to.deep.equal([0, 1, 2, 2, 3, 4]);
    expect(() => addon.binary(2, column, full, out, 2, 1)).to.throw(RangeError, /column \(length \* repeat/);
    expect(() => addon.binary(2, column, column, out, 3, 3)).to.throw(RangeError, /binary: one operand/);
  });

  it('leaves int32 operands to the cpu kernel', async () => {
    const [[native, cpu]] = await onBoth(() => tf.add(tf.tensor([1, 2, 3], [3], 'int32'), tf.scalar(4, 'int32')));
    expect(Array.from(native)).to.deep.equal(Array.from(cpu));
  });
});
