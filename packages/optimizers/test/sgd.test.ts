import { expect } from 'chai';
import { NAG } from '../src/nag';
import { SGD } from '../src/sgd';
import { expectClose, referenceTrajectory, trajectory } from './helpers';

describe('sgd', () => {
  it('steps by lr * g (one and two steps)', () => {
    const lr = 0.1;
    const expected = referenceTrajectory((_x, g) => g.map((gi) => lr * gi), 2);
    expectClose(
      trajectory((s) => new SGD(s), { learningRate: lr }, 2),
      expected,
    );
    // By hand: x0 = [1.5, -0.5], g = [2, -3] -> [1.3, -0.2]; g = [1.6, -2.4] -> [1.14, 0.04].
    expectClose(expected, [
      [1.3, -0.2],
      [1.14, 0.04],
    ]);
  });

  it('uses the default learning rate 1e-4', () => {
    expectClose(
      trajectory((s) => new SGD(s), {}, 1),
      [[1.5 - 2e-4, -0.5 + 3e-4]],
      1e-7,
    );
  });
});

describe('nag', () => {
  it('is plain sgd without momentum', () => {
    const lr = 0.1;
    const expected = referenceTrajectory((_x, g) => g.map((gi) => lr * gi), 2);
    expectClose(
      trajectory((s) => new NAG(s), { learningRate: lr }, 2),
      expected,
    );
  });

  it('uses Nesterov momentum even when nesterov is false', () => {
    const options = { learningRate: 0.1, momentum: 0.9 };
    const nag = trajectory((s) => new NAG(s), { ...options, nesterov: false }, 3);
    const nesterov = trajectory((s) => new SGD(s), { ...options, nesterov: true }, 3);
    const classical = trajectory((s) => new SGD(s), options, 3);
    expectClose(nag, nesterov, 1e-7);
    expect(Math.abs(nag[1][0] - classical[1][0])).to.be.greaterThan(1e-3);
  });
});
