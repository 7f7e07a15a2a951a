/**
 * The fused penalty (`meanPower` of @tsnets/core: hidden_l1, weight_l1, weight_l2) against the tf ops it replaces,
 * run on this backend's own kernels: the same value and the same gradient, and no tensor left behind.
 */
import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { FUSED_PENALTY, hasFusedPenalty, meanPower } from '@tsnets/core';
import { BACKEND_NAME, nativeAddon } from '../src/index';
import { PENALTY, PENALTY_GRAD } from '../src/kernels/penalty';
import { expectClose, nativeSuite, randomFloats } from './helpers';

/** Lengths: one, a tail after the eight lanes, a hidden layer's batch, and a weight matrix's worth. */
const LENGTHS = [1, 13, 64 * 100, 784 * 100 + 3];
/** A gradient flowing in that is not 1, so that a kernel ignoring dy shows. */
const DY = 0.37;

/** Values in [-1, 1] with every fifth one exactly 0, as relu outputs have (tf's Abs gradient is -1 there). */
function values(n: number): Float32Array {
  return randomFloats(n)(n).map((v, i) => (i % 5 === 0 ? 0 : v));
}

let variable: tf.Variable;

/** A variable holding `x` (the tensor it is made from disposed). */
function variableOf(x: Float32Array, shape = [x.length]): tf.Variable {
  const initial = tf.tensor(x, shape);
  const made = tf.variable(initial);
  initial.dispose();
  return made;
}

/** `DY * penalty(variable)` and its gradient for the variable, as plain numbers. */
function valueAndGrad(penalty: (x: tf.Tensor) => tf.Scalar): [number, Float32Array] {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => tf.mul(penalty(variable), DY) as tf.Scalar, [variable]);
    return [value.dataSync()[0], Float32Array.from(grads[variable.name].dataSync())];
  });
}

describe('fused penalty', function () {
  nativeSuite();
  beforeEach(() => tf.setBackend(BACKEND_NAME));

  it('is registered under the names @tsnets/core runs it by', () => {
    expect([FUSED_PENALTY.value, FUSED_PENALTY.grad]).to.deep.equal([PENALTY, PENALTY_GRAD]);
    expect(hasFusedPenalty()).to.equal(true);
  });

  it('power 1: mean(|x|) and its gradient as tf.mean(tf.abs(x)) gives them, -dy/n at 0', () => {
    for (const n of LENGTHS) {
      variable = variableOf(values(n));
      const [fused, fusedGrad] = valueAndGrad((x) => meanPower(x, 1));
      const [ops, opsGrad] = valueAndGrad((x) => tf.mean(tf.abs(x)));
      expect(fused, `value ${n}`).to.be.closeTo(ops, Math.abs(ops) * 1e-6);
      expect(Array.from(fusedGrad), `gradient ${n}`).to.deep.equal(Array.from(opsGrad));
      expect(fusedGrad[0], 'at an exact 0').to.equal(Math.fround(-Math.fround(DY / n)));
      variable.dispose();
    }
  });

  it('power 2: mean(x²) and its gradient 2x dy / n', () => {
    for (const n of LENGTHS) {
      const x = values(n);
      variable = variableOf(x);
      const [fused, fusedGrad] = valueAndGrad((t) => meanPower(t, 2));
      const [ops] = valueAndGrad((t) => tf.div(tf.sum(tf.square(t)), n) as tf.Scalar);
      expect(fused, `value ${n}`).to.be.closeTo(ops, Math.abs(ops) * 1e-6);
      expectClose(
        fusedGrad,
        x.map((v) => (2 * v * DY) / n),
        1e-6,
        `gradient ${n}`,
      );
      variable.dispose();
    }
  });

  it('keeps a NaN a NaN in the value and the gradient, as tf does', () => {
    const x = new Float32Array([1, NaN, -2]);
    variable = variableOf(x);
    for (const power of [1, 2] as const) {
      const [value, grad] = valueAndGrad((t) => meanPower(t, power));
      expect(value, `power ${power}`).to.be.NaN;
      expect(Number.isNaN(grad[1]), `power ${power}`).to.equal(true);
      expect(grad[0], `power ${power}`).to.not.be.NaN;
    }
    variable.dispose();
  });

  it('leaves the tensor count where it was over training steps', () => {
    variable = variableOf(values(784 * 10), [784, 10]);
    const step = () =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => tf.add(meanPower(variable, 1), meanPower(variable, 2)));
        return [value, ...Object.values(grads)];
      });
    tf.dispose(step());
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.dispose(step());
    expect(tf.memory().numTensors).to.equal(before);
    variable.dispose();
  });

  it('rejects other powers, dtypes and empty inputs, naming them', () => {
    const run = (kernel: string, inputs: () => Record<string, tf.Tensor>, power: number) => () =>
      tf.tidy(() => tf.engine().runKernel(kernel, inputs(), { power }));
    expect(run(PENALTY, () => ({ x: tf.ones([3]) }), 3)).to.throw(
      TypeError,
      'TsnetsPenalty: power must be 1 or 2, got 3.',
    );
    expect(run(PENALTY, () => ({ x: tf.ones([3], 'int32') }), 1)).to.throw(
      TypeError,
      "input 'x' must be a non-empty float32",
    );
    expect(run(PENALTY_GRAD, () => ({ dy: tf.ones([2]), x: tf.ones([3]) }), 2)).to.throw(
      TypeError,
      'dy must be a scalar',
    );
    const addon = nativeAddon()!;
    expect(() => addon.penaltyValue(new Float32Array(0), 1)).to.throw(RangeError, /not empty/);
    expect(() => addon.penaltyGrad(new Float32Array(3), 2, 1, new Float32Array(2))).to.throw(RangeError, /X's length/);
  });
});
