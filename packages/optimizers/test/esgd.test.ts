import { expect } from 'chai';
import { matMul, RandomState, tf } from '@tsnets/core';
import { ESGD } from '../src/esgd';
import { decayOf, expectClose, settingsWith, variableOf } from './helpers';

interface HandProblem {
  start: number[];
  gradient: (z: number[]) => number[];
  hessian: number[][];
  /** Sizes of the parameters, in order (the noise is drawn per parameter). */
  sizes: number[];
}

/**
 * ESGD by hand over the concatenated parameters `z`, with noise drawn from
 * a fresh `RandomState(13)` per parameter; `blocks` keeps only each
 * parameter's own block of the Hessian (downhill's choice).
 */
function esgdByHand(
  problem: HandProblem,
  lr: number,
  halflife: number,
  eps: number,
  steps: number,
  blocks = false,
): number[][] {
  const rng = new RandomState(13);
  const d = decayOf(halflife);
  const owner = problem.sizes.flatMap((n, p) => Array<number>(n).fill(p));
  let z = [...problem.start];
  let curvature = z.map(() => 0);
  const points: number[][] = [];
  for (let step = 0; step < steps; step++) {
    const v = problem.sizes.flatMap((n) => Array.from(rng.randn(n)));
    const g = problem.gradient(z);
    const hv = problem.hessian.map((row, i) =>
      row.reduce((s, h, j) => s + (blocks && owner[i] !== owner[j] ? 0 : h * v[j]), 0),
    );
    curvature = curvature.map((c, i) => d * c + (1 - d) * hv[i] * hv[i]);
    z = z.map((zi, i) => zi - (lr * g[i]) / (Math.sqrt(curvature[i]) + eps));
    points.push(z);
  }
  return points;
}

/** Runs ESGD on tf variables and returns their concatenated values after each step. */
function esgdRun(
  variables: tf.Variable[],
  objective: () => tf.Scalar,
  lr: number,
  halflife: number,
  eps: number,
  steps: number,
): number[][] {
  const optimizer = new ESGD(settingsWith({ learningRate: lr, rmsHalflife: halflife, rmsRegularizer: eps }));
  const points: number[][] = [];
  for (let i = 0; i < steps; i++) {
    optimizer.step(objective, variables).dispose();
    points.push(variables.flatMap((v) => Array.from(v.dataSync())));
  }
  optimizer.dispose();
  return points;
}

// A coupled quadratic 0.5 zᵀQz - pᵀz over z = [a0, a1, b]: the Hessian is Q.
const Q = [
  [3, 1, 0.5],
  [1, 2, -1],
  [0.5, -1, 4],
];
const P = [1, -2, 0.5];
const coupled: HandProblem = {
  start: [0.5, -1, 2],
  gradient: (z) => Q.map((row, i) => row.reduce((s, q, j) => s + q * z[j], 0) - P[i]),
  hessian: Q,
  sizes: [2, 1],
};

function coupledObjective(a: tf.Variable, b: tf.Variable): () => tf.Scalar {
  return () => {
    const z = tf.concat([a, b]);
    const qz = tf.reshape(tf.matMul(tf.tensor2d(Q), tf.reshape(z, [3, 1])), [3]);
    return tf.sub(tf.mul(0.5, tf.sum(tf.mul(z, qz))), tf.sum(tf.mul(tf.tensor1d(P), z)));
  };
}

// A linear unit through core's matMul: 0.5 Σ (x W + b - y)² over z = [W00, W10, b].
const XS = [
  [1, 2],
  [0.5, -1],
  [2, 0.3],
];
const YS = [1, 0, -1];
const unitRows = XS.map((row) => [...row, 1]);
const linearUnit: HandProblem = {
  start: [0.2, -0.4, 0.1],
  gradient: (z) => {
    const residuals = unitRows.map((u, n) => u.reduce((s, ui, j) => s + ui * z[j], 0) - YS[n]);
    return [0, 1, 2].map((j) => unitRows.reduce((s, u, n) => s + residuals[n] * u[j], 0));
  },
  hessian: [0, 1, 2].map((i) => [0, 1, 2].map((j) => unitRows.reduce((s, u) => s + u[i] * u[j], 0))),
  sizes: [2, 1],
};

describe('esgd', () => {
  it('steps by lr * g / (sqrt(D) + eps) with D the running mean of (Hv)² (one and two steps)', () => {
    // Σ (x - c)²: H = 2I.
    const c = [0.5, 1];
    const problem: HandProblem = {
      start: [1.5, -0.5],
      gradient: (z) => z.map((zi, i) => 2 * (zi - c[i])),
      hessian: [
        [2, 0],
        [0, 2],
      ],
      sizes: [2],
    };
    const x = variableOf(problem.start);
    const points = esgdRun([x], () => tf.sum(tf.square(tf.sub(x, tf.tensor1d(c)))), 0.1, 3, 0.01, 2);
    x.dispose();
    expectClose(points, esgdByHand(problem, 0.1, 3, 0.01, 2));
  });

  it('uses the full Hessian across parameters, not per-parameter blocks', () => {
    const a = variableOf(coupled.start.slice(0, 2));
    const b = variableOf(coupled.start.slice(2));
    const points = esgdRun([a, b], coupledObjective(a, b), 0.05, 5, 1e-3, 2);
    a.dispose();
    b.dispose();
    const full = esgdByHand(coupled, 0.05, 5, 1e-3, 2);
    expectClose(points, full);
    const blocks = esgdByHand(coupled, 0.05, 5, 1e-3, 2, true);
    const gap = Math.max(...full[1].map((value, i) => Math.abs(value - blocks[1][i])));
    expect(gap, 'the test problem tells full from block-diagonal').to.be.greaterThan(1e-3);
  });

  it("differentiates twice through core's matMul (customGrad)", () => {
    const w = variableOf([[linearUnit.start[0]], [linearUnit.start[1]]]);
    const b = variableOf([linearUnit.start[2]]);
    const objective = () => {
      const y = tf.add(matMul(tf.tensor2d(XS), w as tf.Variable<tf.Rank.R2>), b);
      return tf.mul(0.5, tf.sum(tf.square(tf.sub(y, tf.tensor2d(YS, [3, 1]))))) as tf.Scalar;
    };
    const points = esgdRun([w, b], objective, 0.05, 4, 1e-4, 2);
    w.dispose();
    b.dispose();
    expectClose(points, esgdByHand(linearUnit, 0.05, 4, 1e-4, 2));
  });

  it('uses the defaults halflife 14 and regularizer 1e-8', () => {
    const a = variableOf(coupled.start.slice(0, 2));
    const b = variableOf(coupled.start.slice(2));
    const points = esgdRun([a, b], coupledObjective(a, b), 0.05, 14, 1e-8, 2);
    const optimizer = new ESGD(settingsWith({ learningRate: 0.05 }));
    tf.tidy(() => a.assign(tf.tensor1d(coupled.start.slice(0, 2))));
    tf.tidy(() => b.assign(tf.tensor1d(coupled.start.slice(2))));
    const viaDefaults: number[][] = [];
    for (let i = 0; i < 2; i++) {
      optimizer.step(coupledObjective(a, b), [a, b]).dispose();
      viaDefaults.push([...Array.from(a.dataSync()), ...Array.from(b.dataSync())]);
    }
    optimizer.dispose();
    a.dispose();
    b.dispose();
    expectClose(viaDefaults, points, 1e-7);
    expectClose(points, esgdByHand(coupled, 0.05, 14, 1e-8, 2));
  });

  it('draws one randn(size) per parameter per step from settings.rng', () => {
    const rng = new RandomState(13);
    const x = variableOf([1, 2, 3]);
    const optimizer = new ESGD(settingsWith({ rng }));
    for (let i = 0; i < 2; i++) optimizer.step(() => tf.sum(tf.square(x)) as tf.Scalar, [x]).dispose();
    optimizer.dispose();
    x.dispose();
    const skipped = new RandomState(13);
    skipped.randn(6);
    expect(rng.gauss()).to.equal(skipped.gauss());
  });

  it('evaluates the objective once per step', () => {
    const x = variableOf([1, 2]);
    const optimizer = new ESGD(settingsWith());
    let calls = 0;
    optimizer
      .step(() => {
        calls += 1;
        return tf.sum(tf.square(x)) as tf.Scalar;
      }, [x])
      .dispose();
    optimizer.dispose();
    x.dispose();
    expect(calls).to.equal(1);
  });

  it('handles a zero Hessian and parameters the objective does not use', () => {
    const before = tf.memory().numTensors;
    const x = variableOf([1, 2]);
    const unused = variableOf([5]);
    const lr = 1e-10;
    const eps = 1e-8;
    const optimizer = new ESGD(settingsWith({ learningRate: lr, rmsRegularizer: eps }));
    // Linear: g = [1, -3], Hv = 0, so D = 0 and the step is lr g / eps.
    optimizer.step(() => tf.sum(tf.mul(x, tf.tensor1d([1, -3]))), [x, unused]).dispose();
    expectClose([Array.from(x.dataSync()), Array.from(unused.dataSync())], [[1 - lr / eps, 2 + (3 * lr) / eps], [5]]);
    optimizer.dispose();
    x.dispose();
    unused.dispose();
    expect(tf.memory().numTensors, 'tensors leaked').to.equal(before);
  });

  it('passes on an error of the objective unchanged and leaks nothing, before and after a good step', () => {
    const before = tf.memory().numTensors;
    const x = variableOf([1, 2]);
    const optimizer = new ESGD(settingsWith({ learningRate: 0.1 }));
    const failing = (): tf.Scalar => {
      tf.square(x);
      throw new Error('objective failed');
    };
    // A fresh optimizer, then one whose last step succeeded (its Hessian-vector products must be gone).
    expect(() => optimizer.step(failing, [x])).to.throw('objective failed');
    optimizer.step(() => tf.sum(tf.square(x)) as tf.Scalar, [x]).dispose();
    const moved = Array.from(x.dataSync());
    expect(() => optimizer.step(failing, [x])).to.throw('objective failed');
    expect(Array.from(x.dataSync()), 'a failed step moves nothing').to.deep.equal(moved);
    optimizer.dispose();
    x.dispose();
    expect(tf.memory().numTensors, 'tensors leaked').to.equal(before);
  });
});
