/** The fused optimizer updates against their formulas, computed here in double precision. */
import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { FUSED_UPDATES } from '@tsnets/core';
import { BACKEND_NAME, nativeAddon } from '../src/index';
import { ADAM_UPDATE, SGD_UPDATE } from '../src/kernels/updates';
import { expectClose, nativeSuite, randomFloats, runKernel1d } from './helpers';

/** Lengths: one, a SIMD tail, several vectors, and a weight matrix's worth. */
const LENGTHS = [1, 7, 1000, 4099];

describe('fused optimizer updates', function () {
  nativeSuite();
  beforeEach(() => tf.setBackend(BACKEND_NAME));

  it('are registered under the names @tsnets/core runs them by', () => {
    expect([FUSED_UPDATES.sgd, FUSED_UPDATES.adam]).to.deep.equal([SGD_UPDATE, ADAM_UPDATE]);
    for (const name of [SGD_UPDATE, ADAM_UPDATE])
      expect(tf.getKernel(name, BACKEND_NAME), name).to.not.equal(undefined);
  });

  it('sgd: p - lr g, and classical and Nesterov momentum', () => {
    const [lr, mu] = [0.01, 0.9];
    for (const n of LENGTHS) {
      const [p, g, v] = [1, 2, 3].map((seed) => randomFloats(seed * n)(n));
      const [plain] = runKernel1d(
        SGD_UPDATE,
        { param: p, grad: g },
        { learningRate: lr, momentum: 0, nesterov: false },
      );
      expectClose(
        plain,
        p.map((pi, i) => pi - lr * g[i]),
        1e-6,
        `plain ${n}`,
      );
      const velocity = v.map((vi, i) => mu * vi - lr * g[i]);
      const [classical, classicalV] = runKernel1d(
        SGD_UPDATE,
        { param: p, grad: g, velocity: v },
        { learningRate: lr, momentum: mu, nesterov: false },
      );
      expectClose(classicalV, velocity, 1e-6, `velocity ${n}`);
      expectClose(
        classical,
        p.map((pi, i) => pi + velocity[i]),
        1e-6,
        `classical ${n}`,
      );
      const [nesterov, nesterovV] = runKernel1d(
        SGD_UPDATE,
        { param: p, grad: g, velocity: v },
        { learningRate: lr, momentum: mu, nesterov: true },
      );
      expectClose(nesterovV, velocity, 1e-6, `nesterov velocity ${n}`);
      const expected = p.map((pi, i) => pi + mu * mu * v[i] - (1 + mu) * lr * g[i]);
      expectClose(nesterov, expected, 1e-6, `nesterov ${n}`);
    }
  });

  it('adam: moments and the bias-corrected step', () => {
    const [lr, b1, b2, eps, t] = [0.001, 0.9, 0.99, 1e-8, 3];
    const [c1, c2] = [1 - b1 ** t, 1 - b2 ** t];
    const attrs = { learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, correction1: c1, correction2: c2 };
    for (const n of LENGTHS) {
      // Parameters near the step's size, so that float32 rounding of p' does not hide the step's error.
      const p = randomFloats(4 * n)(n).map((x) => x * 1e-4);
      const [g, m] = [5, 6].map((seed) => randomFloats(seed * n)(n));
      const s = randomFloats(7 * n)(n).map((x) => x * x); // second moments are never negative
      const [param, g1, g2] = runKernel1d(ADAM_UPDATE, { param: p, grad: g, g1: m, g2: s }, attrs);
      const nextM = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]);
      const nextS = s.map((si, i) => b2 * si + (1 - b2) * g[i] * g[i]);
      expectClose(g1, nextM, 1e-6, `g1 ${n}`);
      expectClose(g2, nextS, 1e-6, `g2 ${n}`);
      const expected = p.map((pi, i) => pi - (lr * (nextM[i] / c1)) / (Math.sqrt(nextS[i] / c2) + eps));
      expectClose(param, expected, 1e-5, `param ${n}`);
    }
  });

  it('reject inputs of other shapes or dtypes, naming them', () => {
    const attrs = { learningRate: 0.1, momentum: 0, nesterov: false };
    const withGrad = (shape: number[], dtype: tf.DataType) => () =>
      tf.tidy(() =>
        tf.engine().runKernel(SGD_UPDATE, { param: tf.zeros([2, 3]), grad: tf.zeros(shape, dtype) }, attrs),
      );
    expect(withGrad([3, 2], 'float32')).to.throw(
      TypeError,
      "TsnetsSgdUpdate: input 'grad' has shape [3,2], 'param' has [2,3].",
    );
    expect(withGrad([2, 3], 'int32')).to.throw(TypeError, "input 'grad' must be float32, got int32");
    const addon = nativeAddon()!;
    const [four, three] = [new Float32Array(4), new Float32Array(3)];
    expect(() => addon.sgdUpdate(four, three, null, 0.1, 0, false, four, null)).to.throw(
      RangeError,
      /differ in length/,
    );
    expect(() => addon.sgdUpdate(four, four, four, 0.1, 0.9, false, four, null)).to.throw(TypeError, /V and Vout/);
    expect(() => addon.adamUpdate(four, four, four, three, four, four, four, 0.1, 0.9, 0.99, 1e-8, 0.1, 0.01)).to.throw(
      RangeError,
      /every array must have P's length/,
    );
  });
});
