import { expect } from 'chai';
import { RMSProp } from '../src/rmsprop';
import { SGD } from '../src/sgd';
import { decayOf, expectClose, referenceTrajectory, trajectory } from './helpers';

type Update = (x: number[], g: number[]) => number[];

/**
 * downhill's momentum by hand over a step rule: `v' = μ v - δ`, then
 * `x' = x + v'` (classical) or `x' = x + μ² v - (1 + μ) δ` (Nesterov).
 */
function withMomentum(update: Update, mu: number, nesterov: boolean): Update {
  const velocity = [0, 0];
  return (x, g) =>
    update(x, g).map((delta, i) => {
      const old = velocity[i];
      velocity[i] = mu * old - delta;
      const change = nesterov ? mu * mu * old - (1 + mu) * delta : velocity[i];
      return -change;
    });
}

const sgdRule =
  (lr: number): Update =>
  (_x, g) =>
    g.map((gi) => lr * gi);

function rmspropRule(lr: number, halflife: number, eps: number): Update {
  const d = decayOf(halflife);
  const g1 = [0, 0];
  const g2 = [0, 0];
  return (_x, g) =>
    g.map((gi, i) => {
      g1[i] = d * g1[i] + (1 - d) * gi;
      g2[i] = d * g2[i] + (1 - d) * gi * gi;
      return (lr * gi) / Math.sqrt(g2[i] - g1[i] * g1[i] + eps);
    });
}

describe('momentum', () => {
  it('adds classical momentum to sgd: v = μ v - δ, x += v', () => {
    const points = trajectory((s) => new SGD(s), { learningRate: 0.1, momentum: 0.9 }, 3);
    expectClose(points, referenceTrajectory(withMomentum(sgdRule(0.1), 0.9, false), 3));
    // By hand: step 2 moves by 0.9·(-0.2) - 0.1·1.6 = -0.34 from 1.3.
    expect(points[1][0]).to.be.closeTo(0.96, 1e-5);
  });

  it('adds Nesterov momentum to sgd as downhill: x += μ² v - (1 + μ) δ, v = μ v - δ', () => {
    const points = trajectory((s) => new SGD(s), { learningRate: 0.1, momentum: 0.9, nesterov: true }, 3);
    expectClose(points, referenceTrajectory(withMomentum(sgdRule(0.1), 0.9, true), 3));
    // By hand: step 1 moves by -1.9·0.2 = -0.38 (x = 1.12, v = -0.2);
    // step 2 by 0.81·(-0.2) - 1.9·0.1·1.24 = -0.3976.
    expect(points[0][0]).to.be.closeTo(1.12, 1e-5);
    expect(points[1][0]).to.be.closeTo(1.12 - 0.3976, 1e-5);
  });

  it('adds classical momentum to rmsprop', () => {
    const options = { learningRate: 0.05, rmsHalflife: 4, rmsRegularizer: 1e-3, momentum: 0.5 };
    const points = trajectory((s) => new RMSProp(s), options, 3);
    expectClose(points, referenceTrajectory(withMomentum(rmspropRule(0.05, 4, 1e-3), 0.5, false), 3));
  });

  it('adds Nesterov momentum to rmsprop', () => {
    const options = { learningRate: 0.05, rmsHalflife: 4, rmsRegularizer: 1e-3, momentum: 0.5, nesterov: true };
    const points = trajectory((s) => new RMSProp(s), options, 3);
    expectClose(points, referenceTrajectory(withMomentum(rmspropRule(0.05, 4, 1e-3), 0.5, true), 3));
  });

  it('ignores nesterov when momentum is 0', () => {
    const points = trajectory((s) => new SGD(s), { learningRate: 0.1, nesterov: true }, 2);
    expectClose(points, referenceTrajectory(sgdRule(0.1), 2));
  });
});
