import { expect } from 'chai';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RandomState, recurrent, tf, type Network } from '@tsnets/core';
import { fileSystem } from '@tsnets/tfjs-file-io';
import '../src/index';
import { toLayersModel } from '../src/cli/export/layers-model';
import { run } from './cli-helpers';

const rng = new RandomState(3);
const X = Array.from({ length: 4 }, () => Array.from({ length: 9 }, () => Array.from(rng.randn(7))));

/** The largest absolute difference between tsnets' output and the exported model's on X. */
function difference(net: Network, model: tf.LayersModel): number {
  return tf.tidy(() => {
    const ours = net instanceof recurrent.Classifier ? net.predictProba(X) : net.predict(X);
    const theirs = model.predict(tf.tensor3d(X)) as tf.Tensor;
    expect(theirs.shape).to.deep.equal(ours.shape);
    return tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0];
  });
}

describe('export of recurrent models to a TensorFlow.js LayersModel', function () {
  this.timeout(60_000);

  it('rnn and gru layers become simpleRNN and gru computing the same function', () => {
    const net = new recurrent.Regressor([7, [8, 'rnn', 'tanh'], [6, 'gru', 'tanh'], 5]);
    const model = toLayersModel(net);
    expect(model.layers.map((l) => l.getClassName())).to.deep.equal(['SimpleRNN', 'GRU', 'Dense']);
    expect(difference(net, model)).to.be.below(1e-5);
    model.dispose();
    net.dispose();
  });

  it('a recurrent classifier exports its softmax over each step', () => {
    const net = new recurrent.Classifier([7, [6, 'gru', 'relu'], 4]);
    const model = toLayersModel(net);
    expect(difference(net, model)).to.be.below(1e-5);
    model.dispose();
    net.dispose();
  });

  it('tsnets export writes files that load and predict the same', async () => {
    const dir = fs.mkdtempSync(join(tmpdir(), 'tsnets-export-recurrent-'));
    try {
      const net = new recurrent.Regressor([7, [5, 'gru', 'tanh'], 2]);
      await net.save(join(dir, 'gru.tsnets'));
      const result = await run(['export', join(dir, 'gru.tsnets'), join(dir, 'out')]);
      expect(result.code, result.stderr).to.equal(0);
      const model = await tf.loadLayersModel(fileSystem(join(dir, 'out', 'model.json')));
      expect(difference(net, model)).to.be.below(1e-5);
      model.dispose();
      net.dispose();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const [spec, reason] of [
    [[7, [4, 'lstm'], 2], /Cannot export layer "hid1": tfjs' lstm has no peephole weights/],
    [[7, { form: 'rnn', size: 4, direction: 'backward' }, 2], /Cannot export layer "hid1": it runs backward/],
    [[7, [4, 'mut1'], 2], /Cannot export layer "hid1": tfjs-layers has no "mut1" layer/],
  ] as const) {
    it(`refuses ${JSON.stringify(spec[1])} naming the layer and why`, () => {
      const before = tf.memory().numTensors;
      const net = new recurrent.Regressor(spec as never);
      expect(() => toLayersModel(net)).to.throw(reason);
      net.dispose();
      expect(tf.memory().numTensors).to.equal(before);
    });
  }
});
