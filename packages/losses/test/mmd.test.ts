import { expect } from 'chai';
import { DataError, tf } from '@tsnets/core';
import { LossOptionError } from '../src/errors';
import { MaximumMeanDiscrepancy } from '../src/mmd';
import { lossValue, mean, sum, type Matrix } from './helpers';

const X: Matrix = [
  [0, 1],
  [1, 1],
  [-0.5, 2],
];
const Y3: Matrix = [
  [0.5, 0],
  [1, 2],
  [0, 0.25],
];
const Y2: Matrix = [
  [0.5, 0],
  [1, 2],
];
const W: Matrix = [
  [1, 3],
  [0, 0],
  [4, 4],
]; // example weights: the row means 2, 0, 4

const distance2 = (a: number[], b: number[]): number => sum(a.map((v, i) => (v - b[i]) ** 2));
const gram = (a: Matrix, b: Matrix, sigma: number): number[][] =>
  a.map((u) => b.map((v) => Math.exp(-distance2(u, v) / sigma)));
const meanOf = (k: number[][]): number => mean(k.flat());

/** mean k(y, y') - 2 mean k(y, x) + mean k(x, x'), the biased MMD estimate. */
const mmd = (x: Matrix, y: Matrix, sigma = 1): number =>
  meanOf(gram(y, y, sigma)) - 2 * meanOf(gram(y, x, sigma)) + meanOf(gram(x, x, sigma));

/** The same with both samples weighted by p (summing to 1). */
function weightedMmd(x: Matrix, y: Matrix, p: number[], sigma = 1): number {
  const quadratic = (k: number[][]): number => sum(k.flatMap((row, i) => row.map((v, j) => p[i] * p[j] * v)));
  return quadratic(gram(y, y, sigma)) - 2 * quadratic(gram(y, x, sigma)) + quadratic(gram(x, x, sigma));
}

describe('mmd', () => {
  it('is mean k(y,y) - 2 mean k(y,x) + mean k(x,x) with the Gaussian kernel (bandwidth 1)', () => {
    expect(lossValue(new MaximumMeanDiscrepancy(), X, Y3)).to.be.closeTo(mmd(X, Y3), 1e-5);
  });

  it('compares samples of different sizes', () => {
    expect(lossValue(new MaximumMeanDiscrepancy(), X, Y2)).to.be.closeTo(mmd(X, Y2), 1e-5);
  });

  it('uses the kernel option as the bandwidth', () => {
    expect(lossValue(new MaximumMeanDiscrepancy({ kernel: 2.5 }), X, Y3)).to.be.closeTo(mmd(X, Y3, 2.5), 1e-5);
  });

  it('is 0 for equal samples and ignores the order of the targets', () => {
    expect(lossValue(new MaximumMeanDiscrepancy(), X, X)).to.be.closeTo(0, 1e-6);
    const shuffled = [X[2], X[0], X[1]];
    expect(lossValue(new MaximumMeanDiscrepancy(), X, shuffled)).to.be.closeTo(0, 1e-6);
  });

  it('flattens each example', () => {
    const x = [
      [
        [0, 1],
        [1, 1],
      ],
      [
        [-0.5, 2],
        [0, 0],
      ],
    ];
    const y = [
      [
        [0.5, 0],
        [1, 2],
      ],
      [
        [0, 0.25],
        [1, -1],
      ],
    ];
    const flat = (m: number[][][]): Matrix => m.map((e) => e.flat());
    expect(lossValue(new MaximumMeanDiscrepancy(), x, y)).to.be.closeTo(mmd(flat(x), flat(y)), 1e-5);
  });

  it("with weights, weights both samples by each example's mean weight", () => {
    const rows = W.map(mean);
    const p = rows.map((a) => a / sum(rows));
    expect(p).to.deep.equal([1 / 3, 0, 2 / 3]);
    const expected = weightedMmd(X, Y3, p);
    expect(lossValue(new MaximumMeanDiscrepancy({ weighted: true }), X, Y3, W)).to.be.closeTo(expected, 1e-5);
    // an example of weight 0 drops out of both samples
    const without = mmd([X[0], X[2]], [Y3[0], Y3[2]]);
    expect(weightedMmd([X[0], X[2]], [Y3[0], Y3[2]], [1 / 3, 2 / 3])).to.be.closeTo(expected, 1e-12);
    expect(without).to.not.be.closeTo(expected, 1e-3);
  });

  it('with equal weights is the unweighted loss', () => {
    const equal = W.map((row) => row.map(() => 0.3));
    expect(lossValue(new MaximumMeanDiscrepancy({ weighted: true }), X, Y3, equal)).to.be.closeTo(mmd(X, Y3), 1e-5);
  });

  it('takes another kernel from a subclass that overrides gram', () => {
    class LinearMmd extends MaximumMeanDiscrepancy {
      override gram(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
        return tf.matMul(a, b, false, true);
      }
    }
    // with k(a, b) = a.b the MMD is |mean(x) - mean(y)|^2
    const mx = [mean(X.map((r) => r[0])), mean(X.map((r) => r[1]))];
    const my = [mean(Y2.map((r) => r[0])), mean(Y2.map((r) => r[1]))];
    expect(lossValue(new LinearMmd(), X, Y2)).to.be.closeTo(distance2(mx, my), 1e-5);
  });

  it('rejects targets whose examples have another shape, and unpaired weights', () => {
    const loss = new MaximumMeanDiscrepancy({ weighted: true });
    const [x, y2, y3, bad, w2] = [tf.tensor(X), tf.tensor(Y2), tf.tensor(Y3), tf.ones([3, 3]), tf.ones([2, 2])];
    expect(() => new MaximumMeanDiscrepancy().compute(x, bad)).to.throw(DataError, /\[M, 2\]/);
    expect(() => loss.compute(x, y2, w2)).to.throw(DataError, /one target row per output row/);
    expect(() => loss.compute(x, y3)).to.throw(DataError, /no weights/);
    tf.dispose([x, y2, y3, bad, w2]);
  });

  it('rejects a bandwidth that is not a positive number', () => {
    expect(() => new MaximumMeanDiscrepancy({ kernel: 0 })).to.throw(LossOptionError, /kernel.*bandwidth/);
    expect(() => new MaximumMeanDiscrepancy({ kernel: -1 })).to.throw(LossOptionError);
    expect(() => new MaximumMeanDiscrepancy({ kernel: ((a: number) => a) as never })).to.throw(
      LossOptionError,
      /override gram/,
    );
    expect(new MaximumMeanDiscrepancy({ kernel: 3 }).toSpec()).to.include({ kernel: 3 });
  });
});
