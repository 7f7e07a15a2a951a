import { expect } from 'chai';
import { KullbackLeiblerDivergence } from '../src/kl';
import { lossValue, mean, sum, type Matrix } from './helpers';

const X: Matrix = [
  [0.2, 0.3, 0.5],
  [0.6, 0.4, 0.0],
];
const T: Matrix = [
  [0.1, 0.1, 0.8],
  [0.5, 0.5, 0.0],
];
const W: Matrix = [
  [1, 2, 3],
  [0.5, 0, 1],
];

const EPS = 1e-8;
const clip = (v: number): number => Math.min(Math.max(v, EPS), 1 - EPS);
const terms = X.flatMap((row, i) => row.map((x, j) => Math.abs(clip(T[i][j]) * Math.log(clip(T[i][j]) / clip(x)))));

describe('kl', () => {
  it('is the mean of |c(t) log(c(t) / c(x))| (as theanets)', () => {
    expect(lossValue(new KullbackLeiblerDivergence(), X, T)).to.be.closeTo(mean(terms), 1e-6);
  });

  it('is the weighted mean with weights', () => {
    const w = W.flat();
    const expected = sum(terms.map((v, k) => v * w[k])) / sum(w);
    expect(lossValue(new KullbackLeiblerDivergence({ weighted: true }), X, T, W)).to.be.closeTo(expected, 1e-6);
  });

  it('is the textbook KL divided by d when every term is non-negative', () => {
    const x = [[0.25, 0.25, 0.5]];
    const t = [[0.25, 0.25, 0.5]];
    expect(lossValue(new KullbackLeiblerDivergence(), x, t)).to.be.closeTo(0, 1e-6);
    // one distribution where each ratio t/x >= 1 where t > 0
    const q = [[0.5, 0.5]];
    const p = [[1, 0]];
    const kl = 1 * Math.log(1 / 0.5); // sum_i p_i log(p_i / q_i), the 0 term clipped away
    expect(lossValue(new KullbackLeiblerDivergence(), q, p)).to.be.closeTo(kl / 2, 1e-5);
  });

  it('stays finite for zero outputs', () => {
    const value = lossValue(new KullbackLeiblerDivergence(), [[0, 1]], [[1, 0]]);
    expect(Number.isFinite(value)).to.equal(true);
    expect(value).to.be.closeTo(-Math.log(EPS) / 2, 1e-3);
  });
});
