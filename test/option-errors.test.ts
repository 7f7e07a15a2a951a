import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fromDocument, toDocument } from '@tsnets/core';
import {
  Classifier,
  ModelFileError,
  Network,
  OptionError,
  Regressor,
  tf,
  type NetworkOptions,
  type TrainOptions,
} from 'tsnets';
import { noLeakedTensors } from '@tsnets/testing';
import { theanetsData } from './fixtures';

const D = theanetsData();
const DATA = [D.INPUTS, D.OUTPUTS];

async function trainError(options: Record<string, unknown>): Promise<OptionError> {
  const net = new Regressor([7, 8, 5]);
  const before = net.params.map((param) => Array.from(param.variable.dataSync()));
  try {
    await net.train(DATA, { algo: 'sgd', max_updates: 1, ...(options as TrainOptions) });
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(OptionError);
    // Checked before any work: no parameter moved.
    expect(net.params.map((param) => Array.from(param.variable.dataSync()))).to.deep.equal(before);
    return error as OptionError;
  } finally {
    net.dispose();
  }
  throw new Error('training did not fail');
}

describe('options a user can get wrong are typed errors before any work', () => {
  noLeakedTensors();

  it('a monitor glob that matches no output or parameter names the names there are', async () => {
    const error = await trainError({ monitors: { 'hid2:out': [0.1] } });
    expect(error.key).to.equal('monitors');
    expect(error.message).to.include('"hid2:out"').and.include('hid1:out').and.include('hid1.w');
  });

  it('a monitor level that is not a number, a [label, fn] pair or a function', async () => {
    for (const level of ['0.1', [NaN], [['mean', 'not a function']], { mean: 3 }]) {
      const error = await trainError({ monitors: { 'hid1:out': level } });
      expect(error.message, JSON.stringify(level)).to.include('invalid level');
    }
  });

  it('valid monitors still train: a number, a labelled pair, an object of functions', async () => {
    const net = new Regressor([7, 8, 5]);
    try {
      const result = await net.train(DATA, {
        algo: 'sgd',
        max_updates: 1,
        monitors: { 'hid1:out': [0.1, ['mean', (x: tf.Tensor) => tf.mean(x)]], '*.w': { max: (x) => tf.max(x) } },
      });
      expect(Object.keys(result.valid)).to.include.members([
        'hid1:out<0.1',
        'hid1:out:mean',
        'hid1.w:max',
        'out.w:max',
      ]);
    } finally {
      net.dispose();
    }
  });

  it('an unknown model option names close matches and where training options go', () => {
    let error: unknown;
    try {
      new Regressor([7, 8, 5], { los: 'mae' } as NetworkOptions);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(OptionError);
    expect((error as OptionError).suggestions).to.deep.equal(['loss']);
    expect((error as Error).message).to.include('train()');
    expect(() => new Regressor([7, 8, 5], { learning_rate: 0.1 } as NetworkOptions)).to.throw(OptionError, /train\(\)/);
  });
  it('classNames: one distinct name per output of a classifier; predictNames maps predict', () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const net = new Classifier([7, 8, 5], { classNames: names });
    try {
      const indices = net.predict(D.INPUTS);
      expect(net.predictNames(D.INPUTS)).to.deep.equal(Array.from(indices.dataSync()).map((i) => names[i]));
      indices.dispose();
    } finally {
      net.dispose();
    }
    for (const bad of [
      ['a', 'b'],
      ['a', 'a', 'b', 'c', 'd'],
      ['a', 'b', 'c', 'd', ''],
    ]) {
      expect(() => new Classifier([7, 8, 5], { classNames: bad }), JSON.stringify(bad)).to.throw(/5 distinct/);
    }
    expect(() => new Regressor([7, 8, 5], { classNames: names })).to.throw(OptionError, /classifiers only/);
    const unnamed = new Classifier([7, 8, 5]);
    expect(() => unnamed.predictNames(D.INPUTS)).to.throw(/no class names/);
    unnamed.dispose();
  });
  it('a classifier keeps its class names through save and load; a regressor file with names is refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsnets-class-names-'));
    const net = new Classifier([7, 8, 3], { classNames: ['x', 'y', 'z'] });
    try {
      await net.save(path.join(dir, 'named.tsnets'));
      const loaded = (await Network.load(path.join(dir, 'named.tsnets'))) as Classifier;
      expect(loaded.classNames).to.deep.equal(['x', 'y', 'z']);
      loaded.dispose();
      const regressor = new Regressor([7, 5]);
      const document = { ...toDocument(regressor), classNames: ['a'] };
      regressor.dispose();
      expect(() => fromDocument(document, 'doc')).to.throw(ModelFileError, /classNames/);
    } finally {
      net.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
