import { expect } from 'chai';
import { tf } from '@tsnets/core';
import { Adam } from '../src/adam';
import {
  decayOf,
  expectClose,
  expectDistinct,
  expectRelative,
  linearReference,
  linearTrajectory,
  referenceTrajectory,
  settingsWith,
  squaredDistance,
  trajectory,
  X0,
  variableOf,
} from './helpers';

/** Adam (Kingma & Ba's bias correction) by hand. */
function adamByHand(lr: number, halflife1: number, halflife2: number, eps: number) {
  const b1 = decayOf(halflife1);
  const b2 = decayOf(halflife2);
  const g1 = [0, 0];
  const g2 = [0, 0];
  let t = 0;
  return (_x: number[], g: number[]) => {
    t += 1;
    return g.map((gi, i) => {
      g1[i] = b1 * g1[i] + (1 - b1) * gi;
      g2[i] = b2 * g2[i] + (1 - b2) * gi * gi;
      return (lr * (g1[i] / (1 - b1 ** t))) / (Math.sqrt(g2[i] / (1 - b2 ** t)) + eps);
    });
  };
}

describe('adam', () => {
  it('steps by lr * (g1 / (1 - b1^t)) / (sqrt(g2 / (1 - b2^t)) + eps) (one and two steps)', () => {
    const options = { learningRate: 0.1, beta1Halflife: 2, beta2Halflife: 5, rmsRegularizer: 0.01 };
    const points = trajectory((s) => new Adam(s), options, 2);
    expectClose(points, referenceTrajectory(adamByHand(0.1, 2, 5, 0.01), 2));
  });

  it('uses the default halflives 7 and 69', () => {
    const points = trajectory((s) => new Adam(s), { learningRate: 0.1 }, 3);
    expectClose(points, referenceTrajectory(adamByHand(0.1, 7, 69, 1e-8), 3));
  });

  it('uses the default regularizer 1e-8 (gradients of 1e-8, where |g| and epsilon are alike)', () => {
    // Under a constant gradient the bias-corrected averages are g and g² at every step: δ = lr g / (|g| + eps).
    const g = [1e-8, 3e-8];
    const reference = (eps: number) => linearReference(g, 3, (gi) => (0.1 * gi) / (Math.abs(gi) + eps));
    // By hand: 0.1 * 1e-8 / (1e-8 + 1e-8) = 0.05 per step for the first element, 0.075 for the second.
    expect(reference(1e-8)[2][0]).to.be.closeTo(-0.15, 1e-12);
    expect(reference(1e-8)[2][1]).to.be.closeTo(-0.225, 1e-12);
    expectDistinct([reference(1e-8), reference(1e-6), reference(0)], 1e-4);
    expectRelative(
      linearTrajectory((s) => new Adam(s), { learningRate: 0.1 }, g, 3),
      reference(1e-8),
      1e-4,
    );
  });

  it('restarts the bias correction after dispose()', () => {
    const x = variableOf(X0);
    const optimizer = new Adam(settingsWith({ learningRate: 0.1 }));
    optimizer.step(squaredDistance(x), [x]).dispose();
    const first = Array.from(x.dataSync());
    optimizer.dispose();
    tf.tidy(() => x.assign(tf.tensor1d(X0)));
    optimizer.step(squaredDistance(x), [x]).dispose();
    expect(Array.from(x.dataSync())).to.deep.equal(first);
    optimizer.dispose();
    x.dispose();
  });
});
