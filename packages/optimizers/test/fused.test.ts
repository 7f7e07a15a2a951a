/**
 * When the optimizers take a backend's fused update kernel: a stand-in
 * kernel, registered for the active backend under the name @tsnets/core
 * gives, throws on purpose, so a test sees whether it ran.
 */
import { expect } from 'chai';
import { FUSED_UPDATES, tf, type OptimizerSettings } from '@tsnets/core';
import { Adam } from '../src/adam';
import { NAG } from '../src/nag';
import { SGD } from '../src/sgd';
import { X0, squaredDistance, trajectory, variableOf, settingsWith } from './helpers';

const RAN = 'the fused kernel ran';

/** SGD with a step of its own: half the gradient, whatever the learning rate. */
class HalfStep extends SGD {
  protected override delta(_param: tf.Variable, grad: tf.Tensor): tf.Tensor {
    return tf.mul(grad, 0.5);
  }
}

/** SGD that moves twice as far. */
class DoubleMove extends SGD {
  protected override move(param: tf.Variable, delta: tf.Tensor): void {
    super.move(param, tf.mul(delta, 2));
  }
}

/** Whether one step of the optimizer on `Σ (x - c)²` ran the stand-in kernel; checks that nothing leaks either way. */
function ranFused(make: (settings: OptimizerSettings) => SGD | Adam, overrides: Partial<OptimizerSettings> = {}) {
  const before = tf.memory().numTensors;
  const x = variableOf(X0);
  const optimizer = make(settingsWith({ learningRate: 0.1, ...overrides }));
  try {
    optimizer.step(squaredDistance(x), [x]).dispose();
    return false;
  } catch (error) {
    if ((error as Error).message !== RAN) throw error;
    return true;
  } finally {
    optimizer.dispose();
    x.dispose();
    expect(tf.memory().numTensors, 'tensors leaked').to.equal(before);
  }
}

describe('fused updates', () => {
  const saved = new Map<string, tf.KernelConfig | undefined>();
  before(() => {
    for (const kernelName of Object.values(FUSED_UPDATES)) {
      const backendName = tf.getBackend();
      saved.set(kernelName, tf.getKernel(kernelName, backendName));
      if (saved.get(kernelName)) tf.unregisterKernel(kernelName, backendName);
      tf.registerKernel({
        kernelName,
        backendName,
        kernelFunc: () => {
          throw new Error(RAN);
        },
      });
    }
  });
  after(() => {
    for (const [kernelName, config] of saved) {
      tf.unregisterKernel(kernelName, tf.getBackend());
      if (config) tf.registerKernel(config);
    }
  });

  it('sgd, with or without momentum, and nag run the backend kernel', () => {
    expect(ranFused((s) => new SGD(s))).to.equal(true);
    expect(ranFused((s) => new SGD(s), { momentum: 0.9 })).to.equal(true);
    expect(ranFused((s) => new NAG(s), { momentum: 0.9 })).to.equal(true);
  });

  it('adam runs it without momentum only (momentum on top is the base class arithmetic)', () => {
    expect(ranFused((s) => new Adam(s))).to.equal(true);
    expect(ranFused((s) => new Adam(s), { momentum: 0.5 })).to.equal(false);
  });

  it('a subclass with its own delta or move keeps its own arithmetic', () => {
    expect(ranFused((s) => new HalfStep(s))).to.equal(false);
    expect(ranFused((s) => new DoubleMove(s))).to.equal(false);
    // x' = x - 0.5 g with g = 2 (x - c) = [2, -3], from X0 = [1.5, -0.5] and c = [0.5, 1]: [0.5, 1].
    expect(trajectory((s) => new HalfStep(s), {}, 1)[0]).to.deep.equal([0.5, 1]);
    // x' = x - 2 lr g with lr = 0.1: [1.5 - 0.4, -0.5 + 0.6] = [1.1, 0.1].
    const [moved] = trajectory((s) => new DoubleMove(s), { learningRate: 0.1 }, 1);
    expect(moved[0]).to.be.closeTo(1.1, 1e-6);
    expect(moved[1]).to.be.closeTo(0.1, 1e-6);
  });
});
