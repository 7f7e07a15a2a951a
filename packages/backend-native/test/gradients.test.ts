/** Gradients through matMul and fused matMul agree on the native and the cpu backend. */
import * as tf from '@tensorflow/tfjs';
import { expectClose, nativeSuite, onBoth, randomTensor } from './helpers';

describe('gradients', function () {
  nativeSuite();

  it('of matMul, every transpose, match the cpu backend', async () => {
    const [m, n, k] = [33, 17, 65];
    let seed = 10;
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        const s = (seed += 3);
        const results = await onBoth(() => {
          const weight = randomTensor([m, n], s + 2);
          const loss = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.matMul(a, b, ta, tb), weight));
          return tf.grads(loss)([randomTensor(ta ? [k, m] : [m, k], s), randomTensor(tb ? [n, k] : [k, n], s + 1)]);
        });
        for (const [native, cpu] of results) expectClose(native, cpu, 1e-4, `ta=${ta} tb=${tb}`);
      }
    }
  });

  it('of a 784-1000-784 autoencoder step at batch 64 match the cpu backend', async () => {
    const results = await onBoth(() => {
      const x = randomTensor([64, 784], 1);
      const loss = (w1: tf.Tensor, b1: tf.Tensor, w2: tf.Tensor) => {
        const hidden = tf.fused.matMul({ a: x, b: w1, bias: b1, activation: 'relu' });
        return tf.mean(tf.square(tf.sub(tf.matMul(hidden, w2), x)));
      };
      return tf.grads(loss)([randomTensor([784, 1000], 2), randomTensor([1000], 3), randomTensor([1000, 784], 4)]);
    });
    for (const [native, cpu] of results) expectClose(native, cpu, 1e-4);
  });

  it('of a batched fused matMul with bias and elu match the cpu backend', async () => {
    const results = await onBoth(() => {
      const loss = (a: tf.Tensor, b: tf.Tensor, bias: tf.Tensor) =>
        tf.sum(tf.fused.matMul({ a, b, bias, activation: 'elu' }));
      return tf.grads(loss)([randomTensor([3, 9, 17], 5), randomTensor([3, 17, 5], 6), randomTensor([5], 7)]);
    });
    for (const [native, cpu] of results) expectClose(native, cpu, 1e-4);
  });
});
