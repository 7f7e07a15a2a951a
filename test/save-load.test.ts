import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Classifier, Network, Regressor, tf } from 'tsnets';
import { theanetsData } from './fixtures';

const D = theanetsData();

describe('saving and loading trained models', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsnets-save-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a loaded classifier predicts identically and trains on without rng', async () => {
    const before = tf.memory().numTensors;
    const net = new Classifier([7, [8, 'prelu'], [12, 'maxout:2'], 6], { rng: 21 });
    await net.train([D.INPUTS, D.CLASSES], { algo: 'adam', learning_rate: 0.01, max_updates: 3, batch_size: 16 });
    const path = join(dir, 'model.tsnets.gz');
    await net.save(path);
    const loaded = await Network.load(path);
    expect(loaded).to.be.instanceOf(Classifier);
    expect(loaded.params.map((p) => p.name)).to.deep.equal(net.params.map((p) => p.name));
    const a = (net as Classifier).predictProba(D.INPUTS);
    const b = (loaded as Classifier).predictProba(D.INPUTS);
    expect(Array.from(b.dataSync())).to.deep.equal(Array.from(a.dataSync()));
    tf.dispose([a, b]);

    const first = await loaded.train([D.INPUTS, D.CLASSES], {
      algo: 'adam',
      learning_rate: 0.01,
      max_updates: 1,
      batch_size: 16,
    });
    const later = await loaded.train([D.INPUTS, D.CLASSES], {
      algo: 'adam',
      learning_rate: 0.01,
      max_updates: 20,
      batch_size: 16,
      validate_every: 1,
    });
    expect(later.valid.loss).to.be.below(first.valid.loss);
    net.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).to.equal(before);
  });

  it('keeps a weighted regressor with two losses', async () => {
    const net = new Regressor([7, 8, 5], { weighted: true, loss: 'mae' });
    net.addLoss({ form: 'mse', weight: 0.5, outputName: 'hid1:out' } as never);
    const path = join(dir, 'two.tsnets');
    await net.save(path);
    const loaded = await Network.load(path);
    expect(loaded.losses.map((l) => [l.form, l.weight, l.weighted, l.outputName])).to.deep.equal([
      ['mae', 1, true, 'out:out'],
      ['mse', 0.5, false, 'hid1:out'],
    ]);
    expect(loaded.slots().map((s) => s.name)).to.deep.equal(['inputs', 'targets', 'weights', 'targets[1]']);
    net.dispose();
    loaded.dispose();
  });
});
