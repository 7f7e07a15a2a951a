import { expect } from 'chai';
import { Hinge } from '../src/hinge';
import { lossValue, mean, sum } from './helpers';

const SCORES = [
  [0.1, 0.6, 0.2, 0.1], // true class 1 is the largest: 0
  [0.3, 0.9, -0.5, 0.2], // true class 3: 0.9 - 0.2 = 0.7
  [1.5, -1, 0.5, 0.5], // true class 2: 1.5 - 0.5 = 1
  [0.4, 0.4, 0.1, 0], // true class 0 ties the largest: 0
];
const LABELS = [1, 3, 2, 0];
const W = [1, 2, 0.5, 4];

/** max(0, max_k s_k - s_label), computed row by row. */
const hinge = LABELS.map((k, n) => Math.max(0, Math.max(...SCORES[n].map((s) => s - SCORES[n][k]))));

describe('hinge', () => {
  it('reads integer labels', () => {
    expect(Hinge.labels).to.equal(true);
  });

  it('is the mean of max(0, max_k x_k - x[label])', () => {
    expect(hinge[1]).to.be.closeTo(0.7, 1e-12);
    expect(hinge[2]).to.be.closeTo(1, 1e-12);
    expect(lossValue(new Hinge(), SCORES, LABELS, undefined, 'int32')).to.be.closeTo(mean(hinge), 1e-6);
  });

  it('is the weighted mean sum(w h) / sum(w) with one weight per label', () => {
    const expected = sum(hinge.map((h, n) => h * W[n])) / sum(W);
    expect(lossValue(new Hinge({ weighted: true }), SCORES, LABELS, W, 'int32')).to.be.closeTo(expected, 1e-6);
  });

  it('is 0 when every true class has the largest score', () => {
    expect(lossValue(new Hinge(), SCORES, [1, 1, 0, 0], undefined, 'int32')).to.equal(0);
  });
});
