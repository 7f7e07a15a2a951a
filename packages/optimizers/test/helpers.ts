import { expect } from 'chai';
import { OPTIMIZER_DEFAULTS, RandomState, tf, type Optimizer, type OptimizerSettings } from '@tsnets/core';
import { AdaDelta, AdaGrad, Adam, ESGD, NAG, RMSProp, RProp, SGD } from '../src/base';

/** Every built-in optimizer: its registered id and its class. */
export const OPTIMIZER_CLASSES: [string, new (settings: OptimizerSettings) => Optimizer][] = [
  ['sgd', SGD],
  ['nag', NAG],
  ['rmsprop', RMSProp],
  ['rprop', RProp],
  ['adagrad', AdaGrad],
  ['adadelta', AdaDelta],
  ['adam', Adam],
  ['esgd', ESGD],
];

/** Settings as the trainer builds them: the defaults, a seeded generator, and overrides. */
export function settingsWith(overrides: Partial<OptimizerSettings> = {}): OptimizerSettings {
  return { ...OPTIMIZER_DEFAULTS, rng: new RandomState(13), ...overrides };
}

/** The starting point and target of the test problem `L(x) = Σ (x - c)²`. */
export const X0 = [1.5, -0.5];
export const C = [0.5, 1.0];

/** The gradient of `Σ (x - c)²` computed by hand: `2 (x - c)`. */
export const gradientAt = (x: readonly number[]): number[] => x.map((xi, i) => 2 * (xi - C[i]));

/** `Σ (x - c)²` for a variable, as an objective. */
export function squaredDistance(x: tf.Variable, c: readonly number[] = C): () => tf.Scalar {
  return () => tf.sum(tf.square(tf.sub(x, tf.tensor1d(c as number[]))));
}

/**
 * Runs `steps` updates of `optimizer` on `Σ (x - c)²` from `X0` and returns
 * the parameter after each, checking that nothing outlives the run.
 */
export function trajectory(
  make: (settings: OptimizerSettings) => Optimizer,
  overrides: Partial<OptimizerSettings>,
  steps: number,
): number[][] {
  const before = tf.memory().numTensors;
  const x = variableOf(X0);
  const optimizer = make(settingsWith(overrides));
  const points: number[][] = [];
  for (let i = 0; i < steps; i++) {
    optimizer.step(squaredDistance(x), [x]).dispose();
    points.push(Array.from(x.dataSync()));
  }
  optimizer.dispose();
  x.dispose();
  expect(tf.memory().numTensors, 'tensors leaked').to.equal(before);
  return points;
}

/**
 * The points a hand-written update rule visits on `Σ (x - c)²` from `X0`:
 * `update(x, g)` returns the step `δ` (`x <- x - δ`) and keeps its own state.
 */
export function referenceTrajectory(update: (x: number[], g: number[]) => number[], steps: number): number[][] {
  let x = [...X0];
  const points: number[][] = [];
  for (let i = 0; i < steps; i++) {
    const delta = update(x, gradientAt(x));
    x = x.map((xi, j) => xi - delta[j]);
    points.push(x);
  }
  return points;
}

/** Elementwise closeness of nested lists of numbers. */
export function expectClose(
  actual: readonly (readonly number[])[],
  expected: readonly (readonly number[])[],
  tolerance = 1e-5,
): void {
  expect(actual.length, 'number of steps').to.equal(expected.length);
  actual.forEach((row, i) => {
    expect(row.length, `step ${i + 1} size`).to.equal(expected[i].length);
    row.forEach((value, j) => expect(value, `step ${i + 1}, element ${j}`).to.be.closeTo(expected[i][j], tolerance));
  });
}

/** `exp(-ln 2 / h)`, written out for hand computations. */
export const decayOf = (halflife: number): number => Math.exp(-Math.log(2) / halflife);

/** A variable holding `values` (the initial tensor is freed). */
export function variableOf(values: number[] | number[][]): tf.Variable {
  return tf.tidy(() => tf.variable(tf.tensor(values)));
}

/**
 * Runs `steps` updates of `optimizer` on the linear objective `Σ g x` from
 * `x = 0`, whose gradient is the constant `g`, and returns the parameter after
 * each. With tiny gradients (1e-8 to 1e-4) the optimizer's epsilon decides the
 * step, so a test can tell its default from another value.
 */
export function linearTrajectory(
  make: (settings: OptimizerSettings) => Optimizer,
  overrides: Partial<OptimizerSettings>,
  gradient: readonly number[],
  steps: number,
): number[][] {
  const before = tf.memory().numTensors;
  const x = variableOf(gradient.map(() => 0));
  const optimizer = make(settingsWith(overrides));
  const points: number[][] = [];
  for (let i = 0; i < steps; i++) {
    optimizer.step(() => tf.sum(tf.mul(x, tf.tensor1d(gradient as number[]))), [x]).dispose();
    points.push(Array.from(x.dataSync()));
  }
  optimizer.dispose();
  x.dispose();
  expect(tf.memory().numTensors, 'tensors leaked').to.equal(before);
  return points;
}

/** The points of `x <- x - δ(g, t)` from `x = 0` under a constant gradient `g`, for `t = 1..steps`. */
export function linearReference(
  gradient: readonly number[],
  steps: number,
  delta: (g: number, t: number) => number,
): number[][] {
  const x = gradient.map(() => 0);
  const points: number[][] = [];
  for (let t = 1; t <= steps; t++) {
    gradient.forEach((g, i) => (x[i] -= delta(g, t)));
    points.push([...x]);
  }
  return points;
}

/** Elementwise closeness within a relative tolerance. */
export function expectRelative(
  actual: readonly (readonly number[])[],
  expected: readonly (readonly number[])[],
  relative: number,
): void {
  expect(actual.length, 'number of steps').to.equal(expected.length);
  actual.forEach((row, i) =>
    row.forEach((value, j) =>
      expect(value, `step ${i + 1}, element ${j}`).to.be.closeTo(expected[i][j], relative * Math.abs(expected[i][j])),
    ),
  );
}

/** The references for several epsilons differ from each other by far more than `relative`. */
export function expectDistinct(references: readonly number[][][], relative: number): void {
  for (let a = 0; a < references.length; a++)
    for (let b = a + 1; b < references.length; b++) {
      const gap = Math.abs(references[a][0][0] - references[b][0][0]) / Math.abs(references[a][0][0]);
      expect(gap, `references ${a} and ${b} are too close to tell apart`).to.be.above(100 * relative);
    }
}
