import { expect } from 'chai';
import { ConfigurationError, NotFoundError, tf } from '@tsnets/core';
import { LossOptionError } from '../src/errors';
import { GaussianLogLikelihood } from '../src/gll';
import { sum, type Matrix } from './helpers';

const MEAN: Matrix = [
  [0.5, -1, 2],
  [0, 0.25, 1],
];
const COVAR: Matrix = [
  [1, 0.5, -2],
  [0.1, 3, 0],
]; // |covar| + 1e-3 is the variance; 0 becomes 1e-3
const Y: Matrix = [
  [1, -1, 0],
  [0.3, 0, 1.5],
];
const W: Matrix = [
  [1, 2, 0],
  [0.5, 1, 3],
];
const EPS = 1e-3;

/** -log of the product over dimensions of the univariate normal densities N(y; mu, v), one row. */
function nllFromDensity(y: number[], mu: number[], covar: number[]): number {
  let density = 1;
  y.forEach((v, i) => {
    const variance = Math.abs(covar[i]) + EPS;
    density *= Math.exp(-((v - mu[i]) ** 2) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
  });
  return -Math.log(density);
}

/** 0.5 (log 2 pi + log v + (y - mu)^2 / v) for each element. */
const terms = Y.flatMap((row, n) =>
  row.map((y, i) => {
    const v = Math.abs(COVAR[n][i]) + EPS;
    return 0.5 * (Math.log(2 * Math.PI) + Math.log(v) + (y - MEAN[n][i]) ** 2 / v);
  }),
);

/** Evaluates `loss` on the MEAN/COVAR outputs, checking for leaks. */
function gllValue(loss: GaussianLogLikelihood, weights?: Matrix, names = ['mean:out', 'covar:out']): number {
  const before = tf.memory().numTensors;
  const [mean, covar, y] = [tf.tensor(MEAN), tf.tensor(COVAR), tf.tensor(Y)];
  const w = weights && tf.tensor(weights);
  const result = loss.evaluate(
    new Map([
      [names[0], mean],
      [names[1], covar],
      ['out:out', y],
    ]),
    y,
    w,
  );
  const value = result.dataSync()[0];
  tf.dispose([mean, covar, y, result]);
  w?.dispose();
  expect(tf.memory().numTensors, 'tensors leaked').to.equal(before);
  return value;
}

describe('gll', () => {
  it('is the true Gaussian negative log-likelihood, averaged over examples', () => {
    const expected = (nllFromDensity(Y[0], MEAN[0], COVAR[0]) + nllFromDensity(Y[1], MEAN[1], COVAR[1])) / 2;
    expect(sum(terms) / 2).to.be.closeTo(expected, 1e-9);
    expect(gllValue(new GaussianLogLikelihood())).to.be.closeTo(expected, 1e-4);
  });

  it("differs from theanets' formula (log of summed precision, eta Lambda eta)", () => {
    const theanets = MEAN.map((mu, n) => {
      const prec = COVAR[n].map((c) => 1 / (Math.abs(c) + EPS));
      const eta = mu.map((m, i) => m * prec[i]);
      const constant = 3 * Math.log(2 * Math.PI) - Math.log(sum(prec)) + sum(eta.map((e, i) => e * prec[i] * e));
      const squared = sum(Y[n].map((y, i) => y * prec[i] * y));
      return 0.5 * (constant + squared) - sum(eta.map((e, i) => e * Y[n][i]));
    });
    expect(Math.abs(gllValue(new GaussianLogLikelihood()) - sum(theanets) / 2)).to.be.above(1);
  });

  it('with weights is d * sum(w l) / sum(w), the unweighted loss when weights are equal', () => {
    const w = W.flat();
    const expected = (3 * sum(terms.map((t, k) => t * w[k]))) / sum(w);
    expect(gllValue(new GaussianLogLikelihood({ weighted: true }), W)).to.be.closeTo(expected, 1e-4);
    const equal = W.map((row) => row.map(() => 0.7));
    expect(gllValue(new GaussianLogLikelihood({ weighted: true }), equal)).to.be.closeTo(sum(terms) / 2, 1e-4);
  });

  it('is smallest where the variance equals the squared error', () => {
    const [mean, y] = [tf.tensor2d([[0.5]]), tf.tensor2d([[2]])];
    const loss = new GaussianLogLikelihood();
    const grad = (covar: number): number =>
      tf.tidy(
        () =>
          tf
            .grad((c: tf.Tensor) => loss.negativeLogLikelihood(mean, c, y))(tf.tensor2d([[covar]]))
            .dataSync()[0],
      );
    expect(grad(2.25 - EPS)).to.be.closeTo(0, 1e-6);
    expect(grad(1)).to.be.below(0);
    expect(grad(4)).to.be.above(0);
    tf.dispose([mean, y]);
  });

  it('takes the output names as options (a layer name means its :out) and targets the mean output', () => {
    const loss = new GaussianLogLikelihood({
      meanName: 'mu',
      covarName: 'sigma2:pre',
      covarEps: 0.01,
      outputName: 'out:out',
    });
    expect(loss.meanName).to.equal('mu:out');
    expect(loss.covarName).to.equal('sigma2:pre');
    expect(loss.outputName).to.equal('mu:out');
    expect(loss.covarEps).to.equal(0.01);
    expect(loss.toSpec()).to.include({ meanName: 'mu:out', covarName: 'sigma2:pre', covarEps: 0.01 });
    expect(
      gllValue(new GaussianLogLikelihood({ meanName: 'mu', covarName: 'v' }), undefined, ['mu:out', 'v:out']),
    ).to.be.closeTo(sum(terms) / 2, 1e-4);
  });

  it("accepts theanets' snake_case option names", () => {
    const loss = new GaussianLogLikelihood({ mean_name: 'a', covar_name: 'b', covar_eps: 0.5 } as never);
    expect([loss.meanName, loss.covarName, loss.covarEps]).to.deep.equal(['a:out', 'b:out', 0.5]);
  });

  it('names a missing output and the outputs there are', () => {
    const loss = new GaussianLogLikelihood({ covarName: 'var' });
    expect(() => gllValue(loss)).to.throw(NotFoundError, /output named "var:out".*mean:out, covar:out/);
  });

  it('cannot be computed from one output', () => {
    const [x, y] = [tf.tensor(MEAN), tf.tensor(Y)];
    expect(() => new GaussianLogLikelihood().compute(x, y)).to.throw(ConfigurationError, /two outputs/);
    tf.dispose([x, y]);
  });

  it('rejects bad options with typed errors', () => {
    expect(() => new GaussianLogLikelihood({ covarEps: 0 })).to.throw(LossOptionError, /covarEps.*positive/);
    expect(() => new GaussianLogLikelihood({ covarEps: Number.NaN })).to.throw(LossOptionError);
    expect(() => new GaussianLogLikelihood({ meanName: '' })).to.throw(LossOptionError, /meanName/);
    expect(() => new GaussianLogLikelihood({ covarName: 3 } as never)).to.throw(LossOptionError, /covarName/);
    expect(() => new GaussianLogLikelihood({ meanName: 'x', covarName: 'x:out' })).to.throw(
      ConfigurationError,
      /same output/,
    );
    try {
      new GaussianLogLikelihood({ covarname: 'v', meanNmae: 'm' } as never);
      expect.fail('should throw');
    } catch (error) {
      expect(error).to.be.instanceOf(LossOptionError);
      const e = error as LossOptionError;
      expect(e.key).to.equal('meanNmae');
      expect(e.loss).to.equal('gll');
      expect(e.suggestions).to.include('meanName');
      expect(e.message).to.match(/Did you mean "meanName"/);
    }
  });

  it('rejects a variance output of another shape', () => {
    const loss = new GaussianLogLikelihood();
    const [mean, covar, y] = [tf.tensor(MEAN), tf.ones([2, 2]), tf.tensor(Y)];
    expect(() => loss.negativeLogLikelihood(mean, covar, y)).to.throw(/variances \(covar:out\).*\[2, 2\]/);
    tf.dispose([mean, covar, y]);
  });
});
