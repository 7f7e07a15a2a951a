import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Autoencoder, Regressor, RegularizerError, lookup, tf, type Network } from '@tsnets/core';
import { KLSparsity, PACKAGE, type KLSparsityOptions } from '../src/index';
import { firstPenalty, leakFree, randn, rejected, thrown, valueOf } from '@tsnets/testing';

/** Σ_j KL(ρ ‖ ρ̂_j) of one output (rows = examples), ρ̂ clipped to (eps, 1 - eps), in plain JS. */
function klOf(h: number[][], rho: number, eps = 1e-6): number {
  let total = 0;
  for (let j = 0; j < h[0].length; j++) {
    let mean = h.reduce((sum, row) => sum + row[j], 0) / h.length;
    mean = Math.min(Math.max(mean, eps), 1 - eps);
    total += rho * Math.log(rho / mean) + (1 - rho) * Math.log((1 - rho) / (1 - mean));
  }
  return total;
}

/** Every output of the network on `x`, as a map of tensors and of plain arrays. */
function outputsOf(net: Network, x: number[][]): { tensors: Map<string, tf.Tensor>; arrays: Map<string, number[][]> } {
  const tensors = new Map(Object.entries(net.feedForward(x)));
  const arrays = new Map([...tensors].map(([name, t]) => [name, t.arraySync() as number[][]]));
  return { tensors, arrays };
}

function penaltyOf(net: Network, outputs: Map<string, tf.Tensor>, options: KLSparsityOptions = {}): number {
  const regularizer = new KLSparsity({ weight: 1, ...options });
  regularizer.bind(net.names());
  return valueOf(regularizer.loss(net.layers, outputs));
}

describe('plugin kl-sparsity', () => {
  const x = randn(64, 6);

  it('registers "kl_sparsity" on import, under its package name (any spelling)', () => {
    for (const name of ['kl_sparsity', 'klSparsity', 'kl-sparsity']) {
      const registration = lookup('regularizer', name);
      expect(registration.target).to.equal(KLSparsity);
      expect(registration.package).to.equal(PACKAGE);
    }
    const root = path.resolve(__dirname, '../..');
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(manifest.tsnets.regularizers).to.deep.equal(['kl_sparsity']);
    expect(fs.existsSync(path.resolve(root, manifest.tsnets.entry))).to.equal(true);
  });

  it(
    'is the mean over hidden outputs of Σ_j KL(ρ ‖ mean activation of unit j)',
    leakFree(() => {
      const net = new Autoencoder([6, [10, 'logistic'], [8, 'logistic'], 6]);
      const { tensors, arrays } = outputsOf(net, x);
      try {
        const h1 = arrays.get('hid1:out') as number[][];
        const h2 = arrays.get('hid2:out') as number[][];
        const both = (klOf(h1, 0.05) + klOf(h2, 0.05)) / 2;
        expect(penaltyOf(net, tensors)).to.be.closeTo(both, 1e-4 * both);
        const one = klOf(h2, 0.2);
        expect(penaltyOf(net, tensors, { rho: 0.2, pattern: 'hid2:out' })).to.be.closeTo(one, 1e-4 * one);
      } finally {
        tf.dispose([...tensors.values()]);
        net.dispose();
      }
    }),
  );

  it(
    'clips mean activations to (eps, 1 - eps), so dead or saturated units give finite penalties',
    leakFree(() => {
      const net = new Autoencoder([4, [3, 'relu'], 4]);
      // Unit 0 never fires, unit 1 averages above 1, unit 2 averages 0.25.
      const h = [
        [0, 2, 0.5],
        [0, 1.5, 0],
      ];
      const outputs = new Map([['hid1:out', tf.tensor2d(h)]]);
      try {
        const expected = klOf(h, 0.05, 1e-3);
        const value = penaltyOf(net, outputs, { eps: 1e-3 });
        expect(value).to.be.finite;
        expect(value).to.be.closeTo(expected, 1e-4 * expected);
      } finally {
        tf.dispose([...outputs.values()]);
        net.dispose();
      }
    }),
  );

  it(
    'adds weight × penalty to the training loss',
    leakFree(async () => {
      const net = new Autoencoder([6, [10, 'logistic'], 6]);
      const { tensors, arrays } = outputsOf(net, x);
      tf.dispose([...tensors.values()]);
      try {
        const expected = 0.1 * klOf(arrays.get('hid1:out') as number[][], 0.05);
        // One batch of all 64 rows: the penalty of a batch mean is not the mean of batch penalties.
        const penalty = await firstPenalty(net, [x], { kl_sparsity: 0.1, batch_size: 64 });
        expect(penalty).to.be.closeTo(expected, 1e-6 + 1e-4 * expected);
      } finally {
        net.dispose();
      }
    }),
  );

  it(
    'trains: the loss falls and the mean activations move toward rho',
    leakFree(async () => {
      const net = new Autoencoder([6, [10, 'logistic'], 6]);
      const penalty = (): number => {
        const { tensors } = outputsOf(net, x);
        try {
          return penaltyOf(net, tensors);
        } finally {
          tf.dispose([...tensors.values()]);
        }
      };
      try {
        const before = penalty();
        const losses: number[] = [];
        for await (const [, valid] of net.itertrain([x], {
          kl_sparsity: 1,
          algo: 'adam',
          learning_rate: 0.05,
          batch_size: 64,
          max_updates: 100,
          validate_every: 5,
        })) {
          losses.push(valid.loss);
        }
        expect(losses.at(-1)).to.be.below(0.5 * losses[0]);
        expect(penalty()).to.be.below(0.5 * before);
      } finally {
        net.dispose();
      }
    }),
  );

  it(
    'bad options are RegularizerErrors naming kl_sparsity',
    leakFree(async () => {
      const bad: KLSparsityOptions[] = [
        { rho: 0 },
        { rho: 1 },
        { rho: -0.1 },
        { rho: Number.NaN },
        { rho: '0.1' as unknown as number },
        { eps: 0 },
        { eps: 0.5 },
        { weight: -1 },
      ];
      for (const options of bad) {
        const error = thrown(() => new KLSparsity(options));
        expect(error, JSON.stringify(options)).to.be.instanceOf(RegularizerError);
        expect((error as RegularizerError).regularizer).to.equal('kl_sparsity');
        expect(error.message).to.include('kl_sparsity');
      }
      expect(thrown(() => new KLSparsity({ rho: 1.5 })).message).to.include('rho');
      const net = new Autoencoder([6, [10, 'logistic'], 6]);
      const flat = new Regressor([6, 3]);
      try {
        const viaTrain = await rejected(() => net.train([x], { kl_sparsity: { weight: 0.1, rho: 2 } }));
        expect(viaTrain).to.be.instanceOf(RegularizerError);
        expect(viaTrain.message).to.include('kl_sparsity').and.include('rho');
        const nothing = await rejected(() => net.train([x], { kl_sparsity: { weight: 0.1, pattern: 'hid9:out' } }));
        expect(nothing).to.be.instanceOf(RegularizerError);
        expect(nothing.message).to.include('hid9:out').and.include('hid1:out');
        const noHidden = thrown(() => new KLSparsity({ weight: 0.1 }).bind(flat.names()));
        expect(noHidden).to.be.instanceOf(RegularizerError);
        expect(noHidden.message).to.include('no hidden layers');
      } finally {
        net.dispose();
        flat.dispose();
      }
    }),
  );
});
