import { expect } from 'chai';
import { tf, type Loss } from '@tsnets/core';

/** Plain nested arrays used as hand-made data. */
export type Matrix = number[][];

/** Outputs, targets and weights of a small regression case, for the elementwise losses. */
export const X: Matrix = [
  [0.5, -1, 2],
  [1.5, 0, -0.25],
];
export const T: Matrix = [
  [1, 1, 1],
  [0, 0.5, -1],
];
export const W: Matrix = [
  [1, 0, 2],
  [0.5, 3, 1],
];

/**
 * Computes `loss` on tensors made from plain arrays and returns the number,
 * checking that no tensor outlives the call.
 */
export function lossValue(
  loss: Loss,
  output: number[] | Matrix | number[][][],
  target: number[] | Matrix | number[][][],
  weights?: number[] | Matrix | number[][][],
  targetDtype: 'float32' | 'int32' = 'float32',
): number {
  const before = tf.memory().numTensors;
  const x = tf.tensor(output);
  const t = tf.tensor(target, undefined, targetDtype);
  const w = weights === undefined ? undefined : tf.tensor(weights);
  const result = loss.compute(x, t, w);
  expect(result.rank, 'the loss is a scalar').to.equal(0);
  const value = result.dataSync()[0];
  result.dispose();
  x.dispose();
  t.dispose();
  w?.dispose();
  expect(tf.memory().numTensors, 'tensors leaked').to.equal(before);
  return value;
}

/** Runs `f` and checks that it leaves no tensor behind (even when it throws). */
export function expectNoLeak(f: () => void): void {
  const before = tf.memory().numTensors;
  tf.tidy(f);
  expect(tf.memory().numTensors, 'tensors leaked').to.equal(before);
}

/** Sum of a flat list. */
export const sum = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0);

/** Mean of a flat list. */
export const mean = (values: readonly number[]): number => sum(values) / values.length;

/** Pairs of (value, weight) over two same-shaped matrices. */
export function zip2(a: Matrix, b: Matrix): Array<[number, number]> {
  return a.flatMap((row, i) => row.map((v, j) => [v, b[i][j]] as [number, number]));
}
