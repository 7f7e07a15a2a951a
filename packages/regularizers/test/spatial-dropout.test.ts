import { expect } from 'chai';
import { convolution, Regressor, RegularizerError, tf, type Network } from '@tsnets/core';
import { SpatialDropout } from '../src/base';
import { firstEpoch, leakFree, take } from './helpers';

type Maps = number[][][][];

// 40 images of 6 x 5 pixels, 2 channels: values away from 0, so a dropped map is told apart from a kept one.
const X: Maps = Array.from({ length: 40 }, (_, n) =>
  Array.from({ length: 6 }, (__, u) =>
    Array.from({ length: 5 }, (___, v) => [1 + ((n + u + v) % 3), 2 + ((n * u + v) % 5)]),
  ),
);
// Targets the images determine: each channel's mean.
const Y = X.map((image) => [0, 1].map((k) => image.flat().reduce((sum, p) => sum + p[k], 0) / 30));

function convNet(): Network {
  return new convolution.Regressor([
    [6, 5, 2],
    { form: 'conv2', size: 4, filter_size: 2, activation: 'sigmoid' },
    { form: 'pool2', pool_size: 2 },
    'flatten',
    2,
  ]);
}

/** The feedForward outputs with `keywords` at predict time (Monte Carlo), as arrays. */
function outputsOf(net: Network, keywords: Record<string, unknown>): Record<string, Maps> {
  const outputs = net.feedForward(X, keywords);
  return Object.fromEntries(Object.entries(outputs).map(([name, tensor]) => [name, take<Maps>(tensor)]));
}

describe('spatial_dropout', () => {
  it(
    'zeroes whole feature maps: each channel of each example is all 0 or all its clean value / (1 - rate)',
    leakFree(() => {
      const net = convNet();
      const outputs = outputsOf(net, { spatial_dropout: 0.4 });
      // Default targets: the hidden feature maps (conv2 and pool2), not the flat layer or the input.
      expect(Object.keys(outputs).filter((name) => name.endsWith('-predrop'))).to.deep.equal([
        'hid1:out-predrop',
        'hid2:out-predrop',
      ]);
      const clean = outputs['hid1:out-predrop'];
      const dropped = outputs['hid1:out'];
      let zeros = 0;
      let maps = 0;
      for (let n = 0; n < X.length; n++) {
        for (let k = 0; k < 4; k++) {
          const values = dropped[n].flatMap((row) => row.map((p) => p[k]));
          const reference = clean[n].flatMap((row) => row.map((p) => p[k] / 0.6));
          const isZero = values.every((v) => v === 0);
          if (!isZero) values.forEach((v, i) => expect(v).to.be.closeTo(reference[i], 1e-5));
          zeros += isZero ? 1 : 0;
          maps += 1;
        }
      }
      expect(maps).to.equal(160);
      // 160 maps at rate 0.4: 64 dropped on average, standard deviation about 6.
      expect(zeros).to.be.within(40, 88);
      net.dispose();
    }),
  );

  it(
    'a pattern names the maps; a flat output is refused, naming its shape',
    leakFree(() => {
      const net = convNet();
      const outputs = outputsOf(net, { spatial_dropout: { rate: 0.5, pattern: 'hid2:out' } });
      expect(Object.keys(outputs).filter((name) => name.endsWith('-predrop'))).to.deep.equal(['hid2:out-predrop']);
      expect(() => net.feedForward(X, { spatial_dropout: { rate: 0.5, pattern: 'hid3:out' } })).to.throw(
        RegularizerError,
        /drops whole feature maps, but output "hid3:out" has shape \[N, 16\]/,
      );
      net.dispose();
    }),
  );

  it(
    'a network without feature maps has no default targets',
    leakFree(async () => {
      const net = new Regressor([7, 8, 5]);
      let caught: unknown;
      try {
        await firstEpoch(net, { spatial_dropout: 0.2 });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(RegularizerError);
      expect((caught as Error).message).to.match(/"spatial_dropout": this network has no hidden feature maps/);
      net.dispose();
    }),
  );

  it('a rate outside [0, 1) is refused', () => {
    expect(() => new SpatialDropout({ rate: 1 })).to.throw(RegularizerError, /rate/);
  });

  it(
    'acts in training steps only: the clean graph predicts',
    leakFree(() => {
      const net = convNet();
      const plain = take(net.predict(X));
      const trained = tf.tidy(() => new SpatialDropout({ rate: 0.5 }).trainOnly);
      expect(trained).to.equal(true);
      expect(take(net.predict(X))).to.deep.equal(plain);
      net.dispose();
    }),
  );

  it('trains a convolution model: the clean validation loss falls', async () => {
    const net = convNet();
    const before = tf.memory().numTensors;
    const run = net.itertrain([X, Y], {
      algo: 'sgd',
      momentum: 0.5,
      batch_size: 4,
      max_gradient_norm: 1,
      validate_every: 1,
      patience: 20,
      learning_rate: 0.05,
      spatial_dropout: 0.2,
    });
    const valid: number[] = [];
    for (let epoch = 0; epoch < 12; epoch++)
      valid.push(((await run.next()).value as [unknown, { loss: number }])[1].loss);
    await run.return(undefined);
    expect(valid[11], valid.join(', ')).to.be.below(valid[0] * 0.9);
    expect(tf.memory().numTensors).to.equal(before);
    net.dispose();
  });
});
