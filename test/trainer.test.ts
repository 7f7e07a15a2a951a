import { expect } from 'chai';
import {
  Classifier,
  DataError,
  OptionError,
  Optimizer,
  Regressor,
  Regularizer,
  Trainer,
  TrainingError,
  registerIn,
  tf,
  type GraphContext,
  type Layer,
  type MonitorValues,
  type Outputs,
} from 'tsnets';
import { theanetsData } from './fixtures';

const D = theanetsData();
const DATA = [D.INPUTS, D.OUTPUTS];

async function collect(iterator: AsyncGenerator<[MonitorValues, MonitorValues]>) {
  const pairs: Array<[MonitorValues, MonitorValues]> = [];
  for await (const pair of iterator) pairs.push(pair);
  return pairs;
}

describe('Trainer loop', () => {
  let before = 0;
  beforeEach(() => {
    before = tf.memory().numTensors;
  });
  afterEach(() => {
    expect(tf.memory().numTensors, 'tensors leaked').to.equal(before);
  });

  it('validates before the first epoch and every validate_every epochs', async () => {
    const net = new Regressor([7, 8, 5]);
    const trainer = new Trainer(net);
    const validations: number[] = [];
    const values: MonitorValues[] = [];
    trainer.on('validation', ({ epoch, valid }) => {
      validations.push(epoch);
      values.push(valid);
    });
    const pairs = await collect(
      trainer.itertrain(DATA, { algo: 'sgd', learning_rate: 0.01, validate_every: 3, max_updates: 7 }),
    );
    expect(pairs).to.have.length(7);
    // ...and once more at the end, so the last epochs' parameters can be kept as the best.
    expect(validations).to.deep.equal([0, 3, 6, 7]);
    // The last validation repeats in between.
    expect(pairs[0][1]).to.deep.equal(pairs[2][1]);
    expect(pairs[3][1]).to.not.deep.equal(pairs[2][1]);
    // The last pair reports the validation of the last epoch's parameters, not a stale one.
    expect(pairs[6][1]).to.deep.equal(values[3]);
    expect(pairs[6][1]).to.not.deep.equal(pairs[5][1]);
    net.dispose();
  });

  it('stops after more than `patience` validations without improvement', async () => {
    const net = new Regressor([7, 8, 5]);
    const trainer = new Trainer(net);
    let reason = '';
    trainer.on('end', (info) => (reason = info.reason));
    // min_improvement 0.99 demands a 99% drop: only the first validation counts as one.
    const pairs = await collect(
      trainer.itertrain(DATA, {
        algo: 'sgd',
        learning_rate: 1e-4,
        validate_every: 1,
        patience: 2,
        min_improvement: 0.99,
      }),
    );
    // validations at epochs 0 (best), 1, 2, 3 (third without improvement > patience 2): 3 epochs ran.
    expect(pairs).to.have.length(3);
    expect(reason).to.equal('patience');
    net.dispose();
  });

  // With this learning rate and momentum the validation losses are, on wasm, 1.961 1.467 1.060 0.992 (the best,
  // epoch 3) 1.002 0.997: the last two validations are worse than the best, so a trainer that keeps the last
  // parameters, or snapshots at every validation whether improved or not, ends with other values than the best.
  const OVERSHOOT = { algo: 'sgd', learning_rate: 1, momentum: 0.9, validate_every: 1 } as const;

  function valuesOf(net: Regressor): number[][] {
    return net.params.map((param) => Array.from(param.value()));
  }

  /** Records each validation and a copy of the parameters at every improvement and every validation. */
  function watch(trainer: Trainer, net: Regressor) {
    const seen = {
      validations: [] as Array<{ epoch: number; loss: number; improved: boolean; values: number[][] }>,
      best: undefined as number[][] | undefined,
      bestEpoch: -1,
      end: undefined as { reason: string; epoch: number; best: number } | undefined,
    };
    trainer.on('validation', ({ epoch, valid, improved }) =>
      seen.validations.push({ epoch, loss: valid.loss, improved, values: valuesOf(net) }),
    );
    trainer.on('improvement', ({ epoch }) => {
      seen.best = valuesOf(net);
      seen.bestEpoch = epoch;
    });
    trainer.on('end', (info) => (seen.end = info));
    return seen;
  }

  /** The run's best validation is not its last, and the parameters at the last one differ from the best. */
  function expectBestBeforeLast(seen: ReturnType<typeof watch>, bestEpoch: number, lastEpoch: number) {
    const losses = seen.validations.map((v) => v.loss);
    const last = seen.validations[seen.validations.length - 1];
    expect(seen.bestEpoch).to.equal(bestEpoch);
    expect(last.epoch).to.equal(lastEpoch);
    expect(last.improved).to.equal(false);
    expect(Math.min(...losses)).to.equal(seen.validations.find((v) => v.epoch === bestEpoch)?.loss);
    expect(last.loss).to.be.above(Math.min(...losses));
    expect(last.values).to.not.deep.equal(seen.best);
  }

  it('restores the best parameters when training ends at max_updates', async () => {
    const net = new Regressor([7, 8, 5]);
    const trainer = new Trainer(net);
    const seen = watch(trainer, net);
    await trainer.train(DATA, { ...OVERSHOOT, max_updates: 5, patience: 10 });
    expect(seen.end?.reason).to.equal('max_updates');
    expectBestBeforeLast(seen, 3, 5);
    expect(valuesOf(net)).to.deep.equal(seen.best);
    // The restored parameters score the best validation loss.
    const mse = tf.tidy(() => tf.mean(tf.square(tf.sub(net.predict(D.INPUTS), tf.tensor(D.OUTPUTS)))).dataSync()[0]);
    expect(mse).to.be.closeTo(seen.end?.best ?? NaN, 1e-5);
    net.dispose();
  });

  it('restores the best parameters after an abort', async () => {
    const net = new Regressor([7, 8, 5]);
    const trainer = new Trainer(net);
    const seen = watch(trainer, net);
    const controller = new AbortController();
    trainer.on('validation', ({ epoch }) => {
      if (epoch === 5) controller.abort();
    });
    await trainer.train(DATA, { ...OVERSHOOT, max_updates: 1e9, patience: 1e9, signal: controller.signal });
    expect(seen.end?.reason).to.equal('aborted');
    expectBestBeforeLast(seen, 3, 5);
    expect(valuesOf(net)).to.deep.equal(seen.best);
    net.dispose();
  });

  it('restores the best parameters after a patience stop', async () => {
    const net = new Regressor([7, 8, 5]);
    const trainer = new Trainer(net);
    const seen = watch(trainer, net);
    // Epochs 4 and 5 do not improve on epoch 3: the second is more than patience 1.
    await trainer.train(DATA, { ...OVERSHOOT, max_updates: 100, patience: 1 });
    expect(seen.end?.reason).to.equal('patience');
    expectBestBeforeLast(seen, 3, 5);
    expect(valuesOf(net)).to.deep.equal(seen.best);
    net.dispose();
  });

  it('restores the best parameters after a NaN loss stops training', async () => {
    /** No penalty, until the 11th training step (epoch 6, after the validations above): then NaN, NaN gradients too. */
    class NaNAfter extends Regularizer {
      calls = 0;
      override loss(layers: readonly Layer[], _outputs: Outputs, context: GraphContext): tf.Scalar {
        if (!context.training) return tf.scalar(0);
        this.calls += 1;
        const w = layers.flatMap((layer) => layer.params).find((p) => p.name === 'hid1.w');
        return tf.mul(tf.sum(w?.variable as tf.Variable), this.calls > 10 ? Number.NaN : 0);
      }
    }
    const net = new Regressor([7, 8, 5]);
    const trainer = new Trainer(net);
    const seen = watch(trainer, net);
    const probe = new NaNAfter({ weight: 1 });
    let error: unknown;
    try {
      await trainer.train(DATA, { ...OVERSHOOT, max_updates: 100, patience: 100, regularizers: [probe] });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(TrainingError);
    expect((error as TrainingError).epoch).to.equal(6);
    expect(probe.calls).to.equal(12);
    expect(seen.end?.reason).to.equal('error');
    expectBestBeforeLast(seen, 3, 5);
    expect(valuesOf(net)).to.deep.equal(seen.best);
    net.dispose();
  });

  it('stops with a TrainingError naming the epoch when the loss becomes NaN, best parameters restored', async () => {
    const net = new Regressor([7, 8, 5]);
    const initial = net.find('hid1', 'w').value();
    let error: unknown;
    try {
      await net.train(DATA, { algo: 'sgd', learning_rate: 1e30 });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(TrainingError);
    expect((error as TrainingError).epoch).to.equal(1);
    expect((error as Error).message).to.match(/epoch 1/);
    expect(Array.from(net.find('hid1', 'w').value())).to.deep.equal(Array.from(initial));
    net.dispose();
  });

  it('sees an abort from a timer even when every epoch is shorter than its event-loop turn', async () => {
    const net = new Regressor([7, 8, 5]);
    const trainer = new Trainer(net);
    const controller = new AbortController();
    let end: { reason: string; epoch: number } | undefined;
    trainer.on('end', (info) => (end = info));
    // One batch of 64 rows per epoch: each epoch takes about a millisecond, and only a timer can stop the run.
    const timer = setTimeout(() => controller.abort(), 300);
    await trainer.train(DATA, {
      algo: 'sgd',
      learning_rate: 1e-3,
      batch_size: 64,
      max_updates: 1e9,
      patience: 1e9,
      signal: controller.signal,
    });
    clearTimeout(timer);
    expect(end?.reason).to.equal('aborted');
    expect(end?.epoch).to.be.greaterThan(1);
    net.dispose();
  });

  it('emits events in order and aborts cleanly with an AbortSignal', async () => {
    const net = new Regressor([7, 8, 5]);
    const trainer = new Trainer(net);
    const controller = new AbortController();
    const events: string[] = [];
    for (const name of ['start', 'validation', 'improvement', 'iteration', 'end'] as const)
      trainer.on(name, () => events.push(name));
    let batches = 0;
    let end: { reason: string } | undefined;
    trainer.on('batch', () => {
      batches += 1;
      if (batches === 30) controller.abort();
    });
    trainer.on('end', (info) => (end = info));
    await trainer.train(DATA, { algo: 'sgd', learning_rate: 0.01, batch_size: 8, signal: controller.signal });
    expect(events.slice(0, 3)).to.deep.equal(['start', 'validation', 'improvement']);
    expect(events[events.length - 1]).to.equal('end');
    expect(end?.reason).to.equal('aborted');
    expect(batches).to.equal(30);
    net.dispose();
  });

  it('stops cleanly when the consumer breaks out of itertrain', async () => {
    const net = new Regressor([7, 8, 5]);
    const trainer = new Trainer(net);
    let reason = '';
    trainer.on('end', (info) => (reason = info.reason));
    for await (const [train] of trainer.itertrain(DATA, { algo: 'sgd', learning_rate: 0.01 })) {
      expect(train.loss).to.be.a('number');
      break;
    }
    expect(reason).to.equal('stopped');
    net.dispose();
  });

  it('reports user monitors by glob, and acc for classifiers', async () => {
    const net = new Classifier([7, 8, 12, 6]);
    const expected = tf.tidy(() => {
      const h = net.feedForward(D.INPUTS)['hid1:out'];
      return [0.1, 0.9].map((t) => tf.mean(tf.cast(tf.less(h, t), 'float32')).dataSync()[0]);
    });
    const iterator = net.itertrain([D.INPUTS, D.CLASSES], {
      algo: 'sgd',
      batch_size: 64,
      monitors: { 'hid?:out': [0.1, 0.9] },
    });
    const { value } = await iterator.next();
    await iterator.return(undefined);
    const valid = (value as [MonitorValues, MonitorValues])[1];
    expect(Object.keys(valid)).to.deep.equal([
      'loss',
      'err',
      'hid1:out<0.1',
      'hid1:out<0.9',
      'hid2:out<0.1',
      'hid2:out<0.9',
      'acc',
      'terms',
    ]);
    expect(valid['hid1:out<0.1']).to.be.closeTo(expected[0], 1e-6);
    expect(valid['hid1:out<0.9']).to.be.closeTo(expected[1], 1e-6);
    const predicted = net.predict(D.INPUTS);
    const labels = predicted.dataSync();
    predicted.dispose();
    const correct = D.CLASSES.filter((c, i) => labels[i] === c).length / 64;
    expect(valid.acc).to.be.closeTo(correct, 1e-6);
    net.dispose();
  });

  it('reports monitors as means over several validation batches', async () => {
    const net = new Classifier([7, 8, 12, 6]);
    // Over all 64 rows, computed apart from the trainer: the fraction of hid1:out below 0.5, the accuracy and the
    // cross-entropy. In four equal batches of 16 the mean of the batch values is the value over all rows, while
    // the last batch alone, or a sum, differs.
    const expected = tf.tidy(() => {
      const outputs = net.feedForward(D.INPUTS);
      const below = tf.mean(tf.cast(tf.less(outputs['hid1:out'], 0.5), 'float32')).dataSync()[0];
      const probs = outputs['out:out'].arraySync() as number[][];
      const xe = -probs.reduce((sum, row, i) => sum + Math.log(row[D.CLASSES[i]]), 0) / 64;
      const labels = net.predict(D.INPUTS);
      const acc = D.CLASSES.filter((c, i) => labels.dataSync()[i] === c).length / 64;
      return { below, xe, acc };
    });
    const iterator = net.itertrain([D.INPUTS, D.CLASSES], {
      algo: 'sgd',
      batch_size: 16,
      monitors: { 'hid1:out': [0.5] },
    });
    const { value } = await iterator.next();
    await iterator.return(undefined);
    const valid = (value as [MonitorValues, MonitorValues])[1];
    expect(valid['hid1:out<0.5']).to.be.closeTo(expected.below, 1e-6);
    expect(valid.acc).to.be.closeTo(expected.acc, 1e-6);
    expect(valid.err).to.be.closeTo(expected.xe, 1e-5);
    net.dispose();
  });

  it('resolves optimizers from its own child container', async () => {
    const net = new Regressor([7, 8, 5]);
    const trainer = new Trainer(net);
    let calls = 0;
    class CountingSgd extends Optimizer {
      protected delta(_param: tf.Variable, grad: tf.Tensor): tf.Tensor {
        calls += 1;
        return tf.mul(grad, 0.01);
      }
    }
    registerIn(trainer.container, 'optimizer', CountingSgd, { id: 'sgd' });
    await trainer.train(DATA, { algo: 'sgd', max_updates: 1, batch_size: 64 });
    expect(calls).to.equal(net.params.length);
    // Another trainer in the same process keeps the built-in.
    calls = 0;
    await new Trainer(net).train(DATA, { algo: 'sgd', max_updates: 1, batch_size: 64 });
    expect(calls).to.equal(0);
    net.dispose();
  });
});

describe('Trainer options and bad input', () => {
  let before = 0;
  beforeEach(() => {
    before = tf.memory().numTensors;
  });
  afterEach(() => {
    expect(tf.memory().numTensors, 'tensors leaked').to.equal(before);
  });

  async function failure(promise: Promise<unknown>): Promise<Error> {
    try {
      await promise;
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected a rejection');
  }

  it('names close matches for an unknown option', async () => {
    const net = new Regressor([7, 8, 5]);
    const error = await failure(net.train(DATA, { learnng_rate: 0.1 } as never));
    expect(error).to.be.instanceOf(OptionError);
    expect((error as OptionError).suggestions).to.include('learning_rate');
    expect(error.message)
      .to.match(/learnng_rate/)
      .and.match(/learning_rate/);
    net.dispose();
  });

  it('accepts camelCase and kebab-case keys, resolving each to its setting', async () => {
    const net = new Regressor([7, 8, 5]);
    const trainer = new Trainer(net);
    let settings: Record<string, unknown> = {};
    trainer.on('start', (info) => (settings = info.settings));
    let epochs = 0;
    let batches = 0;
    trainer.on('iteration', () => (epochs += 1));
    trainer.on('batch', () => (batches += 1));
    await trainer.train(DATA, {
      learningRate: 0.01,
      'batch-size': 64,
      maxUpdates: 2,
      algo: 'sgd',
      'rms-Halflife': 3,
      Min_Improvement: 0.5,
      validateEvery: 2,
    } as never); // kebab-case and odd casing are for JavaScript callers; the types take snake_case and camelCase
    // Every value differs from its default (1e-4, 32, Infinity, rmsprop, 14, 0, 10).
    expect(settings).to.include({
      learningRate: 0.01,
      batchSize: 64,
      maxUpdates: 2,
      algo: 'sgd',
      rmsHalflife: 3,
      minImprovement: 0.5,
      validateEvery: 2,
    });
    // And training used them: two epochs of one batch of 64 rows.
    expect([epochs, batches]).to.deep.equal([2, 2]);
    net.dispose();
  });

  for (const [key, value] of [
    ['batch_size', 0],
    ['learning_rate', Number.NaN],
    ['learning_rate', -1],
    ['momentum', 1.5],
    ['patience', -1],
    ['algo', 'nope'],
  ] as const) {
    it(`rejects ${key}: ${String(value)} before training starts`, async () => {
      const net = new Regressor([7, 8, 5]);
      const trainer = new Trainer(net);
      let started = false;
      trainer.on('start', () => (started = true));
      const error = await failure(trainer.train(DATA, { [key]: value }));
      expect(error.message).to.include(key === 'algo' ? 'nope' : key);
      expect(started).to.equal(false);
      net.dispose();
    });
  }

  it('names the array, row and column of a NaN', async () => {
    const net = new Regressor([7, 8, 5]);
    const x = D.INPUTS.map((row) => [...row]);
    x[3][2] = Number.NaN;
    const error = await failure(net.train([x, D.OUTPUTS]));
    expect(error).to.be.instanceOf(DataError);
    expect(error.message)
      .to.match(/inputs/)
      .and.match(/row 3/)
      .and.match(/column 2/);
    expect((error as DataError).row).to.equal(3);
    net.dispose();
  });

  it('rejects data of the wrong shape, labels out of range and weights of the wrong shape', async () => {
    const net = new Regressor([7, 8, 5]);
    expect(((await failure(net.train([D.INPUTS, D.INPUTS]))) as DataError).array).to.equal('targets');
    net.dispose();
    const classifier = new Classifier([7, 8, 6], { weighted: true });
    const labels = [...D.CLASSES];
    labels[5] = 6;
    const bad = await failure(classifier.train([D.INPUTS, labels, D.CLASS_WEIGHTS]));
    expect(bad).to.be.instanceOf(DataError);
    expect(bad.message)
      .to.match(/row 5/)
      .and.match(/\[0, 5\]/);
    const weights = await failure(classifier.train([D.INPUTS, D.CLASSES, D.OUTPUTS]));
    expect((weights as DataError).array).to.equal('weights');
    classifier.dispose();
  });
});
