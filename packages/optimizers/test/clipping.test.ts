import { AdaGrad } from '../src/adagrad';
import { SGD } from '../src/sgd';
import { expectClose, referenceTrajectory, trajectory } from './helpers';

const clipElements = (g: number[], limit: number) => g.map((gi) => Math.min(limit, Math.max(-limit, gi)));
const clipNorm = (g: number[], limit: number) => {
  const norm = Math.sqrt(g.reduce((s, gi) => s + gi * gi, 0));
  return g.map((gi) => gi * Math.min(1, limit / norm));
};

describe('gradient clipping', () => {
  it('clips each gradient element to ±maxGradientElem', () => {
    const points = trajectory((s) => new SGD(s), { learningRate: 0.1, maxGradientElem: 1.7 }, 2);
    // By hand: g = [2, -3] -> [1.7, -1.7] -> x = [1.33, -0.33]; g = [1.66, -2.66] -> [1.66, -1.7].
    expectClose(points, [
      [1.33, -0.33],
      [1.33 - 0.166, -0.33 + 0.17],
    ]);
  });

  it('rescales the gradient to norm maxGradientNorm', () => {
    const points = trajectory((s) => new SGD(s), { learningRate: 0.1, maxGradientNorm: 1 }, 2);
    expectClose(
      points,
      referenceTrajectory((_x, g) => clipNorm(g, 1).map((gi) => 0.1 * gi), 2),
    );
    // By hand: the first step is 0.1·[2, -3]/√13.
    expectClose([points[0]], [[1.5 - 0.2 / Math.sqrt(13), -0.5 + 0.3 / Math.sqrt(13)]]);
  });

  it('leaves a gradient within maxGradientNorm alone', () => {
    const points = trajectory((s) => new SGD(s), { learningRate: 0.1, maxGradientNorm: 10 }, 2);
    expectClose(points, [
      [1.3, -0.2],
      [1.14, 0.04],
    ]);
  });

  it('prefers maxGradientElem when both are set', () => {
    const points = trajectory((s) => new SGD(s), { learningRate: 0.1, maxGradientElem: 1.7, maxGradientNorm: 0.1 }, 2);
    expectClose(
      points,
      referenceTrajectory((_x, g) => clipElements(g, 1.7).map((gi) => 0.1 * gi), 2),
    );
  });

  it('feeds the clipped gradient to an adaptive method (adagrad)', () => {
    const g2 = [0, 0];
    const expected = referenceTrajectory(
      (_x, g) =>
        clipNorm(g, 1.5).map((gi, i) => {
          g2[i] += gi * gi;
          return (0.5 * gi) / Math.sqrt(g2[i] + 0.1);
        }),
      2,
    );
    const points = trajectory(
      (s) => new AdaGrad(s),
      { learningRate: 0.5, rmsRegularizer: 0.1, maxGradientNorm: 1.5 },
      2,
    );
    expectClose(points, expected);
  });
});
