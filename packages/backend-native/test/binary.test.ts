/** Add, Sub, Multiply, RealDiv and SquaredDifference on the native backend against the cpu backend. */
import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { available, BACKEND_NAME } from '../src/index';
import { expectClose, isolateTests, onBoth, randomFloats } from './helpers';

const OPS: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor][] = [
  ['Add', tf.add],
  ['Sub', tf.sub],
  ['Multiply', tf.mul],
  ['RealDiv', tf.div],
  ['SquaredDifference', tf.squaredDifference],
];

function random(shape: number[], seed: number): tf.Tensor {
  // Away from zero, so RealDiv stays finite.
  const values = randomFloats(seed)(shape.reduce((a, b) => a * b, 1)).map((v) => (v < 0 ? v - 0.5 : v + 0.5));
  return tf.tensor(values, shape);
}

describe('binary operations', function () {
  before(function () {
    if (!available()) this.skip();
  });
  isolateTests();

  it('replace the cpu kernels', () => {
    for (const [name] of OPS) {
      expect(tf.getKernel(name, BACKEND_NAME).kernelFunc, name).to.not.equal(tf.getKernel(name, 'cpu').kernelFunc);
    }
  });

  it('agree with the cpu backend on native and fallback broadcasts', async () => {
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
    ];
    let seed = 7;
    for (const [name, op] of OPS) {
      for (const [shapeA, shapeB] of pairs) {
        const s = (seed += 2);
        const [[native, cpu]] = await onBoth(() => op(random(shapeA, s), random(shapeB, s + 1)));
        expectClose(native, cpu, 1e-4, `${name} ${shapeA} ${shapeB}`);
      }
    }
  });

  it('leaves int32 operands to the cpu kernel', async () => {
    const [[native, cpu]] = await onBoth(() => tf.add(tf.tensor([1, 2, 3], [3], 'int32'), tf.scalar(4, 'int32')));
    expect(Array.from(native)).to.deep.equal(Array.from(cpu));
  });
});
