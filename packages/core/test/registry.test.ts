import { expect } from 'chai';
import { container } from 'tsyringe';
import {
  DuplicateRegistrationError,
  Loss,
  TsnetsError,
  UnknownNameError,
  catalog,
  create,
  isRegistered,
  lookup,
  register,
  registerIn,
  registeredIds,
  regularizer,
  Regularizer,
  tf,
  unregister,
} from '../src/index';

class Probe extends Loss {
  compute(output: tf.Tensor): tf.Scalar {
    return tf.mean(output);
  }
}

describe('registry', () => {
  afterEach(() => {
    for (const id of ['probe-loss', 'other-probe']) if (isRegistered('loss', id)) unregister('loss', id);
    for (const id of ['weightinversetest', 'decorated'])
      if (isRegistered('regularizer', id)) unregister('regularizer', id);
  });

  it('resolves ids and aliases after lowercasing and dropping _ and -', () => {
    register('loss', Probe, { id: 'probe-loss', aliases: ['probe_alias'] });
    expect(lookup('loss', 'Probe_Loss').target).to.equal(Probe);
    expect(lookup('loss', 'probeAlias').target).to.equal(Probe);
    expect(registeredIds('loss')).to.include('probe-loss');
  });

  it('registering the same class twice is harmless; another class under a taken id names both', () => {
    register('loss', Probe, { id: 'probe-loss' });
    register('loss', Probe, { id: 'probe-loss' });
    class Intruder extends Probe {}
    let error: unknown;
    try {
      register('loss', Intruder, { id: 'probe-loss' });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(DuplicateRegistrationError);
    expect((error as Error).message)
      .to.include('Probe')
      .and.include('Intruder')
      .and.include('probe-loss');
  });

  it('an unknown name is a typed error listing close matches and what is registered', () => {
    register('loss', Probe, { id: 'probe-loss' });
    let error: unknown;
    try {
      lookup('loss', 'probe-los');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(UnknownNameError);
    const unknown = error as UnknownNameError;
    expect(unknown.kind).to.equal('loss');
    expect(unknown.suggestions).to.include('probe-loss');
    expect(unknown.registered).to.include('probe-loss');
    expect(unknown.message).to.match(/Did you mean "probe-loss"/);
  });

  it('removing what is absent throws', () => {
    expect(() => unregister('loss', 'never-registered')).to.throw(TsnetsError, /nothing is registered/);
  });

  it('decorators register with the lowercased class name when no id is given', () => {
    @regularizer()
    class WeightInverseTest extends Regularizer {}
    @regularizer('decorated', { aliases: ['deco'] })
    class Decorated extends Regularizer {}
    expect(lookup('regularizer', 'weightinversetest').target).to.equal(WeightInverseTest);
    expect(lookup('regularizer', 'deco').target).to.equal(Decorated);
  });

  it('a child container overrides an id for lookups through it only', () => {
    register('loss', Probe, { id: 'probe-loss' });
    class Override extends Probe {}
    const child = container.createChildContainer();
    registerIn(child, 'loss', Override, { id: 'probe-loss' });
    expect(lookup('loss', 'probe-loss', child).target).to.equal(Override);
    expect(lookup('loss', 'probe-loss').target).to.equal(Probe);
    expect(lookup('loss', 'probe-loss', container.createChildContainer()).target).to.equal(Probe);
  });

  it('injects explicit tokens after the options', () => {
    const TOKEN = Symbol('greeting');
    class Greeter extends Probe {
      constructor(
        options: object,
        readonly greeting: string,
      ) {
        super(options);
      }
    }
    register('loss', Greeter, { id: 'other-probe', inject: [TOKEN] });
    const scope = container.createChildContainer();
    scope.register(TOKEN, { useValue: 'hello' });
    const made = create<Greeter>('loss', 'other-probe', [{ weight: 2 }], scope);
    expect(made.greeting).to.equal('hello');
    expect(made.weight).to.equal(2);
    // Without the token in scope the error names the class's id and the token, not a tsyringe internal.
    expect(() => create('loss', 'other-probe', [{}], container.createChildContainer()))
      .to.throw(TsnetsError, /loss "other-probe" needs the injected dependency Symbol\(greeting\)/)
      .with.property('message')
      .that.matches(/registerIn/);
  });

  it('keeps one catalog for every copy of core in the process', () => {
    register('loss', Probe, { id: 'probe-loss' });
    const coreDir = require.resolve('../src/index').replace(/index\.js$/, '');
    const cached = Object.keys(require.cache).filter((key) => key.startsWith(coreDir));
    const saved = cached.map((key) => [key, require.cache[key]] as const);
    for (const key of cached) delete require.cache[key];
    try {
      // A second, independent copy of the core modules.
      const second = require('../src/index') as typeof import('../src/index');
      expect(second.catalog).to.not.equal(catalog);
      expect(second.catalog()).to.equal(catalog());
      expect(second.lookup('loss', 'probe-loss').target).to.equal(Probe);
    } finally {
      for (const key of Object.keys(require.cache)) if (key.startsWith(coreDir)) delete require.cache[key];
      for (const [key, module] of saved) require.cache[key] = module;
    }
  });
});
