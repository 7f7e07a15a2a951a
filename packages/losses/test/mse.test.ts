import { expect } from 'chai';
import { DataError, tf } from '@tsnets/core';
import { MeanSquaredError } from '../src/mse';
import { T, W, X, lossValue, mean, sum } from './helpers';

const squares = X.flatMap((row, i) => row.map((x, j) => (x - T[i][j]) ** 2));
const weightsFlat = W.flat();

describe('mse', () => {
  it('is the mean squared difference over examples and dimensions', () => {
    const expected = mean(squares);
    expect(lossValue(new MeanSquaredError(), X, T)).to.be.closeTo(expected, 1e-6);
  });

  it('is the weighted mean sum(w (x - t)^2) / sum(w) with weights', () => {
    const expected = sum(squares.map((s, k) => s * weightsFlat[k])) / sum(weightsFlat);
    expect(lossValue(new MeanSquaredError({ weighted: true }), X, T, W)).to.be.closeTo(expected, 1e-6);
  });

  it('equals the unweighted loss when every weight is the same', () => {
    const ones = W.map((row) => row.map(() => 2.5));
    expect(lossValue(new MeanSquaredError({ weighted: true }), X, T, ones)).to.be.closeTo(mean(squares), 1e-6);
  });

  it('is 0 when output equals target', () => {
    expect(lossValue(new MeanSquaredError(), X, X)).to.equal(0);
  });

  it('reads its output from the graph by name in evaluate', () => {
    const loss = new MeanSquaredError({ outputName: 'hid1' });
    expect(loss.outputName).to.equal('hid1:out');
    const [x, t] = [tf.tensor(X), tf.tensor(T)];
    const result = loss.evaluate(new Map([['hid1:out', x]]), t);
    expect(result.dataSync()[0]).to.be.closeTo(mean(squares), 1e-6);
    tf.dispose([x, t, result]);
  });

  it('has the gradient 2 (x - t) / (N d)', () => {
    const [x, t] = [tf.tensor(X), tf.tensor(T)];
    const loss = new MeanSquaredError();
    const grad = tf.grad((out: tf.Tensor) => loss.compute(out, t))(x);
    const values = Array.from(grad.dataSync());
    const expected = X.flatMap((row, i) => row.map((v, j) => (2 * (v - T[i][j])) / 6));
    values.forEach((v, k) => expect(v).to.be.closeTo(expected[k], 1e-6));
    tf.dispose([x, t, grad]);
  });

  it('rejects targets or weights of another shape with a DataError', () => {
    const loss = new MeanSquaredError({ weighted: true });
    const [x, t, bad] = [tf.tensor(X), tf.tensor(T), tf.ones([2, 2])];
    expect(() => loss.compute(x, bad)).to.throw(DataError, /targets.*shape \[2, 2\].*\[2, 3\]/);
    expect(() => loss.compute(x, t, bad)).to.throw(DataError, /weights/);
    expect(() => loss.compute(x, t)).to.throw(DataError, /weighted: true but no weights/);
    tf.dispose([x, t, bad]);
  });
});
