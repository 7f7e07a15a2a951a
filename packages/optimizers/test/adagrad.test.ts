import { AdaGrad } from '../src/adagrad';
import { expectClose, referenceTrajectory, trajectory } from './helpers';

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

  it('uses the default regularizer 1e-8', () => {
    const points = trajectory((s) => new AdaGrad(s), { learningRate: 0.5 }, 2);
    expectClose(points, referenceTrajectory(adagradByHand(0.5, 1e-8), 2));
  });
});
