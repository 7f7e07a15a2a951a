/** _FusedMatMul (bias + activation) on the native backend against the cpu backend. */
import * as tf from '@tensorflow/tfjs';
import { expectClose, expectReplaced, nativeSuite, onBoth, randomTensor } from './helpers';

const ACTIVATIONS = ['linear', 'relu', 'relu6', 'elu', 'prelu', 'sigmoid', 'leakyrelu'] as const;

function random(shape: number[], seed: number, scale = 1): tf.Tensor {
  return randomTensor(shape, seed, (v) => v * scale);
}

describe('_FusedMatMul', function () {
  nativeSuite();

  it('replaces the cpu kernel', () => expectReplaced(['_FusedMatMul']));

  it('agrees with the cpu backend for every activation, bias form and transpose', async () => {
    const [m, n, k] = [17, 65, 63];
    // Bias shapes: a row vector, a [1, n] row, a scalar, a full [m, n] matrix (cpu fallback), none.
    const biases: (number[] | undefined)[] = [[n], [1, n], [], [m, n], undefined];
    let seed = 1;
    for (const activation of ACTIVATIONS) {
      for (const biasShape of biases) {
        for (const [ta, tb] of [
          [false, false],
          [true, true],
          [false, true],
          [true, false],
        ]) {
          const s = (seed += 3);
          const [[native, cpu]] = await onBoth(() =>
            tf.fused.matMul({
              a: random(ta ? [k, m] : [m, k], s, 0.3),
              b: random(tb ? [n, k] : [k, n], s + 1, 0.3),
              transposeA: ta,
              transposeB: tb,
              bias: biasShape === undefined ? undefined : random(biasShape, s + 2),
              activation,
              preluActivationWeights: activation === 'prelu' ? random([n], s + 3) : undefined,
              leakyreluAlpha: 0.15,
            }),
          );
          expectClose(native, cpu, 1e-4, `${activation} bias=${biasShape} ta=${ta} tb=${tb}`);
        }
      }
    }
  });

  it('agrees on batched inputs, a scalar prelu slope and empty outputs', async () => {
    const cases: [number[], number[], number[]][] = [
      [[3, 5, 7], [3, 7, 9], [9]],
      [
        [1, 5, 7],
        [4, 7, 9],
        [1, 9],
      ],
      [[0, 7], [7, 9], [9]],
      [[5, 0], [0, 9], [9]],
    ];
    let seed = 900;
    for (const [shapeA, shapeB, biasShape] of cases) {
      const s = (seed += 4);
      const [[native, cpu]] = await onBoth(() =>
        tf.fused.matMul({
          a: random(shapeA, s),
          b: random(shapeB, s + 1),
          bias: random(biasShape, s + 2),
          activation: 'prelu',
          preluActivationWeights: tf.scalar(0.25),
        }),
      );
      expectClose(native, cpu, 1e-4, `${shapeA} x ${shapeB}`);
    }
  });
});
