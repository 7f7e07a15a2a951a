import { RProp } from '../src/rprop';
import { expectClose, referenceTrajectory, trajectory } from './helpers';

/** iRprop- by hand. */
function rpropByHand(initial: number, increase: number, decrease: number, minStep: number, maxStep: number) {
  const previous = [0, 0];
  const steps = [initial, initial];
  return (_x: number[], g: number[]) =>
    g.map((gi, i) => {
      const agreement = gi * previous[i];
      let grad = gi;
      let step = steps[i];
      if (agreement > 0) step *= increase;
      if (agreement < 0) {
        step *= decrease;
        grad = 0;
      }
      step = Math.min(maxStep, Math.max(minStep, step));
      steps[i] = step;
      previous[i] = grad;
      return Math.sign(grad) * step;
    });
}

describe('rprop', () => {
  const options = { learningRate: 0.4, rpropIncrease: 1.2, rpropDecrease: 0.5 };

  it('steps by sign(g) * lr first, then grows the step while the sign holds', () => {
    const points = trajectory((s) => new RProp(s), options, 2);
    // By hand: g = [2, -3] -> steps 0.4 -> [1.1, -0.1]; g = [1.2, -2.2] -> steps 0.48 -> [0.62, 0.38].
    expectClose(points, [
      [1.1, -0.1],
      [0.62, 0.38],
    ]);
  });

  it('shrinks the step and skips the move after a sign flip (iRprop-)', () => {
    const points = trajectory((s) => new RProp(s), options, 6);
    expectClose(points, referenceTrajectory(rpropByHand(0.4, 1.2, 0.5, 0, 100), 6));
    // Step 4 flips element 0 (g = -0.912 after 0.044): it stays put while element 1 moves on.
    expectClose([points[3]], [[0.044, 0.956 + 0.6912]]);
  });

  it('clamps the step to [rpropMinStep, rpropMaxStep]', () => {
    const clamped = { ...options, rpropMinStep: 0.3, rpropMaxStep: 0.45 };
    const points = trajectory((s) => new RProp(s), clamped, 6);
    expectClose(points, referenceTrajectory(rpropByHand(0.4, 1.2, 0.5, 0.3, 0.45), 6));
  });

  it('uses the defaults 1.01, 0.99, 0, 100', () => {
    const points = trajectory((s) => new RProp(s), { learningRate: 0.4 }, 6);
    expectClose(points, referenceTrajectory(rpropByHand(0.4, 1.01, 0.99, 0, 100), 6));
  });
});
