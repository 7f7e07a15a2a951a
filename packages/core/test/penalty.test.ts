/** core's meanPower: values and gradients by hand, on the suite's backend (fused or not) and on tf ops. */
import { expect } from 'chai';
import { FUSED_PENALTY, hasFusedPenalty, meanPower, tf } from '../src/index';
import { leakFree } from './helpers';

const X = [0.5, -2, 0, 3];

/** `scale * meanPower(x)` and its gradient, as plain numbers. */
function valueAndGrad(power: 1 | 2, scale: number): [number, number[]] {
  return tf.tidy(() => {
    const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => tf.mul(meanPower(x, power), scale) as tf.Scalar)(
      tf.tensor1d(X),
    );
    return [value.dataSync()[0], Array.from(grad.dataSync())];
  });
}

describe('meanPower', () => {
  it('runs on tf ops where the backend lacks the fused kernels (the cpu backend)', async () => {
    const previous = tf.getBackend();
    await tf.setBackend('cpu');
    try {
      expect(hasFusedPenalty()).to.equal(false);
      expect(tf.getKernel(FUSED_PENALTY.value, 'cpu')).to.equal(undefined);
      const [value, grad] = valueAndGrad(2, 0.5);
      expect(value).to.be.closeTo((0.5 * (0.25 + 4 + 0 + 9)) / 4, 1e-6);
      expect(grad[1]).to.be.closeTo((2 * -2 * 0.5) / 4, 1e-7);
    } finally {
      await tf.setBackend(previous);
    }
  });

  it(
    "power 1: mean(|x|), gradient sign(x) dy / n with tf.abs's -1 at 0",
    leakFree(() => {
      const [value, grad] = valueAndGrad(1, 0.5);
      expect(value).to.be.closeTo((0.5 * (0.5 + 2 + 0 + 3)) / 4, 1e-7);
      expect(grad).to.deep.equal([0.125, -0.125, -0.125, 0.125]);
    }),
  );

  it(
    'power 2: mean(x²), gradient 2x dy / n',
    leakFree(() => {
      const [value, grad] = valueAndGrad(2, 0.5);
      expect(value).to.be.closeTo((0.5 * (0.25 + 4 + 0 + 9)) / 4, 1e-6);
      for (const [i, g] of grad.entries()) expect(g, `element ${i}`).to.be.closeTo((2 * X[i] * 0.5) / 4, 1e-7);
    }),
  );
});
