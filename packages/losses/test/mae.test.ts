import { expect } from 'chai';
import { MeanAbsoluteError } from '../src/mae';
import { T, W, X, lossValue, mean, sum } from './helpers';

const absolute = X.flatMap((row, i) => row.map((x, j) => Math.abs(x - T[i][j])));
const weightsFlat = W.flat();

describe('mae', () => {
  it('is the mean absolute difference over examples and dimensions', () => {
    // |0.5-1| + |-1-1| + |2-1| + |1.5-0| + |0-0.5| + |-0.25+1| = 0.5+2+1+1.5+0.5+0.75 = 6.25
    expect(mean(absolute)).to.be.closeTo(6.25 / 6, 1e-12);
    expect(lossValue(new MeanAbsoluteError(), X, T)).to.be.closeTo(6.25 / 6, 1e-6);
  });

  it('is the weighted mean sum(w |x - t|) / sum(w) with weights', () => {
    const expected = sum(absolute.map((a, k) => a * weightsFlat[k])) / sum(weightsFlat);
    expect(lossValue(new MeanAbsoluteError({ weighted: true }), X, T, W)).to.be.closeTo(expected, 1e-6);
  });

  it('ignores examples whose weight is 0', () => {
    const w = [
      [1, 1, 1],
      [0, 0, 0],
    ];
    const expected = mean(absolute.slice(0, 3));
    expect(lossValue(new MeanAbsoluteError({ weighted: true }), X, T, w)).to.be.closeTo(expected, 1e-6);
  });

  it('accepts integer targets', () => {
    const ints = [
      [1, 1, 1],
      [0, 0, -1],
    ];
    const expected = mean(X.flatMap((row, i) => row.map((x, j) => Math.abs(x - ints[i][j]))));
    expect(lossValue(new MeanAbsoluteError(), X, ints, undefined, 'int32')).to.be.closeTo(expected, 1e-6);
  });
});
