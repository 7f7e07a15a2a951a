import { expect } from 'chai';
import { ConfigurationError, create, isRegistered, lookup, registeredIds, type Loss } from '@tsnets/core';
import {
  CrossEntropy,
  GaussianLogLikelihood,
  Hinge,
  KullbackLeiblerDivergence,
  LOSSES_PACKAGE,
  LossOptionError,
  MaximumMeanDiscrepancy,
  MeanAbsoluteError,
  MeanSquaredError,
  registerLosses,
} from '../src/index';

const IDS: Array<[string, string[], new () => Loss]> = [
  ['mse', ['meansquarederror', 'mean_squared_error'], MeanSquaredError],
  ['mae', ['meanabsoluteerror'], MeanAbsoluteError],
  ['xe', ['crossentropy', 'cross-entropy'], CrossEntropy],
  ['hinge', [], Hinge],
  ['kl', ['kld', 'KullbackLeiblerDivergence'], KullbackLeiblerDivergence],
  ['gll', ['GaussianLogLikelihood'], GaussianLogLikelihood],
  ['mmd', ['maximummeandiscrepancy'], MaximumMeanDiscrepancy],
];

describe('registration', () => {
  it('registers every loss under its id and aliases, naming the package', () => {
    for (const [id, aliases, Class] of IDS) {
      for (const name of [id, id.toUpperCase(), ...aliases]) {
        expect(isRegistered('loss', name), name).to.equal(true);
        expect(lookup('loss', name).target, name).to.equal(Class);
      }
      expect(lookup('loss', id).package).to.equal(LOSSES_PACKAGE);
    }
    expect(registeredIds('loss')).to.include.members(IDS.map(([id]) => id));
  });

  it('is idempotent', () => {
    expect(() => {
      registerLosses();
      registerLosses();
    }).to.not.throw();
    expect(lookup('loss', 'mse').target).to.equal(MeanSquaredError);
  });

  it('builds losses by name with options, as a network does', () => {
    const loss = create<Loss>('loss', 'xe', [{ weighted: true, weight: 0.5, outputName: 'out' }]);
    expect(loss).to.be.instanceOf(CrossEntropy);
    expect([loss.weighted, loss.weight, loss.outputName, loss.labels]).to.deep.equal([true, 0.5, 'out:out', true]);
  });

  it('reports the registered id as the form, so save writes a name load can resolve', () => {
    for (const [id, , Class] of IDS) {
      const loss = new Class();
      expect(loss.form).to.equal(id);
      expect(loss.toSpec().form).to.equal(id);
      expect(lookup('loss', loss.form).target).to.equal(Class);
    }
  });

  it('rebuilds an equal loss from toSpec', () => {
    const losses: Loss[] = [
      new MeanSquaredError({ weight: 2, weighted: true, outputName: 'hid1', target: 'input' }),
      new GaussianLogLikelihood({ meanName: 'mu', covarName: 'var', covarEps: 0.1 }),
      new MaximumMeanDiscrepancy({ kernel: 4 }),
    ];
    for (const loss of losses) {
      const { form, ...options } = loss.toSpec();
      const copy = create<Loss>('loss', form as string, [options]);
      expect(copy.toSpec()).to.deep.equal(loss.toSpec());
    }
  });

  it('marks the label losses', () => {
    expect(IDS.filter(([, , Class]) => new Class().labels).map(([id]) => id)).to.deep.equal(['xe', 'hinge']);
  });
});

describe('options', () => {
  for (const [id, , Class] of IDS) {
    const build = (options: unknown) => () => new (Class as unknown as new (o: unknown) => Loss)(options);

    it(`${id}: rejects an unknown option, suggesting the close one`, () => {
      try {
        build({ wieghted: true })();
        expect.fail('should throw');
      } catch (error) {
        expect(error).to.be.instanceOf(LossOptionError);
        expect(error).to.be.instanceOf(ConfigurationError);
        const e = error as LossOptionError;
        expect([e.loss, e.key]).to.deep.equal([id, 'wieghted']);
        expect(e.suggestions).to.include('weighted');
        expect(e.message).to.include(`Unknown option "wieghted" for loss "${id}"`);
        expect(e.message).to.include('Did you mean "weighted"?');
      }
    });

    it(`${id}: rejects base options of the wrong type`, () => {
      expect(build({ weight: 'big' }), 'weight').to.throw(LossOptionError, /"weight".*finite number/);
      expect(build({ weight: Infinity }), 'infinite weight').to.throw(LossOptionError);
      expect(build({ weighted: 1 }), 'weighted').to.throw(LossOptionError, /true or false/);
      expect(build({ target: 'output' }), 'target').to.throw(LossOptionError, /"array".*"input"/);
      expect(build({ outputName: '' }), 'outputName').to.throw(LossOptionError, /outputName/);
      expect(build('mse'), 'not an object').to.throw(LossOptionError, /object of options/);
    });

    it(`${id}: accepts snake_case spellings and rejects an option given twice`, () => {
      expect(build({ output_name: 'hid2' })().outputName).to.equal(id === 'gll' ? 'mean:out' : 'hid2:out');
      expect(build({ weighted: true, Weighted: true })).to.throw(LossOptionError, /given once/);
    });
  }
});
