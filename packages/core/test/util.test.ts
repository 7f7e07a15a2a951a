/** Ported from theanets' test/util_test.py: random initial values and glob matching of parameter and output names. */
import { expect } from 'chai';
import { Autoencoder, RandomState, matchNames, matches, randomMatrix, randomVector, tf } from '../src/index';
import { leakFree } from './helpers';

const mean = (xs: ArrayLike<number>): number => Array.from(xs).reduce((s, v) => s + v, 0) / xs.length;
const std = (xs: ArrayLike<number>): number => {
  const m = mean(xs);
  return Math.sqrt(mean(Array.from(xs, (v) => (v - m) ** 2)));
};

describe('utilities (theanets util_test.py)', () => {
  describe('randomMatrix', () => {
    it('makes a sparse matrix (1000 x 200, sparsity 0.1, rng 5)', () => {
      const x = randomMatrix(1000, 200, { mean: 0, std: 1, sparsity: 0.1, diagonal: 0 }, new RandomState(5));
      expect(x.length).to.equal(1000 * 200);
      expect(mean(x)).to.be.closeTo(0, 1e-2);
      expect(std(x)).to.be.closeTo(0.95, 1e-2);
      expect(x.filter((v) => v === 0).length / x.length).to.be.closeTo(0.1, 1e-1);
      // Tighter than theanets: the mask keeps a Bernoulli(0.9) fraction plus the leading diagonal.
      expect(x.filter((v) => v === 0).length / x.length).to.be.closeTo(0.1 * (1 - 200 / 200000), 5e-3);
      for (let i = 0; i < 200; i++) expect(x[i * 200 + i]).to.not.equal(0);
    });

    it('makes a diagonal matrix (1000 x 200, diagonal 0.9, rng 4)', () => {
      const x = randomMatrix(1000, 200, { mean: 0, std: 1, sparsity: 0, diagonal: 0.9 }, new RandomState(4));
      expect(x.length).to.equal(1000 * 200);
      for (let i = 0; i < 200; i++) expect(x[i * 200 + i]).to.be.closeTo(0.9, 1e-12);
      expect(x.reduce((s, v) => s + v, 0)).to.be.closeTo(180, 1e-9);
      expect(x.filter((v) => v !== 0).length).to.equal(200);
    });

    it('scales and shifts N(0, 1) draws: mean + std * randn, row-major', () => {
      const x = randomMatrix(3, 4, { mean: 2, std: 0.5, sparsity: 0, diagonal: 0 }, new RandomState(7));
      expect(Array.from(x)).to.deep.equal(Array.from(new RandomState(7).randn(12), (v) => 2 + 0.5 * v));
    });
  });

  describe('randomVector', () => {
    it('draws N(0, 1) values (10000, rng 4)', () => {
      const x = randomVector(10000, 0, 1, new RandomState(4));
      expect(x.length).to.equal(10000);
      expect(mean(x)).to.be.closeTo(0, 1e-2);
      expect(std(x)).to.be.closeTo(1, 1e-2);
    });

    it('draws N(mean, std²) values', () => {
      const x = randomVector(5, -1, 3, new RandomState(2));
      expect(Array.from(x)).to.deep.equal(Array.from(new RandomState(2).randn(5), (v) => -1 + 3 * v));
    });
  });

  describe('matching', () => {
    it(
      'matches parameter names (theanets test_params_matching)',
      leakFree(() => {
        const net = new Autoencoder([10, 20, 30, 10]);
        const names = net.params.map((p) => p.name);
        expect(matchNames(names, '*').sort()).to.deep.equal(['hid1.b', 'hid1.w', 'hid2.b', 'hid2.w', 'out.b', 'out.w']);
        expect(matchNames(names, '*.w').sort()).to.deep.equal(['hid1.w', 'hid2.w', 'out.w']);
        expect(matchNames(names, 'o*.?').sort()).to.deep.equal(['out.b', 'out.w']);
        net.dispose();
      }),
    );

    it(
      'matches output names (theanets test_outputs_matching)',
      leakFree(() => {
        const net = new Autoencoder([10, 20, 30, 10]);
        const outputs = net.feedForward([Array.from({ length: 10 }, (_, i) => i / 10)]);
        const names = Object.keys(outputs);
        Object.values(outputs).forEach((t: tf.Tensor) => t.dispose());
        const all = ['hid1:out', 'hid1:pre', 'hid2:out', 'hid2:pre', 'in:out', 'out:out', 'out:pre'];
        expect(matchNames(names, '*').sort()).to.deep.equal(all);
        expect(matchNames(names, 'hid?:*').sort()).to.deep.equal(['hid1:out', 'hid1:pre', 'hid2:out', 'hid2:pre']);
        expect(matchNames(names, '*:pre').sort()).to.deep.equal(['hid1:pre', 'hid2:pre', 'out:pre']);
        net.dispose();
      }),
    );

    it('keeps the original order and takes several patterns', () => {
      const names = ['out.w', 'hid1.w', 'hid2.b', 'hid10.w'];
      expect(matchNames(names, ['hid1*', 'out.*'])).to.deep.equal(['out.w', 'hid1.w', 'hid10.w']);
      expect(matchNames(names, [])).to.deep.equal([]);
    });

    it('supports ?, [..] and literal names; * does not need a dot', () => {
      expect(matches('hid1:out', 'hid[12]:out')).to.equal(true);
      expect(matches('hid3:out', 'hid[12]:out')).to.equal(false);
      expect(matches('hid10:out', 'hid?:out')).to.equal(false);
      expect(matches('hid1:out', 'hid1:out')).to.equal(true);
      expect(matches('hid1:out', 'hid1')).to.equal(false);
      expect(matches('hid1.w_in:out', 'hid1.w_*')).to.equal(true);
      expect(matches('in:out-prenoise', '*:out')).to.equal(false);
      expect(matches('.hidden', '*')).to.equal(true);
    });
  });
});
