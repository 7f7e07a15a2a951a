import { expect } from 'chai';
import { Autoencoder, Classifier, Regressor, tf, type Network, type TrainData } from 'tsnets';
import { theanetsData } from './fixtures';

const D = theanetsData();

/**
 * theanets' assert_progress: sgd-family settings with momentum 0.5, batch
 * size 3 and max_gradient_norm 1; the first epoch's training loss is below the
 * first validation loss, and the second validation equals the first (no
 * validation ran in between).
 */
async function assertProgress(net: Network, data: TrainData, algo: string, extra: Record<string, unknown> = {}) {
  const before = tf.memory().numTensors;
  const iterator = net.itertrain(data, { algo, momentum: 0.5, batch_size: 3, max_gradient_norm: 1, ...extra });
  const first = await iterator.next();
  const second = await iterator.next();
  await iterator.return(undefined);
  expect(first.done).to.equal(false);
  const [train0, valid0] = first.value as [Record<string, number>, Record<string, number>];
  const [train1, valid1] = second.value as [Record<string, number>, Record<string, number>];
  expect(train0.loss).to.be.below(valid0.loss);
  expect(train1.loss).to.be.below(valid0.loss);
  expect(valid1.loss).to.equal(valid0.loss);
  expect(tf.memory().numTensors).to.equal(before);
}

describe('training makes progress (theanets assert_progress)', () => {
  const algos = ['sgd', 'nag', 'rmsprop', 'rprop', 'adagrad', 'adadelta', 'adam', 'esgd'];
  const settings: Record<string, Record<string, unknown>> = {
    sgd: { learning_rate: 0.01 },
    nag: { learning_rate: 0.01 },
    rmsprop: { learning_rate: 0.001 },
    rprop: { learning_rate: 0.001 },
    adagrad: { learning_rate: 0.01 },
    adadelta: {},
    adam: { learning_rate: 0.001 },
    esgd: { learning_rate: 0.01 },
  };

  for (const algo of algos) {
    it(`regressor with ${algo}`, async () => {
      const net = new Regressor([7, 8, 12, 5]);
      await assertProgress(net, [D.INPUTS, D.OUTPUTS], algo, settings[algo]);
      net.dispose();
    });
  }

  for (const loss of ['mse', 'mae']) {
    it(`regressor with loss ${loss}`, async () => {
      const net = new Regressor([7, 8, 12, 5], { loss });
      await assertProgress(net, [D.INPUTS, D.OUTPUTS], 'sgd', { learning_rate: 0.01 });
      net.dispose();
    });
    it(`weighted regressor with loss ${loss}`, async () => {
      const net = new Regressor([7, 8, 12, 5], { loss, weighted: true });
      await assertProgress(net, [D.INPUTS, D.OUTPUTS, D.OUTPUT_WEIGHTS], 'sgd', { learning_rate: 0.01 });
      net.dispose();
    });
  }

  for (const loss of ['xe', 'hinge']) {
    it(`classifier with loss ${loss}`, async () => {
      const net = new Classifier([7, 8, 12, 6], { loss });
      await assertProgress(net, [D.INPUTS, D.CLASSES], 'sgd', { learning_rate: 0.01 });
      net.dispose();
    });
    it(`weighted classifier with loss ${loss}`, async () => {
      const net = new Classifier([7, 8, 12, 6], { loss, weighted: true });
      await assertProgress(net, [D.INPUTS, D.CLASSES, D.CLASS_WEIGHTS], 'sgd', { learning_rate: 0.01 });
      net.dispose();
    });
  }

  it('autoencoder', async () => {
    const net = new Autoencoder([7, 8, 7]);
    await assertProgress(net, [D.INPUTS], 'sgd', { learning_rate: 0.01 });
    net.dispose();
  });

  it('weighted autoencoder', async () => {
    const net = new Autoencoder([7, 8, 7], { weighted: true });
    await assertProgress(net, [D.INPUTS, D.INPUT_WEIGHTS], 'sgd', { learning_rate: 0.01 });
    net.dispose();
  });

  it('tied autoencoder', async () => {
    const net = new Autoencoder([7, 8, [7, 'tied']]);
    await assertProgress(net, [D.INPUTS], 'sgd', { learning_rate: 0.01 });
    net.dispose();
  });

  it('autoencoder with kl divergence on softmax outputs', async () => {
    const positive = D.INPUTS.map((row) => {
      const e = row.map(Math.exp);
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    });
    const net = new Autoencoder([7, 8, [7, 'softmax']], { loss: 'kl' });
    await assertProgress(net, [positive], 'sgd', { learning_rate: 0.01 });
    net.dispose();
  });
});
