import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Autoencoder, Regressor, RegularizerError, lookup, tf, type Network } from '@tsnets/core';
import { Orthogonal, PACKAGE, type OrthogonalMode, type OrthogonalOptions } from '../src/index';
import { firstPenalty, leakFree, matrixOf, randn, rejected, thrown, valueOf } from '@tsnets/testing';

/** Σ_{i≠j} G_ij² with G = WᵀW (columns) or WWᵀ (rows), in plain JS. */
function offDiagonal(w: number[][], mode: 'columns' | 'rows'): number {
  const vectors = mode === 'rows' ? w : w[0].map((_, j) => w.map((row) => row[j]));
  let total = 0;
  for (let i = 0; i < vectors.length; i++) {
    for (let j = 0; j < vectors.length; j++) {
      if (i === j) continue;
      const g = vectors[i].reduce((sum, v, k) => sum + v * vectors[j][k], 0);
      total += g * g;
    }
  }
  return total;
}

function penaltyOf(net: Network, options: OrthogonalOptions = {}): number {
  const regularizer = new Orthogonal({ weight: 1, ...options });
  regularizer.bind(net.names());
  return valueOf(regularizer.loss(net.layers));
}

describe('plugin orthogonal', () => {
  const x = randn(64, 6);

  it('registers "orthogonal" on import, under its package name', () => {
    const registration = lookup('regularizer', 'orthogonal');
    expect(registration.target).to.equal(Orthogonal);
    expect(registration.package).to.equal(PACKAGE);
    const root = path.resolve(__dirname, '../..');
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(manifest.tsnets.regularizers).to.deep.equal(['orthogonal']);
    expect(fs.existsSync(path.resolve(root, manifest.tsnets.entry))).to.equal(true);
  });

  it(
    'is the mean over weight matrices of the squared off-diagonal entries of WᵀW or WWᵀ',
    leakFree(() => {
      const net = new Regressor([7, 8, 12, 5]);
      try {
        const matrices = ['hid1.w', 'hid2.w', 'out.w'].map((name) => matrixOf(net, name));
        for (const mode of ['columns', 'rows'] as const) {
          const expected = matrices.reduce((sum, w) => sum + offDiagonal(w, mode), 0) / matrices.length;
          expect(penaltyOf(net, { mode }), mode).to.be.closeTo(expected, 1e-5 * expected);
        }
        const one = offDiagonal(matrixOf(net, 'hid2.w'), 'columns');
        expect(penaltyOf(net, { pattern: 'hid2.w' })).to.be.closeTo(one, 1e-5 * one);
      } finally {
        net.dispose();
      }
    }),
  );

  it(
    'is zero for a matrix with orthogonal columns, and not for its rows when it is not square',
    leakFree(() => {
      const net = new Regressor([3, 2]);
      try {
        // Columns (1, 0, 1) and (1, 0, -1) are orthogonal; rows 1 and 3 are not.
        const w = [
          [1, 1],
          [0, 0],
          [1, -1],
        ];
        tf.tidy(() => net.find('out', 'w').variable.assign(tf.tensor2d(w)));
        expect(penaltyOf(net, { mode: 'columns' })).to.equal(0);
        expect(penaltyOf(net, { mode: 'rows' })).to.be.closeTo(offDiagonal(w, 'rows'), 1e-6);
      } finally {
        net.dispose();
      }
    }),
  );

  it(
    'adds weight × penalty to the training loss',
    leakFree(async () => {
      const net = new Autoencoder([6, 10, 6]);
      try {
        const matrices = ['hid1.w', 'out.w'].map((name) => matrixOf(net, name));
        const expected = (0.01 * matrices.reduce((sum, w) => sum + offDiagonal(w, 'rows'), 0)) / 2;
        const penalty = await firstPenalty(net, [x], { orthogonal: { weight: 0.01, mode: 'rows' } });
        expect(penalty).to.be.closeTo(expected, 1e-6 + 1e-4 * expected);
      } finally {
        net.dispose();
      }
    }),
  );

  it(
    'trains: the loss falls and the weight vectors become closer to orthogonal',
    leakFree(async () => {
      const net = new Autoencoder([6, [10, 'tanh'], 6]);
      try {
        const before = penaltyOf(net);
        const losses: number[] = [];
        for await (const [, valid] of net.itertrain([x], {
          orthogonal: 1,
          algo: 'adam',
          learning_rate: 0.01,
          max_updates: 60,
          validate_every: 5,
        })) {
          losses.push(valid.loss);
        }
        expect(losses.at(-1)).to.be.below(0.8 * losses[0]);
        expect(penaltyOf(net)).to.be.below(0.5 * before);
      } finally {
        net.dispose();
      }
    }),
  );

  it(
    'bad options are RegularizerErrors naming orthogonal',
    leakFree(async () => {
      for (const options of [{ mode: 'diagonal' }, { mode: 5 }, { weight: -1 }, { pattern: [1] }]) {
        const error = thrown(() => new Orthogonal(options as unknown as OrthogonalOptions));
        expect(error, JSON.stringify(options)).to.be.instanceOf(RegularizerError);
        expect((error as RegularizerError).regularizer).to.equal('orthogonal');
        expect(error.message).to.include('orthogonal');
      }
      expect(thrown(() => new Orthogonal({ mode: 'diagonal' as never })).message).to.include("'columns', 'rows'");
      const net = new Autoencoder([6, 10, 6]);
      try {
        const error = await rejected(() => net.train([x], { orthogonal: { weight: 0.1, pattern: '*.b' } }));
        expect(error).to.be.instanceOf(RegularizerError);
        expect((error as RegularizerError).regularizer).to.equal('orthogonal');
        expect(error.message).to.include('hid1.w').and.include('out.w');
        const viaTrain = await rejected(() =>
          net.train([x], {
            orthogonal: { weight: 0.1, mode: 'diag' as OrthogonalMode } /* a JavaScript caller's typo */,
          }),
        );
        expect(viaTrain).to.be.instanceOf(RegularizerError);
        expect(viaTrain.message).to.include('mode');
      } finally {
        net.dispose();
      }
    }),
  );
});
