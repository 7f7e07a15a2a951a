import { expect } from 'chai';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convolution, RandomState, recurrent, tf, type LayerSpec, type Network } from '@tsnets/core';
import { fileSystem } from '@tsnets/tfjs-file-io';
import '../src/index';
import { toLayersModel } from '../src/cli/export/layers-model';
import { UsageError } from '../src/cli/errors';
import { run } from './cli-helpers';

const rng = new RandomState(5);
/** Five images of 11 x 9 pixels, 2 channels. */
const X = tf.tidy(() => tf.tensor4d(Float32Array.from(rng.randn(5 * 11 * 9 * 2)), [5, 11, 9, 2]));
after(() => X.dispose());

/** The largest absolute difference between tsnets' output and the exported model's on `x`. */
function difference(net: Network, model: tf.LayersModel, x: tf.Tensor = X): number {
  return tf.tidy(() => {
    const ours = net instanceof convolution.Classifier ? net.predictProba(x) : net.predict(x);
    const theirs = model.predict(x) as tf.Tensor;
    expect(theirs.shape).to.deep.equal(ours.shape);
    return tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0];
  });
}

const CASES: Array<[string, LayerSpec[], string[]]> = [
  [
    'conv2 (valid, stride 2), max pooling, flatten, dense',
    [[11, 9, 2], { form: 'conv2', size: 4, filter_size: [3, 2], stride: 2 }, 'pool2', 'flatten', 3],
    ['Conv2D', 'MaxPooling2D', 'Flatten', 'Dense'],
  ],
  [
    "conv2 'full' and 'same', mean pooling with 'same' borders and an activation",
    [
      [11, 9, 2],
      { form: 'conv2', size: 3, filter_size: [2, 3], border_mode: 'full', activation: 'tanh' },
      { form: 'conv2', size: 4, filter_size: 2, border_mode: 'same', stride: [1, 2] },
      { form: 'pool2', pool_size: [3, 2], mode: 'mean', border_mode: 'same', activation: 'relu' },
      'flatten',
      3,
    ],
    ['ZeroPadding2D', 'Conv2D', 'Conv2D', 'AveragePooling2D', 'Activation', 'Flatten', 'Dense'],
  ],
];

describe('export of convolution models to a TensorFlow.js LayersModel', function () {
  this.timeout(60_000);

  for (const [name, layers, classes] of CASES) {
    it(name, () => {
      const net = new convolution.Regressor(layers);
      const model = toLayersModel(net);
      expect(model.layers.map((l) => l.getClassName())).to.deep.equal(classes);
      expect(difference(net, model)).to.be.below(1e-5);
      model.dispose();
      net.dispose();
    });
  }

  it('a channels-first classifier exports a permute first and its softmax', () => {
    const net = new convolution.Classifier([
      { shape: [2, 11, 9], channels: 'first' },
      { form: 'conv2', size: 3, filter_size: 3 },
      'flatten',
      4,
    ]);
    const model = toLayersModel(net);
    expect(model.layers[0].getClassName()).to.equal('Permute');
    const x = tf.transpose(X, [0, 3, 1, 2]);
    expect(difference(net, model, x)).to.be.below(1e-5);
    x.dispose();
    model.dispose();
    net.dispose();
  });

  it("conv1 and pool1 in a recurrent model export; conv1 'full' is refused by name", () => {
    const net = new recurrent.Regressor([
      2,
      { form: 'conv1', size: 3, filter_size: 3, border_mode: 'same' },
      { form: 'pool1', pool_size: 3 },
      2,
    ]);
    const model = toLayersModel(net);
    const x = tf.reshape(X, [5, 99, 2]);
    expect(difference(net, model, x)).to.be.below(1e-5);
    tf.dispose([x]);
    model.dispose();
    net.dispose();
    const full = new recurrent.Regressor([
      2,
      { form: 'conv1', size: 3, filter_size: 3, border_mode: 'full', name: 'c' },
      2,
    ]);
    expect(() => toLayersModel(full)).to.throw(
      UsageError,
      /Cannot export layer "c": tfjs-layers has no 1-d zero padding/,
    );
    full.dispose();
  });

  it('tsnets export writes files that load and predict the same', async () => {
    const dir = fs.mkdtempSync(join(tmpdir(), 'tsnets-export-conv-'));
    try {
      const net = new convolution.Classifier(CASES[1][1]);
      await net.save(join(dir, 'conv.tsnets'));
      const result = await run(['export', join(dir, 'conv.tsnets'), join(dir, 'out')]);
      expect(result.code, result.stderr).to.equal(0);
      const model = await tf.loadLayersModel(fileSystem(join(dir, 'out', 'model.json')));
      expect(difference(net, model)).to.be.below(1e-5);
      model.dispose();
      net.dispose();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
