/** Transpose on the native backend against the cpu backend. */
import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { expectClose, expectReplaced, nativeSuite, onBoth, randomTensor } from './helpers';

describe('Transpose', function () {
  nativeSuite();

  it('replaces the cpu kernel', () => expectReplaced(['Transpose']));

  it('agrees with the cpu backend on matrices of every tile remainder', async () => {
    const sizes = [0, 1, 3, 31, 32, 33, 65, 784];
    let seed = 300;
    for (const rows of sizes) {
      for (const cols of [1, 17, 32, 1000]) {
        const s = (seed += 1);
        const [[native, cpu]] = await onBoth(() => tf.transpose(randomTensor([rows, cols], s)));
        expectClose(native, cpu, 0, `${rows} x ${cols}`);
      }
    }
  });

  it('agrees on batches and on permutations left to the cpu kernel', async () => {
    const cases: [number[], number[]][] = [
      [
        [3, 33, 7],
        [0, 2, 1],
      ],
      [
        [2, 3, 4, 5],
        [0, 1, 3, 2],
      ],
      [
        [3, 33, 7],
        [2, 0, 1],
      ],
      [
        [4, 5],
        [0, 1],
      ],
    ];
    let seed = 400;
    for (const [shape, perm] of cases) {
      const s = (seed += 1);
      const [[native, cpu]] = await onBoth(() => tf.transpose(randomTensor(shape, s), perm));
      expectClose(native, cpu, 0, `${shape} ${perm}`);
    }
  });

  it('leaves int32 tensors to the cpu kernel', async () => {
    const [[native, cpu]] = await onBoth(() => tf.transpose(tf.tensor([1, 2, 3, 4, 5, 6], [2, 3], 'int32')));
    expect(Array.from(native)).to.deep.equal(Array.from(cpu));
  });
});
