import { expect } from 'chai';
import { Autoencoder, Classifier, Regressor, Trainer, registry, tf, training, type MonitorValues } from 'tsnets';
import { theanetsData } from './fixtures';

const D = theanetsData();

async function firstTwo(iterator: AsyncGenerator<[MonitorValues, MonitorValues]>) {
  const first = await iterator.next();
  const second = await iterator.next();
  await iterator.return(undefined);
  return [first.value, second.value] as Array<[MonitorValues, MonitorValues]>;
}

describe('training strategies', () => {
  let before = 0;
  beforeEach(() => {
    before = tf.memory().numTensors;
  });
  afterEach(() => {
    expect(tf.memory().numTensors, 'tensors leaked').to.equal(before);
  });

  it('are registered as kind trainer, with theanets-style aliases', () => {
    expect(registry.lookup('trainer', 'layerwise').target).to.equal(training.Layerwise);
    expect(registry.lookup('trainer', 'supervised').target).to.equal(training.Layerwise);
    expect(registry.lookup('trainer', 'unsup').target).to.equal(training.Pretrain);
    expect(registry.lookup('trainer', 'sample').target).to.equal(training.Sample);
  });

  it('layerwise grows a regressor one hidden layer at a time, then trains the whole network', async () => {
    const net = new Regressor([7, 8, 12, 5]);
    const trainer = new Trainer(net);
    const stages: string[][] = [];
    trainer.on('start', () => stages.push([]));
    const w1 = net.find('hid1', 'w').value();
    const settings = {
      algo: 'layerwise',
      subalgo: 'sgd',
      learning_rate: 0.01,
      momentum: 0.5,
      batch_size: 3,
      max_gradient_norm: 1,
      max_updates: 2,
    };
    const pairs: Array<[MonitorValues, MonitorValues]> = [];
    for await (const pair of trainer.itertrain([D.INPUTS, D.OUTPUTS], settings)) pairs.push(pair);
    // Two stages (hid1 + lwout, then the whole network), two epochs each.
    expect(stages).to.have.length(2);
    expect(pairs).to.have.length(4);
    expect(pairs[1][0].loss).to.be.below(pairs[0][1].loss);
    // The stages train the network's own first layer, and the temporary output layer is gone.
    expect(Array.from(net.find('hid1', 'w').value())).to.not.deep.equal(Array.from(w1));
    expect(net.layers.map((l) => l.name)).to.deep.equal(['in', 'hid1', 'hid2', 'out']);
    net.dispose();
  });

  it('layerwise makes progress on a tied autoencoder', async () => {
    const net = new Autoencoder([7, 10, 8, [10, 'tied'], [7, 'tied']]);
    const [[train0, valid0], [train1, valid1]] = await firstTwo(
      net.itertrain([D.INPUTS], {
        algo: 'layerwise',
        subalgo: 'sgd',
        learning_rate: 0.01,
        momentum: 0.5,
        batch_size: 3,
        max_gradient_norm: 1,
      }),
    );
    expect(train0.loss).to.be.below(valid0.loss);
    expect(train1.loss).to.be.below(valid0.loss);
    expect(valid1.loss).to.equal(valid0.loss);
    net.dispose();
  });

  it('pretrain trains the encoding layers as an autoencoder and copies them back', async () => {
    const net = new Classifier([7, 8, 12, 6]);
    const w1 = net.find('hid1', 'w').value();
    const out = net.find('out', 'w').value();
    await net.train([D.INPUTS, D.CLASSES], {
      algo: 'pretrain',
      subalgo: 'sgd',
      learning_rate: 0.01,
      batch_size: 8,
      max_updates: 2,
    });
    expect(Array.from(net.find('hid1', 'w').value())).to.not.deep.equal(Array.from(w1));
    // The output layer is not part of the shadow autoencoder.
    expect(Array.from(net.find('out', 'w').value())).to.deep.equal(Array.from(out));
    net.dispose();
  });

  it('sample sets input weights to unit-norm input rows', async () => {
    const net = new Regressor([7, 4, 5]);
    const result = await net.train([D.INPUTS, D.OUTPUTS], { algo: 'sample' });
    expect(result.train.loss).to.be.a('number');
    const w = net.find('hid1', 'w').value();
    const rows = D.INPUTS.map((row) => {
      const norm = Math.hypot(...row);
      return row.map((v) => v / norm);
    });
    for (let c = 0; c < 4; c++) {
      const column = Array.from({ length: 7 }, (_, r) => w[r * 4 + c]);
      expect(Math.hypot(...column)).to.be.closeTo(1, 1e-5);
      const match = rows.some((row) => row.every((v, r) => Math.abs(v - column[r]) < 1e-5));
      expect(match, `column ${c} is a normalized input row`).to.equal(true);
    }
    net.dispose();
  });
});
