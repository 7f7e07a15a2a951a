/** The six comparisons and Cast to float32 on the native backend against the cpu backend. */
import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { BACKEND_NAME } from '../src/index';
import { expectReplaced, nativeSuite, onBoth, randomTensor } from './helpers';

const OPS: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor][] = [
  ['Less', tf.less],
  ['LessEqual', tf.lessEqual],
  ['Greater', tf.greater],
  ['GreaterEqual', tf.greaterEqual],
  ['Equal', tf.equal],
  ['NotEqual', tf.notEqual],
];

/** Values on a coarse grid (-1, -0.5, 0, 0.5), so that equal pairs occur often. */
function coarse(shape: number[], seed: number): tf.Tensor {
  return randomTensor(shape, seed, (v) => Math.floor(v * 2) / 2);
}

describe('comparisons and casts', function () {
  nativeSuite();

  it('replace the cpu kernels', () => expectReplaced([...OPS.map(([name]) => name), 'Cast']));

  it('agree with the cpu backend on native and fallback broadcasts, as bool tensors', async () => {
    const pairs: [number[], number[]][] = [
      [
        [64, 500],
        [64, 500],
      ],
      [[64, 500], []],
      [[], [3, 17]],
      [[5, 7], [7]],
      [
        [5, 1],
        [1, 7],
      ],
      [[0, 3], [3]],
      [
        [64, 10],
        [64, 1],
      ],
    ];
    let seed = 11;
    for (const [name, op] of OPS) {
      for (const [shapeA, shapeB] of pairs) {
        const s = (seed += 2);
        const [[native, cpu]] = await onBoth(() => op(coarse(shapeA, s), coarse(shapeB, s + 1)));
        expect(Array.from(native), `${name} ${shapeA} ${shapeB}`).to.deep.equal(Array.from(cpu));
      }
    }
    await tf.setBackend(BACKEND_NAME);
    expect(tf.tidy(() => tf.less(tf.tensor([1, NaN, 3]), tf.scalar(2)).dtype)).to.equal('bool');
  });

  it('compare NaN as IEEE does: false, except not-equal', async () => {
    const [x, y] = [
      [NaN, 1, NaN],
      [1, NaN, NaN],
    ];
    for (const [name, op] of OPS) {
      const [[native, cpu]] = await onBoth(() => op(tf.tensor(x), tf.tensor(y)));
      expect(Array.from(native), name).to.deep.equal(name === 'NotEqual' ? [1, 1, 1] : [0, 0, 0]);
      expect(Array.from(native), name).to.deep.equal(Array.from(cpu));
    }
  });

  it('cast bool and int32 to float32 values that native kernels take', async () => {
    await tf.setBackend(BACKEND_NAME);
    const backend = tf.backend() as unknown as { data: { get(id: object): { values: unknown } } };
    const flags = tf.tensor([true, false, true], [3], 'bool');
    const counts = tf.tensor([-3, 0, 2147483647], [3], 'int32');
    const [fromBool, fromInt] = [tf.cast(flags, 'float32'), tf.cast(counts, 'float32')];
    expect(backend.data.get(fromBool.dataId).values).to.be.instanceOf(Float32Array);
    expect(Array.from(fromBool.dataSync())).to.deep.equal([1, 0, 1]);
    expect(Array.from(fromInt.dataSync())).to.deep.equal([-3, 0, Math.fround(2147483647)]);
    tf.dispose([flags, counts, fromBool, fromInt]);
    // Other casts are the cpu kernel's.
    const pairs = await onBoth(() => [
      tf.cast(tf.tensor([0.5, 0, -2]), 'bool'),
      tf.cast(tf.tensor([1.7, -1.7]), 'int32'),
    ]);
    expect(pairs.map(([native]) => Array.from(native))).to.deep.equal([
      [1, 0, 1],
      [1, -1],
    ]);
    for (const [native, cpu] of pairs) expect(Array.from(native)).to.deep.equal(Array.from(cpu));
  });
});
