/**
 * Softmax, the fused optimizer updates and Sum/Mean against references
 * computed here in double precision from the same float32 inputs, element
 * by element: each result within a few units of float32 roundoff of the
 * magnitudes it is computed from (`expectRoundoff`), not of the tensor's
 * largest value, so a small element that is wrong fails on its own.
 */
import * as tf from '@tensorflow/tfjs';
import { BACKEND_NAME } from '../src/index';
import { ADAM_UPDATE, SGD_UPDATE } from '../src/kernels/updates';
import { expect } from 'chai';
import { expectRoundoff, nativeSuite, randomFloats, ulpDistances, runKernel1d } from './helpers';

const LENGTHS = [1, 7, 1000, 4099];

// Measured on an AMD EPYC under TSNETS_TEST_SIMD=avx512, avx2 and portable (the same worst cases under each):
// softmax 9 ulps beyond |x - max| (its float32 argument's own rounding), sgd 2.3 roundoffs, adam's moments 2.1
// and its parameter 14.1 (a step of six operations), Sum and Mean 0.33. The bounds leave room for other compilers.
const SOFTMAX_ULPS = 16;
const SGD_UNITS = 4;
const MOMENT_UNITS = 4;
const ADAM_STEP_UNITS = 24;
const SUM_UNITS = 1;

describe('native accuracy against double precision', function () {
  nativeSuite();
  beforeEach(() => tf.setBackend(BACKEND_NAME));

  it('softmax: every element within 16 + |x - max| ulps of exp(x - max) / Σ exp(x - max)', () => {
    const cases: Array<[number, number, number]> = [
      [64, 10, 8],
      [64, 784, 8],
      [3, 7, 40], // outputs down to exp(-80)
      [5, 17, 0.01], // nearly uniform rows
      [1, 1, 1],
    ];
    let seed = 300;
    for (const [rows, cols, scale] of cases) {
      const x = randomFloats(seed++)(rows * cols).map((v) => v * scale);
      const out = tf.tidy(() => Float32Array.from(tf.softmax(tf.tensor2d(x, [rows, cols])).dataSync()));
      const exact = new Float32Array(rows * cols);
      // exp of a float32 argument x - max that is off by half an ulp of itself: |x - max| more ulps are fair.
      const allowed = new Float64Array(rows * cols);
      for (let r = 0; r < rows; r++) {
        const row = Array.from(x.subarray(r * cols, (r + 1) * cols));
        const max = Math.max(...row);
        const e = row.map((v) => Math.exp(v - max));
        const sum = e.reduce((a, b) => a + b, 0);
        e.forEach((v, j) => (exact[r * cols + j] = v / sum));
        row.forEach((v, j) => (allowed[r * cols + j] = SOFTMAX_ULPS + Math.abs(v - max)));
      }
      ulpDistances(out, exact).forEach((ulps, i) =>
        expect(
          ulps,
          `softmax [${rows}, ${cols}] ×${scale}: element ${i} is ${out[i]}, expected ${exact[i]}`,
        ).to.be.at.most(allowed[i]),
      );
    }
  });

  it('sgd: p - lr g, and with momentum, within a few roundoffs of the terms of each element', () => {
    const [lr, mu] = [0.01, 0.9];
    for (const n of LENGTHS) {
      const [p, g, v] = [1, 2, 3].map((seed) => randomFloats(seed * n)(n));
      const [plain] = runKernel1d(
        SGD_UPDATE,
        { param: p, grad: g },
        { learningRate: lr, momentum: 0, nesterov: false },
      );
      expectRoundoff(plain, (i) => [p[i], -lr * g[i]], SGD_UNITS, `plain ${n}`);
      const [classical, classicalV] = runKernel1d(
        SGD_UPDATE,
        { param: p, grad: g, velocity: v },
        { learningRate: lr, momentum: mu, nesterov: false },
      );
      const velocity = (i: number) => [mu * v[i], -lr * g[i]];
      expectRoundoff(classicalV, velocity, SGD_UNITS, `velocity ${n}`);
      expectRoundoff(classical, (i) => [p[i], ...velocity(i)], SGD_UNITS, `classical ${n}`);
      const [nesterov] = runKernel1d(
        SGD_UPDATE,
        { param: p, grad: g, velocity: v },
        { learningRate: lr, momentum: mu, nesterov: true },
      );
      const nesterovTerms = (i: number) => [p[i], mu * mu * v[i], -(1 + mu) * lr * g[i]];
      expectRoundoff(nesterov, nesterovTerms, SGD_UNITS, `nesterov ${n}`);
    }
  });

  it('adam: the moments and the bias-corrected step, within a few roundoffs of the terms', () => {
    const [lr, b1, b2, eps, t] = [0.001, 0.9, 0.99, 1e-8, 3];
    const [c1, c2] = [1 - b1 ** t, 1 - b2 ** t];
    const attrs = { learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, correction1: c1, correction2: c2 };
    for (const n of LENGTHS) {
      const p = randomFloats(4 * n)(n).map((x) => x * 1e-4);
      const [g, m] = [5, 6].map((seed) => randomFloats(seed * n)(n));
      const s = randomFloats(7 * n)(n).map((x) => x * x);
      const [param, g1, g2] = runKernel1d(ADAM_UPDATE, { param: p, grad: g, g1: m, g2: s }, attrs);
      const nextM = (i: number) => b1 * m[i] + (1 - b1) * g[i];
      const nextS = (i: number) => b2 * s[i] + (1 - b2) * g[i] * g[i];
      expectRoundoff(g1, (i) => [b1 * m[i], (1 - b1) * g[i]], MOMENT_UNITS, `g1 ${n}`);
      expectRoundoff(g2, (i) => [b2 * s[i], (1 - b2) * g[i] * g[i]], MOMENT_UNITS, `g2 ${n}`);
      const step = (i: number) => (lr * (nextM(i) / c1)) / (Math.sqrt(nextS(i) / c2) + eps);
      expectRoundoff(param, (i) => [p[i], -step(i)], ADAM_STEP_UNITS, `param ${n}`);
    }
  });

  it('Sum and Mean: each result within a few roundoffs of the sum of the magnitudes it adds', () => {
    const cases: Array<[number[], number | undefined]> = [
      [[64, 1000], 0],
      [[64, 784], 1],
      [[100_003], undefined],
      [[3, 5, 7], 1],
      [[17, 1], 1],
    ];
    let seed = 400;
    for (const [shape, axis] of cases) {
      const x = randomFloats(seed++)(shape.reduce((a, b) => a * b, 1));
      const [sum, mean] = tf.tidy(() => {
        const t = tf.tensor(x, shape);
        return [tf.sum(t, axis), tf.mean(t, axis)].map((r) => Float32Array.from(r.dataSync()));
      });
      // The reduced axis as [outer, mid, inner]: output (o, k) adds x[o, j, k] over j.
      const axes = axis === undefined ? shape.map((_, i) => i) : [axis];
      const mid = axes.reduce((a, i) => a * shape[i], 1);
      const inner = shape.slice(Math.max(...axes) + 1).reduce((a, b) => a * b, 1);
      const terms = (index: number) => {
        const [o, k] = [Math.floor(index / inner), index % inner];
        return Array.from({ length: mid }, (_, j) => x[(o * mid + j) * inner + k]);
      };
      expectRoundoff(sum, terms, SUM_UNITS, `sum [${shape}] axis ${axis}`);
      expectRoundoff(mean, (i) => terms(i).map((v) => v / mid), SUM_UNITS, `mean [${shape}] axis ${axis}`);
    }
  });
});
