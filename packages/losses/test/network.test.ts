import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Classifier, Network, RandomState, Regressor, tf, type ArrayInput } from '@tsnets/core';
import '../src/index';

// Data shaped like theanets' test/util.py: 64 examples, 7 inputs, 5 outputs, 3 classes.
const rng = new RandomState(13);
const matrix = (rows: number, cols: number, values: Float64Array): number[][] =>
  Array.from({ length: rows }, (_, i) => Array.from(values.subarray(i * cols, (i + 1) * cols)));
const INPUTS = matrix(64, 7, rng.randn(64 * 7));
const OUTPUTS = matrix(64, 5, rng.randn(64 * 5));
const CLASSES = Array.from({ length: 64 }, (_, i) => (i * 7 + 3) % 3);
const ABS_OUTPUTS = OUTPUTS.map((row) => row.map(Math.abs));

/**
 * The first loss on the data, then after `steps` gradient steps whose
 * global norm is clipped to 1 (like theanets' assert_progress, without the trainer).
 */
function progress(net: Network, data: ArrayInput[], steps = 30, rate = 0.1): [number, number] {
  const before = tf.memory().numTensors;
  const batch = tf.tidy(() => net.prepare(data));
  const variables = net.params.map((p) => p.variable);
  const lossOf = (): tf.Scalar => net.evaluateBatch(batch)[0][1];
  const value = (): number => tf.tidy(() => lossOf().dataSync()[0]);
  const first = value();
  for (let i = 0; i < steps; i++) {
    tf.tidy(() => {
      const { grads } = tf.variableGrads(lossOf, variables);
      const norm = Math.sqrt(variables.reduce((s, v) => s + tf.sum(tf.square(grads[v.name])).dataSync()[0], 0));
      const scale = rate / Math.max(1, norm);
      for (const variable of variables) variable.assign(tf.sub(variable, tf.mul(grads[variable.name], scale)));
    });
  }
  const last = value();
  tf.dispose(batch);
  expect(tf.memory().numTensors, 'tensors leaked').to.equal(before);
  return [first, last];
}

describe('losses in networks (theanets losses_test)', () => {
  it('a weighted loss adds a weights slot', () => {
    const plain = new Regressor([7, 5], { loss: 'mse' });
    const weighted = new Regressor([7, 5], { loss: 'mse', weighted: true });
    expect(plain.slots().map((s) => s.name)).to.deep.equal(['inputs', 'targets']);
    expect(weighted.slots().map((s) => s.name)).to.deep.equal(['inputs', 'targets', 'weights']);
    plain.dispose();
    weighted.dispose();
  });

  for (const loss of ['xe', 'hinge']) {
    it(`classification with ${loss} makes progress`, () => {
      const net = new Classifier([7, 10, 3], { loss });
      expect(net.slots()[1]).to.include({ name: 'labels', dtype: 'int32' });
      const [first, last] = progress(net, [INPUTS, CLASSES]);
      expect(last, `${first} -> ${last}`).to.be.below(first * 0.95);
      net.dispose();
    });
  }

  for (const loss of ['mse', 'mae', 'mmd']) {
    it(`regression with ${loss} makes progress`, () => {
      const net = new Regressor([7, 10, 5], { loss });
      const [first, last] = progress(net, [INPUTS, OUTPUTS]);
      expect(last, `${first} -> ${last}`).to.be.below(first * 0.95);
      net.dispose();
    });
  }

  it('weighted regression with mse makes progress', () => {
    const net = new Regressor([7, 10, 5], { loss: 'mse', weighted: true });
    const [first, last] = progress(net, [INPUTS, OUTPUTS, ABS_OUTPUTS]);
    expect(last, `${first} -> ${last}`).to.be.below(first * 0.95);
    net.dispose();
  });

  it('kl on a softmax output makes progress', () => {
    const net = new Regressor([7, 10, [5, 'softmax']], { loss: 'kl' });
    const [first, last] = progress(net, [INPUTS, ABS_OUTPUTS]);
    expect(last, `${first} -> ${last}`).to.be.below(first * 0.95);
    net.dispose();
  });

  it('gll with mean and covar layers makes progress', () => {
    const net = new Regressor([
      7,
      { name: 'hid', size: 10 },
      { name: 'covar', activation: 'relu', inputs: 'hid', size: 5 },
      { name: 'mean', activation: 'linear', inputs: 'hid', size: 5 },
    ]);
    net.setLoss({ form: 'gll', meanName: 'mean', covarName: 'covar' });
    expect(net.losses[0].outputName).to.equal('mean:out');
    expect(net.slots()[1]).to.deep.include({ name: 'targets', shape: [5] });
    const [first, last] = progress(net, [INPUTS, OUTPUTS]);
    expect(last, `${first} -> ${last}`).to.be.below(first * 0.95);
    net.dispose();
  });

  it('a model saved with gll or mmd loads with the same loss options', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsnets-losses-'));
    try {
      const net = new Regressor([7, { name: 'covar', size: 5 }, { name: 'mean', size: 5, inputs: 'in' }]);
      net.setLoss({ form: 'gll', meanName: 'mean', covarName: 'covar', covarEps: 0.01 });
      net.addLoss({ form: 'mmd', kernel: 2, weight: 0.5 });
      await net.save(join(dir, 'model.json'));
      const loaded = await Network.load(join(dir, 'model.json'));
      expect(loaded.losses.map((l) => l.toSpec())).to.deep.equal(net.losses.map((l) => l.toSpec()));
      net.dispose();
      loaded.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
