import { expect } from 'chai';
import {
  OptionError,
  Regressor,
  Regularizer,
  RegularizerError,
  Trainer,
  register,
  registerIn,
  registerRegularizer,
  registry,
  tf,
  type GraphContext,
  type Layer,
  type MonitorValues,
  type NetworkNames,
  type Outputs,
} from 'tsnets';
import { theanetsData } from './fixtures';

// The probes' keywords, declared as a plugin declares its own.
declare module '@tsnets/core' {
  interface RegularizerKeywords {
    sum_squares_probe?: unknown;
    vector_probe?: unknown;
    throwing_probe?: unknown;
  }
}

const D = theanetsData();
const DATA = [D.INPUTS, D.OUTPUTS];

/** Sum of squared weights of the matched parameters (default: every `.w`). */
class SumSquaresProbe extends Regularizer {
  override bind(names: NetworkNames): void {
    this.match(names.params, '*.w', 'parameters');
  }

  override loss(layers: readonly Layer[]): tf.Scalar {
    const params = layers.flatMap((layer) => layer.params).filter((p) => this.matched.includes(p.name));
    return tf.addN(params.map((p) => tf.sum(tf.square(p.variable)))) as tf.Scalar;
  }
}

/** Throws on its `at`-th call in a training step (validations see a zero penalty); `at` 1 by default. */
class ThrowingProbe extends Regularizer {
  trainingCalls = 0;

  override loss(_layers: readonly Layer[], _outputs: Outputs, context: GraphContext): tf.Scalar {
    if (!context.training) return tf.scalar(0);
    this.trainingCalls += 1;
    if (this.trainingCalls === ((this.options.at as number | undefined) ?? 1)) throw new Error('boom');
    return tf.scalar(0);
  }
}

class VectorProbe extends Regularizer {
  override loss(_layers: readonly Layer[], outputs: Outputs): tf.Scalar {
    return tf.mean(outputs.get('out:out') as tf.Tensor, 0) as unknown as tf.Scalar;
  }
}

describe('regularizer keywords in training', () => {
  before(() => {
    register('regularizer', SumSquaresProbe, { id: 'sum_squares_probe' });
    register('regularizer', ThrowingProbe, { id: 'throwing_probe' });
    register('regularizer', VectorProbe, { id: 'vector_probe' });
  });
  after(() => {
    for (const id of ['sum_squares_probe', 'throwing_probe', 'vector_probe']) registry.unregister('regularizer', id);
  });

  let tensorsBefore = 0;
  beforeEach(() => {
    tensorsBefore = tf.memory().numTensors;
  });
  afterEach(() => {
    expect(tf.memory().numTensors, 'tensors leaked').to.equal(tensorsBefore);
  });

  it('adds weight x penalty to the loss and lists the matched names in the start event', async () => {
    const net = new Regressor([7, 8, 5]);
    const penalty = ['hid1', 'out']
      .map((layer) => Array.from(net.find(layer, 'w').value()).reduce((s, v) => s + v * v, 0))
      .reduce((a, b) => a + b, 0);
    const trainer = new Trainer(net);
    let started:
      { regularizers: Array<{ id: string; weight: number; targets: string[]; options: object }> } | undefined;
    trainer.on('start', (info) => (started = info));
    const iterator = trainer.itertrain(DATA, { algo: 'sgd', batch_size: 64, sumSquaresProbe: 0.5 });
    const { value } = await iterator.next();
    await iterator.return(undefined);
    const valid = (value as [MonitorValues, MonitorValues])[1];
    expect(valid.loss - valid.err).to.be.closeTo(0.5 * penalty, 1e-4 * penalty);
    expect(started?.regularizers).to.deep.equal([
      { id: 'sum_squares_probe', keyword: 'sumSquaresProbe', weight: 0.5, targets: ['hid1.w', 'out.w'], options: {} },
    ]);
    // The term is keyed by the keyword as the caller spelled it.
    expect(valid.terms?.sumSquaresProbe).to.be.closeTo(0.5 * penalty, 1e-4 * penalty);
    net.dispose();
  });

  it('the start event gives a noise its std and a dropout its rate', async () => {
    const net = new Regressor([7, 8, 5]);
    const trainer = new Trainer(net);
    let started: Array<{ id: string; weight: number; targets: string[]; options: object }> = [];
    trainer.on('start', (info) => (started = info.regularizers));
    await trainer.train(DATA, { hidden_dropout: 0.3, noise: { 'in:out': 0.1 }, max_updates: 1 });
    expect(started).to.deep.equal([
      { id: 'hidden_dropout', keyword: 'hidden_dropout', weight: 0, targets: ['hid1:out'], options: { rate: 0.3 } },
      { id: 'noise', keyword: 'noise', weight: 0, targets: ['in:out'], options: { std: 0.1 } },
    ]);
    net.dispose();
  });

  it('takes an object of options, and fails before training when its pattern matches nothing', async () => {
    const net = new Regressor([7, 8, 5]);
    const trainer = new Trainer(net);
    let started = false;
    trainer.on('start', () => (started = true));
    let error: unknown;
    try {
      await trainer.train(DATA, { sum_squares_probe: { weight: 0.1, pattern: 'hid9.*' } });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(RegularizerError);
    expect((error as RegularizerError).regularizer).to.equal('sum_squares_probe');
    expect((error as Error).message)
      .to.include('hid9.*')
      .and.include('hid1.w')
      .and.include('out.b');
    expect(started).to.equal(false);
    net.dispose();
  });

  it('rejects a negative weight and a pattern of the wrong type, naming the regularizer', async () => {
    const net = new Regressor([7, 8, 5]);
    for (const value of [-1, { weight: 0.1, pattern: 3 }]) {
      let error: unknown;
      try {
        await net.train(DATA, { sum_squares_probe: value });
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(RegularizerError);
      expect((error as Error).message).to.include('sum_squares_probe');
    }
    net.dispose();
  });

  it('a failing plugin (vector_probe) is a RegularizerError and leaves the parameters as they were', async () => {
    const net = new Regressor([7, 8, 5]);
    const values = net.params.map((p) => Array.from(p.value()));
    let error: unknown;
    try {
      await net.train(DATA, { algo: 'sgd', learning_rate: 0.1, vector_probe: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(RegularizerError);
    expect((error as RegularizerError).regularizer).to.equal('vector_probe');
    expect((error as Error).message).to.match(/not a scalar/);
    expect(net.params.map((p) => Array.from(p.value()))).to.deep.equal(values);
    net.dispose();
  });

  it('a plugin failing in a training step mid-epoch is a RegularizerError, and the best parameters are restored', async () => {
    const net = new Regressor([7, 8, 5]);
    const trainer = new Trainer(net);
    const valuesOf = () => net.params.map((p) => Array.from(p.value()));
    const initial = valuesOf();
    // 4 batches of 16 rows per epoch: the 6th training call is the second step of epoch 2.
    const probe = new ThrowingProbe({ weight: 1, at: 6 });
    let afterLastStep: number[][] = [];
    let steps = 0;
    trainer.on('batch', () => {
      steps += 1;
      afterLastStep = valuesOf();
    });
    let best: number[][] = [];
    let bestEpoch = -1;
    trainer.on('improvement', ({ epoch }) => {
      best = valuesOf();
      bestEpoch = epoch;
    });
    let error: unknown;
    try {
      await trainer.train(DATA, {
        algo: 'sgd',
        learning_rate: 0.1,
        batch_size: 16,
        validate_every: 1,
        regularizers: [probe],
      });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(RegularizerError);
    expect((error as RegularizerError).regularizer).to.equal('throwing_probe');
    expect((error as Error).message).to.match(/boom/);
    // It failed in a training step, after five good ones and the validations of epochs 0 and 1.
    expect(probe.trainingCalls).to.equal(6);
    expect(steps).to.equal(5);
    expect(bestEpoch).to.equal(1);
    // The step before the failing one moved the parameters away from the best; the best came back.
    expect(best).to.not.deep.equal(initial);
    expect(afterLastStep).to.not.deep.equal(best);
    expect(valuesOf()).to.deep.equal(best);
    net.dispose();
  });

  it('rejects an unknown option of a regularizer that declares its options', async () => {
    const net = new Regressor([7, 8, 5]);
    let error: unknown;
    try {
      await net.train(DATA, { hidden_l1: { wieght: 0.1 } });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(RegularizerError);
    expect((error as Error).message)
      .to.include('hidden_l1')
      .and.include('wieght')
      .and.include('"weight"');
    net.dispose();
  });

  it('one trainer can override hidden_l1 while another keeps the built-in', async () => {
    class DoubledL1 extends Regularizer {
      override loss(_layers: readonly Layer[], outputs: Outputs): tf.Scalar {
        return tf.mul(tf.mean(tf.abs(outputs.get('hid1:out') as tf.Tensor)), 2);
      }
    }
    const first = async (trainer: Trainer) => {
      const iterator = trainer.itertrain(DATA, { algo: 'sgd', batch_size: 64, hidden_l1: 0.1 });
      const { value } = await iterator.next();
      await iterator.return(undefined);
      const valid = (value as [MonitorValues, MonitorValues])[1];
      return valid.loss - valid.err;
    };
    const net = new Regressor([7, 8, 5]);
    const custom = new Trainer(net);
    registerIn(custom.container, 'regularizer', DoubledL1, { id: 'hidden_l1' });
    const overridden = await first(custom);
    const builtin = await first(new Trainer(net));
    expect(overridden).to.be.closeTo(2 * builtin, 1e-6);
    expect(registry.lookup('regularizer', 'hidden_l1').target).to.not.equal(DoubledL1);
    net.dispose();
  });

  it('registers without decorators', () => {
    class Plain extends Regularizer {}
    registerRegularizer(Plain, 'plain_probe');
    expect(registry.lookup('regularizer', 'plainProbe').target).to.equal(Plain);
    registry.unregister('regularizer', 'plain_probe');
  });

  it('an unknown keyword names close matches among options and regularizers', async () => {
    const net = new Regressor([7, 8, 5]);
    let error: unknown;
    try {
      await net.train(DATA, { sum_square_probe: 0.1 } as never); // a typo that only JavaScript lets through
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(OptionError);
    expect((error as OptionError).suggestions).to.include('sum_squares_probe');
    expect((error as Error).message)
      .to.include('Registered regularizers')
      .and.include('throwing_probe');
    net.dispose();
  });

  it('accepts camelCase keywords and `regularizers` as instances or an object of keywords', async () => {
    expect(registry.isRegistered('regularizer', 'sumSquaresProbe')).to.equal(true);
    const net = new Regressor([7, 8, 5]);
    for (const regularizers of [[new SumSquaresProbe({ weight: 0.5 })], { sum_squares_probe: 0.5 }]) {
      const iterator = net.itertrain(DATA, { algo: 'sgd', batch_size: 64, regularizers });
      const { value } = await iterator.next();
      await iterator.return(undefined);
      const valid = (value as [MonitorValues, MonitorValues])[1];
      expect(valid.loss).to.be.above(valid.err);
    }
    net.dispose();
  });
});
