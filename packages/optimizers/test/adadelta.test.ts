import { AdaDelta } from '../src/adadelta';
import { decayOf, expectClose, referenceTrajectory, trajectory } from './helpers';

/** AdaDelta by hand. */
function adadeltaByHand(halflife: number, eps: number) {
  const d = decayOf(halflife);
  const g2 = [0, 0];
  const x2 = [0, 0];
  return (_x: number[], g: number[]) =>
    g.map((gi, i) => {
      g2[i] = d * g2[i] + (1 - d) * gi * gi;
      const delta = (gi * Math.sqrt(x2[i] + eps)) / Math.sqrt(g2[i] + eps);
      x2[i] = d * x2[i] + (1 - d) * delta * delta;
      return delta;
    });
}

describe('adadelta', () => {
  it('steps by g * sqrt(x2 + eps) / sqrt(g2 + eps) (one and two steps)', () => {
    const points = trajectory((s) => new AdaDelta(s), { rmsHalflife: 3, rmsRegularizer: 0.05 }, 2);
    expectClose(points, referenceTrajectory(adadeltaByHand(3, 0.05), 2));
  });

  it('ignores the learning rate and uses the defaults 14 and 1e-8', () => {
    const points = trajectory((s) => new AdaDelta(s), { learningRate: 123 }, 2);
    expectClose(points, referenceTrajectory(adadeltaByHand(14, 1e-8), 2), 1e-7);
  });
});
