import { expect } from 'chai';
import { lookup, Regressor, resolveRegularizers, type Regularizer } from '@tsnets/core';
import {
  BernoulliDropout,
  Contractive,
  GaussianNoise,
  HiddenDropout,
  HiddenL1,
  HiddenNoise,
  InputDropout,
  InputNoise,
  OutputDropout,
  OutputNoise,
  REGULARIZERS_PACKAGE,
  registerRegularizers,
  SpatialDropout,
  WeightL1,
  WeightL2,
} from '../src/base';
import { expectClose, firstEpoch, leakFree } from './helpers';

const KEYWORDS: Array<[string[], new (...args: never[]) => Regularizer]> = [
  [['weight_l1', 'weight_sparsity', 'weightL1'], WeightL1],
  [['weight_l2', 'weight_decay', 'weight-l2'], WeightL2],
  [['hidden_l1', 'hidden_sparsity', 'hiddenL1'], HiddenL1],
  [['contractive'], Contractive],
  [['noise', 'gaussian_noise'], GaussianNoise],
  [['input_noise', 'inputNoise'], InputNoise],
  [['hidden_noise'], HiddenNoise],
  [['output_noise'], OutputNoise],
  [['dropout', 'bernoulli_dropout'], BernoulliDropout],
  [['input_dropout', 'inputDropout'], InputDropout],
  [['hidden_dropout'], HiddenDropout],
  [['output_dropout'], OutputDropout],
  [['spatial_dropout', 'spatialDropout'], SpatialDropout],
];

describe('registration', () => {
  it('every keyword and alias resolves to its class, from this package', () => {
    for (const [names, Class] of KEYWORDS) {
      for (const name of names) {
        const registration = lookup('regularizer', name);
        expect(registration.target, name).to.equal(Class);
        expect(registration.package, name).to.equal(REGULARIZERS_PACKAGE);
        expect(registration.id, name).to.equal(names[0]);
      }
    }
  });

  it('registrations name this npm package', () => {
    // The package name as npm knows it (listings and unknown-keyword errors show it).
    const { name } = require('../../package.json') as { name: string };
    expect(REGULARIZERS_PACKAGE).to.equal(name);
  });

  it('every class has a one-line summary for listings and the command line', () => {
    for (const [names, Class] of KEYWORDS) {
      const summary = (Class as unknown as typeof Regularizer).summary;
      expect(summary, names[0]).to.be.a('string');
      expect(summary!.length, names[0]).to.be.greaterThan(20);
      expect(summary, names[0]).to.not.include('\n');
    }
  });

  it('registerRegularizers is idempotent', () => {
    registerRegularizers();
    registerRegularizers();
    expect(lookup('regularizer', 'hidden_l1').target).to.equal(HiddenL1);
  });

  it(
    'instances report their registered id and pass through { regularizers: [...] }',
    leakFree(async () => {
      const instance = new WeightL2({ weight: 0.5 });
      expect(instance.id).to.equal('weight_l2');
      const byKeyword = new Regressor([7, 8, 12, 5]);
      const [, keyword] = await firstEpoch(byKeyword, { weight_l2: 0.5 });
      byKeyword.dispose();
      const byInstance = new Regressor([7, 8, 12, 5]);
      const [, listed] = await firstEpoch(byInstance, { regularizers: [instance] });
      byInstance.dispose();
      expectClose(listed.loss, keyword.loss, 1e-6, 1e-7, 'loss');
    }),
  );

  it(
    'regularizers: { keyword: value } resolves like top-level keywords',
    leakFree(() => {
      const net = new Regressor([7, 8, 12, 5]);
      const found = resolveRegularizers(
        net,
        { regularizers: { input_noise: 0.01, dropout: { 'hid1:out': 0.1, 'hid2:out': 0.2 } } },
        net.scope,
      );
      expect(found.map((r) => r.constructor)).to.deep.equal([InputNoise, BernoulliDropout, BernoulliDropout]);
      net.dispose();
    }),
  );

  it('fromValue: a number is a level or weight, an object options or levels by glob', () => {
    expect(WeightL1.fromValue(0.1)).to.deep.equal([{ weight: 0.1 }]);
    expect(InputNoise.fromValue(0.1)).to.deep.equal([{ std: 0.1 }]);
    expect(InputNoise.fromValue({ std: 0.1, pattern: 'in:out' })).to.deep.equal([{ std: 0.1, pattern: 'in:out' }]);
    expect(HiddenDropout.fromValue(0.3)).to.deep.equal([{ rate: 0.3 }]);
    expect(GaussianNoise.fromValue(0.1)).to.deep.equal([{ std: 0.1 }]);
    expect(BernoulliDropout.fromValue({ 'hid?:out': 0.2, 'in:out': 0.1 })).to.deep.equal([
      { pattern: 'hid?:out', rate: 0.2 },
      { pattern: 'in:out', rate: 0.1 },
    ]);
  });
});
