import { expect } from 'chai';
import { tf } from '@tsnets/core';
import { RMSProp } from '../src/rmsprop';
import {
  decayOf,
  expectClose,
  expectDistinct,
  expectRelative,
  linearReference,
  linearTrajectory,
  referenceTrajectory,
  settingsWith,
  trajectory,
  variableOf,
} from './helpers';

/** Centred RMSProp by hand. */
function rmspropByHand(lr: number, halflife: number, eps: number) {
  const d = decayOf(halflife);
  const g1 = [0, 0];
  const g2 = [0, 0];
  return (_x: number[], g: number[]) =>
    g.map((gi, i) => {
      g1[i] = d * g1[i] + (1 - d) * gi;
      g2[i] = d * g2[i] + (1 - d) * gi * gi;
      return (lr * gi) / Math.sqrt(g2[i] - g1[i] * g1[i] + eps);
    });
}

describe('rmsprop', () => {
  it('steps by lr * g / sqrt(g2 - g1² + eps) (one and two steps)', () => {
    const options = { learningRate: 0.01, rmsHalflife: 5, rmsRegularizer: 1e-4 };
    const expected = referenceTrajectory(rmspropByHand(0.01, 5, 1e-4), 2);
    expectClose(
      trajectory((s) => new RMSProp(s), options, 2),
      expected,
    );
  });

  it('uses the default halflife 14', () => {
    const expected = referenceTrajectory(rmspropByHand(0.01, 14, 1e-8), 2);
    expectClose(
      trajectory((s) => new RMSProp(s), { learningRate: 0.01 }, 2),
      expected,
    );
  });

  it('uses the default regularizer 1e-8 (gradients of 1e-4, where the variance and epsilon are alike)', () => {
    // Under a constant gradient g, with d = exp(-ln 2 / 14): f = g (1 - dᵗ), s = g² (1 - dᵗ), so the variance
    // s - f² is g² (1 - dᵗ) dᵗ, and the t-th step is lr g / sqrt(g² (1 - dᵗ) dᵗ + eps).
    const d = Math.exp(-Math.LN2 / 14);
    const g = [1e-4, 3e-4];
    const reference = (eps: number) =>
      linearReference(g, 3, (gi, t) => (0.01 * gi) / Math.sqrt(gi * gi * (1 - d ** t) * d ** t + eps));
    expectDistinct([reference(1e-8), reference(1e-6), reference(0)], 1e-4);
    expectRelative(
      linearTrajectory((s) => new RMSProp(s), { learningRate: 0.01 }, g, 3),
      reference(1e-8),
      1e-4,
    );
  });

  it('stays finite under a long constant gradient (the variance is clamped at 0)', () => {
    const x = variableOf([0.5, -2, 1]);
    const optimizer = new RMSProp(settingsWith({ learningRate: 1e-6 }));
    // With these gradients, float32 rounding makes s - f² about -6e-7 at times, below -ε.
    for (let i = 0; i < 1500; i++)
      optimizer.step(() => tf.sum(tf.mul(x, tf.tensor1d([0.7, -1.3, 0.3]))) as tf.Scalar, [x]).dispose();
    const values = Array.from(x.dataSync());
    optimizer.dispose();
    x.dispose();
    for (const v of values) expect(Number.isFinite(v)).to.equal(true);
  });
});
