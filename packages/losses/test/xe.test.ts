import { expect } from 'chai';
import { DataError, tf } from '@tsnets/core';
import { CrossEntropy } from '../src/xe';
import { lossValue, mean, sum } from './helpers';

const P = [
  [0.1, 0.6, 0.2, 0.1],
  [0.25, 0.25, 0.25, 0.25],
  [0.7, 0.0, 0.2, 0.1], // the true class (1) has probability 0: clipped to 1e-8
];
const LABELS = [1, 3, 1];
const W = [2, 1, 0.5];

const surprise = LABELS.map((k, n) => -Math.log(Math.min(Math.max(P[n][k], 1e-8), 1)));

describe('xe', () => {
  it('reads integer labels', () => {
    expect(CrossEntropy.labels).to.equal(true);
    expect(new CrossEntropy().labels).to.equal(true);
  });

  it('is the mean of -log clip(p[label], 1e-8, 1)', () => {
    expect(surprise[2]).to.be.closeTo(-Math.log(1e-8), 1e-9);
    const value = lossValue(new CrossEntropy(), P, LABELS, undefined, 'int32');
    expect(value).to.be.closeTo(mean(surprise), 1e-5);
  });

  it('is the weighted mean sum(w nlp) / sum(w) with one weight per label', () => {
    const expected = sum(surprise.map((s, n) => s * W[n])) / sum(W);
    expect(lossValue(new CrossEntropy({ weighted: true }), P, LABELS, W, 'int32')).to.be.closeTo(expected, 1e-5);
  });

  it('accepts labels given as floats', () => {
    expect(lossValue(new CrossEntropy(), P, LABELS)).to.be.closeTo(mean(surprise), 1e-5);
  });

  it('works on sequences: outputs [N, T, K] with labels [N, T]', () => {
    const output = [
      [P[0], P[1]],
      [P[2], P[0]],
    ];
    const labels = [
      [1, 3],
      [0, 2],
    ];
    const weights = [
      [1, 2],
      [3, 4],
    ];
    const terms = [-Math.log(0.6), -Math.log(0.25), -Math.log(0.7), -Math.log(0.2)];
    expect(lossValue(new CrossEntropy(), output, labels, undefined, 'int32')).to.be.closeTo(mean(terms), 1e-5);
    const weighted = (terms[0] * 1 + terms[1] * 2 + terms[2] * 3 + terms[3] * 4) / 10;
    expect(lossValue(new CrossEntropy({ weighted: true }), output, labels, weights, 'int32')).to.be.closeTo(
      weighted,
      1e-5,
    );
  });

  it('has the gradient -1 / (N p[label]) at the label and 0 elsewhere', () => {
    const probs = tf.tensor(P.slice(0, 2));
    const labels = tf.tensor1d(LABELS.slice(0, 2), 'int32');
    const grad = tf.grad((x: tf.Tensor) => new CrossEntropy().compute(x, labels))(probs);
    const g = grad.arraySync() as number[][];
    expect(g[0][1]).to.be.closeTo(-1 / (2 * 0.6), 1e-5);
    expect(g[1][3]).to.be.closeTo(-1 / (2 * 0.25), 1e-5);
    expect(g[0][0]).to.equal(0);
    tf.dispose([probs, labels, grad]);
  });

  it('rejects labels of the wrong shape with a DataError', () => {
    const [probs, labels] = [tf.tensor(P), tf.tensor(P)];
    expect(() => new CrossEntropy().compute(probs, labels)).to.throw(DataError, /labels.*\[3, 4\].*\[3\]/);
    tf.dispose([probs, labels]);
  });
});
