/**
 * What the optimizers hand a backend's fused update kernel, and what they do
 * with its outputs: stand-in kernels, registered for the active backend,
 * record their inputs and attributes and compute the update from the
 * formulas written out below, so a trajectory through them must match the
 * same rules by hand (a missing input, a wrong attribute or an output left
 * unassigned changes the points).
 */
import { expect } from 'chai';
import { FUSED_UPDATES, tf, type OptimizerSettings } from '@tsnets/core';
import { Adam } from '../src/adam';
import { NAG } from '../src/nag';
import { SGD } from '../src/sgd';
import { decayOf, expectClose, referenceTrajectory, trajectory } from './helpers';

interface Call {
  inputs: string[];
  attrs: Record<string, unknown>;
}

const calls: Call[] = [];

type Arrays = Record<string, number[]>;

/** SGD with downhill's momentum, element by element: returns the new parameter and, with a velocity, the new one. */
function sgdByFormula({ param, grad, velocity }: Arrays, attrs: Record<string, unknown>): number[][] {
  const {
    learningRate: lr,
    momentum: mu,
    nesterov,
  } = attrs as { learningRate: number; momentum: number; nesterov: boolean };
  if (!velocity) return [param.map((p, i) => p - lr * grad[i])];
  const next = velocity.map((v, i) => mu * v - lr * grad[i]);
  const change = nesterov ? velocity.map((v, i) => mu * mu * v - (1 + mu) * lr * grad[i]) : next;
  return [param.map((p, i) => p + change[i]), next];
}

/** Adam with Kingma & Ba's correction, element by element: the new parameter, g1 and g2. */
function adamByFormula({ param, grad, g1, g2 }: Arrays, attrs: Record<string, unknown>): number[][] {
  const { learningRate: lr, beta1, beta2, epsilon, correction1, correction2 } = attrs as Record<string, number>;
  const m = g1.map((f, i) => beta1 * f + (1 - beta1) * grad[i]);
  const s = g2.map((v, i) => beta2 * v + (1 - beta2) * grad[i] * grad[i]);
  const next = param.map((p, i) => p - (lr * (m[i] / correction1)) / (Math.sqrt(s[i] / correction2) + epsilon));
  return [next, m, s];
}

/** A kernel that records its call and returns `formula` of its inputs' values. */
function standIn(kernelName: string, formula: (inputs: Arrays, attrs: Record<string, unknown>) => number[][]) {
  const kernelFunc: tf.KernelFunc = ({ inputs, attrs = {}, backend: anyBackend }) => {
    const backend = anyBackend as tf.KernelBackend;
    calls.push({ inputs: Object.keys(inputs).sort(), attrs: { ...attrs } });
    const arrays: Arrays = {};
    for (const [name, info] of Object.entries(inputs)) {
      if (info) arrays[name] = Array.from(backend.readSync(info.dataId) as Float32Array);
    }
    const shape = inputs.param?.shape ?? [];
    return formula(arrays, attrs).map((values) => ({
      dataId: backend.write(Float32Array.from(values), shape, 'float32'),
      shape,
      dtype: 'float32' as const,
    }));
  };
  return { kernelName, backendName: tf.getBackend(), kernelFunc };
}

/** The last call's inputs and attributes, after running `steps` steps of `make` on `Σ (x - c)²`. */
function run(make: (s: OptimizerSettings) => SGD | Adam, overrides: Partial<OptimizerSettings>, steps: number) {
  calls.length = 0;
  const points = trajectory(make, overrides, steps);
  expect(calls, 'the stand-in kernel ran once per step').to.have.length(steps);
  return { points, last: calls[steps - 1] };
}

describe('fused updates: inputs, attributes and outputs', () => {
  const saved = new Map<string, tf.KernelConfig | undefined>();
  before(() => {
    const backendName = tf.getBackend();
    const formulas = { [FUSED_UPDATES.sgd]: sgdByFormula, [FUSED_UPDATES.adam]: adamByFormula };
    for (const [kernelName, formula] of Object.entries(formulas)) {
      saved.set(kernelName, tf.getKernel(kernelName, backendName));
      if (saved.get(kernelName)) tf.unregisterKernel(kernelName, backendName);
      tf.registerKernel(standIn(kernelName, formula));
    }
  });
  after(() => {
    for (const [kernelName, config] of saved) {
      tf.unregisterKernel(kernelName, tf.getBackend());
      if (config) tf.registerKernel(config);
    }
  });

  it('sgd without momentum passes the parameter, the gradient and the learning rate', () => {
    const { points, last } = run((s) => new SGD(s), { learningRate: 0.1 }, 2);
    expect(last).to.deep.equal({
      inputs: ['grad', 'param'],
      attrs: { learningRate: 0.1, momentum: 0, nesterov: false },
    });
    // By hand: x0 = [1.5, -0.5], g = [2, -3] -> [1.3, -0.2]; g = [1.6, -2.4] -> [1.14, 0.04].
    expectClose(points, [
      [1.3, -0.2],
      [1.14, 0.04],
    ]);
  });

  it('sgd with momentum passes the velocity and keeps the kernel’s new velocity', () => {
    const { points, last } = run((s) => new SGD(s), { learningRate: 0.1, momentum: 0.9 }, 3);
    expect(last).to.deep.equal({
      inputs: ['grad', 'param', 'velocity'],
      attrs: { learningRate: 0.1, momentum: 0.9, nesterov: false },
    });
    // By hand: v = -0.2 -> x = 1.3; v = 0.9·(-0.2) - 0.1·1.6 = -0.34 -> x = 0.96 (the velocity must carry over).
    expect(points[0][0]).to.be.closeTo(1.3, 1e-6);
    expect(points[1][0]).to.be.closeTo(0.96, 1e-6);
  });

  it('nag passes nesterov: x += μ² v - (1 + μ) δ', () => {
    const { points, last } = run((s) => new NAG(s), { learningRate: 0.1, momentum: 0.9 }, 2);
    expect(last.attrs).to.deep.equal({ learningRate: 0.1, momentum: 0.9, nesterov: true });
    // By hand: step 1 moves by -1.9·0.2 = -0.38 (x = 1.12, v = -0.2); step 2 by 0.81·(-0.2) - 1.9·0.1·1.24.
    expect(points[0][0]).to.be.closeTo(1.12, 1e-6);
    expect(points[1][0]).to.be.closeTo(1.12 - 0.3976, 1e-6);
  });

  it('adam passes its state and the bias corrections of step t, and keeps the new state', () => {
    const options = { learningRate: 0.1, beta1Halflife: 2, beta2Halflife: 5, rmsRegularizer: 0.01 };
    const { points, last } = run((s) => new Adam(s), options, 2);
    const b1 = decayOf(2);
    const b2 = decayOf(5);
    expect(last.inputs).to.deep.equal(['g1', 'g2', 'grad', 'param']);
    expect(last.attrs).to.have.all.keys('learningRate', 'beta1', 'beta2', 'epsilon', 'correction1', 'correction2');
    expect(last.attrs.learningRate).to.equal(0.1);
    expect(last.attrs.epsilon).to.equal(0.01);
    expect(last.attrs.beta1).to.be.closeTo(b1, 1e-15);
    expect(last.attrs.beta2).to.be.closeTo(b2, 1e-15);
    expect(last.attrs.correction1).to.be.closeTo(1 - b1 * b1, 1e-15);
    expect(last.attrs.correction2).to.be.closeTo(1 - b2 * b2, 1e-15);
    // The same rule by hand, state carried from step to step.
    const g1 = [0, 0];
    const g2 = [0, 0];
    let t = 0;
    const expected = referenceTrajectory((_x, g) => {
      t += 1;
      return g.map((gi, i) => {
        g1[i] = b1 * g1[i] + (1 - b1) * gi;
        g2[i] = b2 * g2[i] + (1 - b2) * gi * gi;
        return (0.1 * (g1[i] / (1 - b1 ** t))) / (Math.sqrt(g2[i] / (1 - b2 ** t)) + 0.01);
      });
    }, 2);
    expectClose(points, expected);
  });
});
