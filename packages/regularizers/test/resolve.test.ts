/** resolveRegularizers: what a keyword's value may be, and the lists and objects `regularizers` takes. */
import { expect } from 'chai';
import { Regressor, RegularizerError, resolveRegularizers, type Network, type RegularizerArgs } from '@tsnets/core';
import { HiddenL1, WeightL2 } from '../src/base';
import { leakFree } from './helpers';

/** The RegularizerError that resolving `keywords` throws. */
function refused(net: Network, keywords: Record<string, unknown>): RegularizerError {
  try {
    resolveRegularizers(net, keywords as RegularizerArgs, net.scope);
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(RegularizerError);
    return error as RegularizerError;
  }
  throw new Error(`${JSON.stringify(keywords)} should be refused`);
}

describe('resolveRegularizers', () => {
  it(
    'skips keywords whose value is undefined or null',
    leakFree(() => {
      const net = new Regressor([7, 8, 5]);
      const found = resolveRegularizers(
        net,
        { hidden_l1: undefined, weight_l2: null } as unknown as RegularizerArgs,
        net.scope,
      );
      expect(found).to.deep.equal([]);
      net.dispose();
    }),
  );

  it(
    'takes one instance, a list of them, or an object of keywords under regularizers',
    leakFree(() => {
      const net = new Regressor([7, 8, 5]);
      const l2 = new WeightL2({ weight: 0.1 });
      expect(resolveRegularizers(net, { regularizers: l2 } as RegularizerArgs, net.scope)).to.deep.equal([l2]);
      const l1 = new HiddenL1({ weight: 0.2 });
      expect(resolveRegularizers(net, { regularizers: [l2, l1] }, net.scope)).to.deep.equal([l2, l1]);
      const byKeyword = resolveRegularizers(net, { regularizers: { hidden_l1: 0.3 } }, net.scope);
      expect(byKeyword.map((r) => [r.constructor, r.weight])).to.deep.equal([[HiddenL1, 0.3]]);
      net.dispose();
    }),
  );

  it(
    'refuses other values, saying what it takes',
    leakFree(() => {
      const net = new Regressor([7, 8, 5]);
      const keyword = refused(net, { hidden_l1: 'strong' });
      expect(keyword.regularizer).to.equal('hidden_l1');
      expect(keyword.message).to.include('a number (its weight or level) or an object of options');
      expect(refused(net, { weight_l2: [0.1] }).message).to.include('invalid value');
      const entry = refused(net, { regularizers: [new WeightL2({ weight: 1 }), 5] });
      expect(entry.message).to.include('invalid entry 5').and.include('Regularizer instances');
      expect(refused(net, { regularizers: 5 }).message).to.include(
        'a list of Regularizer instances or an object of keywords',
      );
      net.dispose();
    }),
  );
});
