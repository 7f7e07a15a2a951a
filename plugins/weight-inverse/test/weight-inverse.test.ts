import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Autoencoder, Regressor, RegularizerError, lookup, tf, type Network } from '@tsnets/core';
import { PACKAGE, WeightInverse } from '../src/index';
import { firstPenalty, leakFree, matrixOf, randn, rejected, thrown, valueOf } from '@tsnets/testing';

/** Σ_W Σ_j 1 / Σ_i W_ij², in plain JS. */
function weightInverse(matrices: number[][][]): number {
  let total = 0;
  for (const w of matrices) {
    for (let j = 0; j < w[0].length; j++) {
      let squared = 0;
      for (const row of w) squared += row[j] * row[j];
      total += 1 / squared;
    }
  }
  return total;
}

function penaltyOf(network: Network, options: ConstructorParameters<typeof WeightInverse>[0] = {}): number {
  const regularizer = new WeightInverse({ weight: 1, ...options });
  regularizer.bind(network.names());
  return valueOf(regularizer.loss(network.layers));
}

describe('plugin weight-inverse', () => {
  const x = randn(64, 4);

  it('registers "weightinverse" on import, under its package name', () => {
    const registration = lookup('regularizer', 'weightinverse');
    expect(registration.target).to.equal(WeightInverse);
    expect(registration.package).to.equal(PACKAGE);
    expect(new WeightInverse().id).to.equal('weightinverse');
  });

  it('declares what it registers in its package.json manifest, with an entry that exists', () => {
    const root = path.resolve(__dirname, '../..');
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(manifest.name).to.equal(PACKAGE);
    expect(manifest.tsnets.regularizers).to.deep.equal(['weightinverse']);
    expect(fs.existsSync(path.resolve(root, manifest.tsnets.entry)), manifest.tsnets.entry).to.equal(true);
  });

  it(
    'is the sum over weight matrices of 1 / squared column norm (biases left out)',
    leakFree(() => {
      const net = new Regressor([7, 8, 12, 5]);
      try {
        const expected = weightInverse(['hid1.w', 'hid2.w', 'out.w'].map((name) => matrixOf(net, name)));
        expect(penaltyOf(net)).to.be.closeTo(expected, 1e-5 * expected);
        const one = weightInverse([matrixOf(net, 'hid2.w')]);
        expect(penaltyOf(net, { pattern: 'hid2.*' })).to.be.closeTo(one, 1e-5 * one);
      } finally {
        net.dispose();
      }
    }),
  );

  it(
    'counts a tied autoencoder’s shared matrix once',
    leakFree(() => {
      const net = new Autoencoder([4, [8, 'linear'], [4, 'tied']]);
      try {
        const regularizer = new WeightInverse({ weight: 1 });
        regularizer.bind(net.names());
        expect(regularizer.targets()).to.deep.equal(['hid1.w']);
        const expected = weightInverse([matrixOf(net, 'hid1.w')]);
        expect(valueOf(regularizer.loss(net.layers))).to.be.closeTo(expected, 1e-5 * expected);
      } finally {
        net.dispose();
      }
    }),
  );

  it(
    'adds weight × penalty to the training loss, beside hidden_l1 (the seed example)',
    leakFree(async () => {
      const net = new Autoencoder([4, [8, 'linear'], [4, 'tied']]);
      try {
        const hidden = net.feedForward(x);
        const h = hidden['hid1:out'].arraySync() as number[][];
        for (const tensor of Object.values(hidden)) tensor.dispose();
        const l1 = h.flat().reduce((sum, v) => sum + Math.abs(v), 0) / (h.length * h[0].length);
        const expected = 0.001 * weightInverse([matrixOf(net, 'hid1.w')]) + 0.001 * l1;
        const penalty = await firstPenalty(net, [x], { hidden_l1: 0.001, weightinverse: 0.001 });
        expect(penalty).to.be.closeTo(expected, 1e-6 + 1e-4 * expected);
      } finally {
        net.dispose();
      }
    }),
  );

  it(
    'trains: the validation loss (error plus penalty) falls',
    leakFree(async () => {
      const net = new Autoencoder([4, [8, 'linear'], [4, 'tied']]);
      try {
        const losses: number[] = [];
        for await (const [, valid] of net.itertrain([x], {
          weightinverse: 0.01,
          algo: 'adam',
          learning_rate: 0.01,
          max_updates: 60,
          validate_every: 5,
          batch_size: 16,
        })) {
          losses.push(valid.loss);
        }
        expect(losses.at(-1)).to.be.below(0.8 * losses[0]);
        expect(penaltyOf(net)).to.be.finite;
      } finally {
        net.dispose();
      }
    }),
  );

  it(
    'bad options are RegularizerErrors naming weightinverse; at predict time it changes nothing',
    leakFree(async () => {
      for (const options of [{ weight: -1 }, { weight: Number.NaN }, { pattern: 5 }]) {
        const error = thrown(() => new WeightInverse(options as never));
        expect(error).to.be.instanceOf(RegularizerError);
        expect((error as RegularizerError).regularizer).to.equal('weightinverse');
        expect(error.message).to.include('weightinverse');
      }
      const net = new Autoencoder([4, [8, 'linear'], [4, 'tied']]);
      try {
        const error = await rejected(() => net.train([x], { weightinverse: { weight: 0.1, pattern: 'hid1.b' } }));
        expect(error).to.be.instanceOf(RegularizerError);
        expect((error as RegularizerError).regularizer).to.equal('weightinverse');
        expect(error.message).to.include('"hid1.b"').and.include('hid1.w');
        // A penalty at predict time is accepted and changes nothing.
        const plain = net.predict(x);
        const withPenalty = net.predict(x, { weightinverse: 0.001 });
        expect(withPenalty.arraySync()).to.deep.equal(plain.arraySync());
        tf.dispose([plain, withPenalty]);
        const negative = await rejected(() => net.train([x], { weightinverse: -0.1 }));
        expect(negative).to.be.instanceOf(RegularizerError);
        expect(negative.message).to.include('weightinverse');
      } finally {
        net.dispose();
      }
    }),
  );
});
