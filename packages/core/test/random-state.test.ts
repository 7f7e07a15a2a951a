import { expect } from 'chai';
import { RandomState } from '../src/rng/random-state';

describe('RandomState', () => {
  it('reproduces NumPy RandomState(13).randn() to 10 digits', () => {
    const values = Array.from(new RandomState(13).randn(5));
    const numpy = [-0.712390662, 0.7537663787, -0.0445030783, 0.4518123387, 1.3451017085];
    values.forEach((v, i) => expect(v).to.be.closeTo(numpy[i], 1e-10));
  });

  // NumPy's values, each from a fresh np.random.RandomState(13).
  it('reproduces NumPy RandomState(13).rand(3)', () => {
    const numpy = [0.7777024105738202, 0.2375412200349123, 0.8242785326613685];
    expect(Array.from(new RandomState(13).rand(3))).to.deep.equal(numpy);
  });

  it('reproduces NumPy RandomState(13).shuffle(arange(10))', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(new RandomState(13).shuffle(items)).to.deep.equal([3, 5, 6, 1, 4, 7, 8, 9, 0, 2]);
  });

  it('reproduces NumPy RandomState(13).randint(6) ten times (randomInterval(5): the same draw, max inclusive)', () => {
    const rng = new RandomState(13);
    const values = Array.from({ length: 10 }, () => rng.randomInterval(5));
    expect(values).to.deep.equal([2, 0, 2, 0, 2, 4, 1, 4, 2, 3]);
  });

  it('reproduces NumPy RandomState(13).binomial(10, 0.7) ten times', () => {
    const rng = new RandomState(13);
    const values = Array.from({ length: 10 }, () => rng.binomial(10, 0.7));
    expect(values).to.deep.equal([6, 8, 6, 4, 4, 7, 7, 6, 7, 6]);
  });

  it('caches the second Gaussian of each polar pair', () => {
    const a = new RandomState(7);
    const b = new RandomState(7);
    const pairs = Array.from(a.randn(4));
    const singles = [b.gauss(), b.gauss(), b.gauss(), b.gauss()];
    expect(singles).to.deep.equal(pairs);
  });

  it('draws uniforms in [0, 1) and the same stream for the same seed', () => {
    const a = Array.from(new RandomState(3).rand(1000));
    const b = Array.from(new RandomState(3).rand(1000));
    expect(a).to.deep.equal(b);
    expect(Math.min(...a)).to.be.at.least(0);
    expect(Math.max(...a)).to.be.below(1);
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean).to.be.closeTo(0.5, 0.05);
  });

  it('draws Bernoulli masks with the requested rate', () => {
    const rng = new RandomState(1);
    let ones = 0;
    for (let i = 0; i < 20000; i++) ones += rng.binomial(1, 0.3);
    expect(ones / 20000).to.be.closeTo(0.3, 0.015);
  });

  it('shuffles to a permutation', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = new RandomState(5).shuffle([...items]);
    expect(shuffled).to.not.deep.equal(items);
    expect([...shuffled].sort((x, y) => x - y)).to.deep.equal(items);
  });

  it('rejects seeds outside [0, 2^32)', () => {
    expect(() => new RandomState(-1)).to.throw(RangeError, /seed/);
    expect(() => new RandomState(1.5)).to.throw(RangeError, /seed/);
  });
});
