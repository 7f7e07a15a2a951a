import { expect } from 'chai';
import { AdaGrad } from '../src/adagrad';
import {
  expectClose,
  expectDistinct,
  expectRelative,
  linearReference,
  linearTrajectory,
  referenceTrajectory,
  trajectory,
} from './helpers';

/** AdaGrad by hand. */
function adagradByHand(lr: number, eps: number) {
  const g2 = [0, 0];
  return (_x: number[], g: number[]) =>
    g.map((gi, i) => {
      g2[i] += gi * gi;
      return (lr * gi) / Math.sqrt(g2[i] + eps);
    });
}

describe('adagrad', () => {
  it('steps by lr * g / sqrt(Σ g² + eps) (one and two steps)', () => {
    const points = trajectory((s) => new AdaGrad(s), { learningRate: 0.5, rmsRegularizer: 0.1 }, 2);
    expectClose(points, referenceTrajectory(adagradByHand(0.5, 0.1), 2));
  });

  it('uses the default regularizer 1e-8 (gradients of 1e-4, where g² and epsilon are alike)', () => {
    // Constant gradient g: after t steps Σ g² = t g², so the t-th step is lr g / sqrt(t g² + eps).
    const g = [1e-4, 3e-4];
    const reference = (eps: number) => linearReference(g, 3, (gi, t) => (0.5 * gi) / Math.sqrt(t * gi * gi + eps));
    // By hand for the first element's first step: 0.5e-4 / sqrt(1e-8 + 1e-8) = 0.5 / sqrt(2).
    expect(reference(1e-8)[0][0]).to.be.closeTo(-0.5 / Math.SQRT2, 1e-12);
    expectDistinct([reference(1e-8), reference(1e-6), reference(0)], 1e-4);
    expectRelative(
      linearTrajectory((s) => new AdaGrad(s), { learningRate: 0.5 }, g, 3),
      reference(1e-8),
      1e-4,
    );
  });
});
