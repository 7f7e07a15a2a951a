import '@tsnets/plugin-weight-inverse';
import { expect } from 'chai';
import { Optimizer, Regressor, Trainer, registerIn, tf, type MonitorValues } from 'tsnets';
import { theanetsData } from './fixtures';

const D = theanetsData();
const DATA = [D.INPUTS, D.OUTPUTS];

/** Leaves every parameter as it is, so each batch of an epoch sees the starting parameters. */
class Still extends Optimizer {
  protected delta(_param: tf.Variable, grad: tf.Tensor): tf.Tensor {
    return tf.zerosLike(grad);
  }
}

const mean = (values: ArrayLike<number>): number => Array.from(values).reduce((a, b) => a + b, 0) / values.length;

/** The terms of `net` on the theanets data, from the formulas, with plain arrays. */
function expectedTerms(net: Regressor): Record<string, number> {
  const matrices = net.params.filter((p) => p.shape.length > 1).map((p) => p.variable.dataSync());
  const columns = net.params
    .filter((p) => p.shape.length === 2)
    .map((p) => {
      const [rows, cols] = p.shape;
      const values = p.variable.dataSync();
      let sum = 0;
      for (let c = 0; c < cols; c++) {
        let norm = 0;
        for (let r = 0; r < rows; r++) norm += values[r * cols + c] ** 2;
        sum += 1 / norm;
      }
      return sum;
    });
  const outputs = net.feedForward(D.INPUTS);
  const hidden = outputs['hid1:out'].dataSync();
  const predicted = outputs['out:out'].dataSync();
  const targets = D.OUTPUTS.flat();
  tf.dispose(Object.values(outputs));
  return {
    err: mean(Array.from(predicted, (v, i) => (v - targets[i]) ** 2)),
    hidden_l1: 0.1 * mean(Array.from(hidden, Math.abs)),
    weight_decay: 0.01 * mean(matrices.map((m) => mean(Array.from(m, (v) => v * v)))),
    weightinverse: 0.001 * columns.reduce((a, b) => a + b, 0),
  };
}

function expectSum(values: MonitorValues): void {
  const sum = Object.values(values.terms ?? {}).reduce((a, b) => a + b, 0);
  expect(sum).to.be.closeTo(values.loss, 1e-5 * Math.abs(values.loss));
}

describe('loss terms in monitor values', () => {
  let tensors = 0;
  beforeEach(() => (tensors = tf.memory().numTensors));
  afterEach(() => expect(tf.memory().numTensors, 'tensors leaked').to.equal(tensors));

  const OPTIONS = { hidden_l1: 0.1, weight_decay: 0.01, weightinverse: 0.001, batch_size: 64 };

  it('splits the validation loss into err and each penalty, keyed by the keyword given, summing to loss', async () => {
    const net = new Regressor([7, 8, 5]);
    const expected = expectedTerms(net);
    const iterator = net.itertrain(DATA, { ...OPTIONS, algo: 'sgd', hidden_dropout: 0.3 });
    const { value } = await iterator.next();
    await iterator.return(undefined);
    const [train, valid] = value as [MonitorValues, MonitorValues];
    // The validation before the first epoch saw the starting parameters.
    expect(Object.keys(valid.terms ?? {})).to.deep.equal(['err', 'hidden_l1', 'weight_decay', 'weightinverse']);
    for (const [key, number] of Object.entries(expected)) {
      expect(valid.terms?.[key], key).to.be.closeTo(number, 1e-5 * number);
    }
    expect(valid.terms?.err).to.equal(valid.err);
    expectSum(valid);
    expectSum(train);
    // Dropout changes the graph of training steps only: listed with its rate there, not a term.
    expect(train.graph).to.deep.equal({ hidden_dropout: { id: 'hidden_dropout', level: 0.3, targets: ['hid1:out'] } });
    expect(valid.graph).to.equal(undefined);
    expect(train.terms).to.not.have.property('hidden_dropout');
    net.dispose();
  });

  it('averages training terms over the batches of an epoch, like the other monitors', async () => {
    const net = new Regressor([7, 8, 5]);
    const expected = expectedTerms(net);
    const trainer = new Trainer(net);
    registerIn(trainer.container, 'optimizer', Still, { id: 'still' });
    const losses: number[] = [];
    trainer.on('batch', ({ loss }) => losses.push(loss));
    const result = await trainer.train(DATA, { ...OPTIONS, algo: 'still', batch_size: 16, max_updates: 1 });
    expect(losses).to.have.length(4);
    // Equal batches of unchanged parameters: each term's batch mean is its value on the whole set.
    for (const [key, number] of Object.entries(expected)) {
      expect(result.train.terms?.[key], key).to.be.closeTo(number, 1e-5 * number);
    }
    expect(result.train.loss).to.be.closeTo(mean(losses), 1e-6);
    expectSum(result.train);
    net.dispose();
  });

  it('has only err without regularizers, in evaluate too', () => {
    const net = new Regressor([7, 8, 5]);
    const values = net.evaluate(DATA);
    expect(values.terms).to.deep.equal({ err: values.err });
    net.dispose();
  });

  it('numbers repeated keywords and keeps a second loss apart', async () => {
    const net = new Regressor([7, 8, 5]);
    net.addLoss({ form: 'mae', weight: 0.5 });
    const data = [...DATA, D.OUTPUTS];
    const first = net.evaluate(data);
    const iterator = net.itertrain(data, { regularizers: { weight_decay: 0.01 }, weight_decay: 0.02, batch_size: 64 });
    const { value } = await iterator.next();
    await iterator.return(undefined);
    const valid = (value as [MonitorValues, MonitorValues])[1];
    expect(Object.keys(valid.terms ?? {})).to.deep.equal(['err', 'loss:mae', 'weight_decay', 'weight_decay#2']);
    expect(valid.terms?.['loss:mae']).to.be.closeTo(first.loss - first.err, 1e-6);
    expect(valid.terms?.['weight_decay#2']).to.be.closeTo(2 * (valid.terms?.weight_decay ?? NaN), 1e-7);
    expectSum(valid);
    net.dispose();
  });
});
