import { expect } from 'chai';
import { promises as fs, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelFileError, Network, Regressor, tf } from 'tsnets';
import { theanetsData } from './fixtures';

const D = theanetsData();
const DATA = [D.INPUTS, D.OUTPUTS];

async function loadFails(path: string): Promise<ModelFileError> {
  try {
    (await Network.load(path)).dispose();
  } catch (error) {
    if (error instanceof ModelFileError) return error;
    throw error;
  }
  throw new Error('loaded');
}

describe('training history', () => {
  let dir: string;
  let tensors = 0;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'tsnets-history-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => (tensors = tf.memory().numTensors));
  afterEach(() => expect(tf.memory().numTensors, 'tensors leaked').to.equal(tensors));

  it('records each epoch, each validation, the options, the regularizers and the end reason', async () => {
    const net = new Regressor([7, 8, 5]);
    const result = await net.train(DATA, {
      algo: 'adam',
      hidden_l1: 0.1,
      weight_decay: 1e-3,
      max_updates: 4,
      validate_every: 2,
      batch_size: 32,
    });
    expect(net.history).to.have.length(1);
    const [run] = net.history;
    expect(run.epochs.map((e) => e.epoch)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(run.epochs.map((e) => e.valid !== undefined)).to.deep.equal([true, false, true, false, true]);
    expect(run.epochs[0].train).to.equal(undefined);
    expect(run.epochs[4].train).to.deep.equal(result.train);
    expect(run.epochs[1].train?.terms).to.have.keys('err', 'hidden_l1', 'weight_decay');
    expect(run).to.include({ algo: 'adam', reason: 'max_updates' });
    expect(run.best).to.deep.equal(result.best);
    expect(run.options).to.include({ hidden_l1: 0.1, weight_decay: 1e-3, maxUpdates: 4, batchSize: 32 });
    expect(run.regularizers.map((r) => [r.keyword, r.id, r.targets])).to.deep.equal([
      ['hidden_l1', 'hidden_l1', ['hid1:out']],
      ['weight_decay', 'weight_l2', ['hid1.w', 'out.w']],
    ]);
    // A second run is appended.
    await net.train(DATA, { max_updates: 1 });
    expect(net.history.map((r) => r.algo)).to.deep.equal(['adam', 'rmsprop']);
    net.dispose();
  });

  it('survives save and load (NaN as null and back), gzipped or not', async () => {
    const net = new Regressor([7, 8, 5]);
    await net.train(DATA, { hidden_l1: 0.1, max_updates: 2, validate_every: 1 });
    net.history[0].epochs[0].activity = { hid1: 0.25 };
    net.history[0].epochs[1].valid = {
      ...(net.history[0].epochs[1].valid ?? { loss: 0, err: 0 }),
      'hid1:out<0.1': NaN,
    };
    for (const name of ['m.tsnets', 'm.tsnets.gz']) {
      const path = join(dir, name);
      await net.save(path);
      const loaded = await Network.load(path);
      expect(loaded.history).to.deep.equal(net.history);
      expect(loaded.history[0].epochs[1].valid?.['hid1:out<0.1']).to.be.NaN;
      loaded.dispose();
    }
    net.dispose();
  });

  it('loads files without a history (versions 1 and 2) with an empty one', async () => {
    const net = new Regressor([7, 8, 5]);
    const path = join(dir, 'plain.json');
    await net.save(path);
    const doc = JSON.parse(await fs.readFile(path, 'utf8')) as Record<string, unknown>;
    expect(doc).to.not.have.property('history');
    for (const [version, document] of [
      [2, doc],
      [1, { ...doc, version: 1, checksum: undefined }],
    ] as const) {
      await fs.writeFile(path, JSON.stringify(document));
      const loaded = await Network.load(path);
      expect(loaded.history, `version ${version}`).to.deep.equal([]);
      loaded.dispose();
    }
    net.dispose();
  });

  it('refuses a damaged history, naming the entry; the parameter checksum still holds', async () => {
    const net = new Regressor([7, 8, 5]);
    await net.train(DATA, { max_updates: 1 });
    const path = join(dir, 'damaged.json');
    await net.save(path);
    const doc = JSON.parse(await fs.readFile(path, 'utf8')) as {
      history: Array<{ epochs: Array<{ valid?: Record<string, unknown> }>; reason: string }>;
      params: Record<string, { data: string }>;
    };
    const badValue = structuredClone(doc);
    (badValue.history[0].epochs[0].valid as Record<string, unknown>).loss = 'low';
    await fs.writeFile(path, JSON.stringify(badValue));
    expect((await loadFails(path)).message).to.include('history[0].epochs[0].valid.loss');
    const badReason = structuredClone(doc);
    badReason.history[0].reason = 'bored';
    await fs.writeFile(path, JSON.stringify(badReason));
    expect((await loadFails(path)).message).to.include('history[0].reason');
    const badParams = structuredClone(doc);
    const data = badParams.params['out.b'].data;
    badParams.params['out.b'].data = (data[0] === 'A' ? 'B' : 'A') + data.slice(1);
    await fs.writeFile(path, JSON.stringify(badParams));
    expect((await loadFails(path)).message).to.include('checksum');
    net.dispose();
  });
});
