/** BatchMatMul on the native backend against the cpu backend. */
import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { BACKEND_NAME } from '../src/index';
import { expectClose, expectReplaced, nativeSuite, onBoth, randomFloats, randomTensor, SIZES } from './helpers';

const TRANSPOSES: [boolean, boolean][] = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];
const MAX_MACS = 2e7; // keeps the cpu backend's reference products quick

/** Shapes [m, n, k] with every size of SIZES in every position, the others drawn at random. */
function shapes(): [number, number, number][] {
  const draw = randomFloats(7);
  const pick = (): number => SIZES[Math.floor(((draw(1)[0] + 1) / 2) * SIZES.length)];
  const out: [number, number, number][] = [];
  for (const size of SIZES) {
    for (let position = 0; position < 3; position++) {
      for (;;) {
        const shape: [number, number, number] = [pick(), pick(), pick()];
        shape[position] = size;
        if (shape[0] * shape[1] * shape[2] <= MAX_MACS) {
          out.push(shape);
          break;
        }
      }
    }
  }
  return out;
}

describe('BatchMatMul', function () {
  nativeSuite();

  it('replaces the cpu kernel', () => expectReplaced(['BatchMatMul']));

  it('agrees with the cpu backend on random 2-d shapes, every transpose', async () => {
    let seed = 1;
    for (const [m, n, k] of shapes()) {
      for (const [ta, tb] of TRANSPOSES) {
        const a = ta ? [k, m] : [m, k];
        const b = tb ? [n, k] : [k, n];
        const s = seed++;
        const [[native, cpu]] = await onBoth(() => tf.matMul(randomTensor(a, s), randomTensor(b, s + 1000), ta, tb));
        expectClose(native, cpu, 1e-4, `[${m}x${k}]x[${k}x${n}] ta=${ta} tb=${tb}`);
      }
    }
  });

  it('agrees on batched and broadcast batches, every transpose', async () => {
    const cases: [number[], number[]][] = [
      [
        [2, 3, 17, 5],
        [2, 3, 5, 9],
      ],
      [
        [1, 17, 65],
        [4, 65, 9],
      ], // A broadcast
      [
        [4, 17, 65],
        [1, 65, 33],
      ], // B broadcast
      [
        [4, 3, 5],
        [5, 7],
      ], // rank-3 by rank-2
      [
        [3, 0, 5],
        [3, 5, 2],
      ], // empty rows
      [
        [0, 3, 4],
        [0, 4, 5],
      ], // empty batch
      [
        [6, 1, 1],
        [6, 1, 1],
      ],
      [
        [100, 64, 48],
        [1, 48, 40],
      ], // many small items: split over the threads item by item
      [
        [2, 1, 3, 4],
        [1, 3, 4, 5],
      ], // batches the cpu kernel pairs modulo: falls back to it
    ];
    let seed = 500;
    for (const [shapeA, shapeB] of cases) {
      for (const [ta, tb] of TRANSPOSES) {
        const swap = (s: number[], t: boolean): number[] => (t ? [...s.slice(0, -2), s.at(-1)!, s.at(-2)!] : s);
        const s = seed++;
        const [[native, cpu]] = await onBoth(() =>
          tf.matMul(randomTensor(swap(shapeA, ta), s), randomTensor(swap(shapeB, tb), s + 1), ta, tb),
        );
        expectClose(native, cpu, 1e-4, `${shapeA} x ${shapeB} ta=${ta} tb=${tb}`);
      }
    }
  });

  it('keeps the shape and errors of the cpu kernel', async () => {
    await tf.setBackend(BACKEND_NAME);
    const out = tf.tidy(() => tf.matMul(tf.ones([2, 1, 3, 4]), tf.ones([3, 4, 5])).shape);
    expect(out).to.deep.equal([2, 3, 3, 5]);
    expect(() => tf.tidy(() => tf.matMul(tf.ones([2, 3]), tf.ones([4, 5])))).to.throw(/inner shapes/);
  });

  it('multiplies int32 tensors through the cpu kernel', async () => {
    const [[native, cpu]] = await onBoth(() =>
      tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32'), tf.eye(2, 2, undefined, 'int32')),
    );
    expect(Array.from(native)).to.deep.equal(Array.from(cpu));
  });
});
