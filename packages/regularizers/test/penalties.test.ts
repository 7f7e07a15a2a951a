import { expect } from 'chai';
import { Regressor, tf, type Network, type TrainOptions } from '@tsnets/core';
import { expectClose, firstEpoch, INPUTS, leakFree, scalar } from './helpers';

/** Every output of the Regressor([7, 8, 12, 5]) below, computed by hand: relu, relu, linear. */
function forward(net: Network): { x: tf.Tensor; z1: tf.Tensor; h1: tf.Tensor; z2: tf.Tensor; h2: tf.Tensor } {
  const x = tf.tensor2d(INPUTS);
  const z1 = tf.add(tf.matMul(x, net.find('hid1', 'w').variable), net.find('hid1', 'b').variable);
  const h1 = tf.relu(z1);
  const z2 = tf.add(tf.matMul(h1, net.find('hid2', 'w').variable), net.find('hid2', 'b').variable);
  return { x, z1, h1, z2, h2: tf.relu(z2) };
}

/** The mean of `f` over a parameter's values, in plain numbers. */
function meanOf(net: Network, name: string, f: (v: number) => number): number {
  const [layer, param] = name.split('.');
  const values = Array.from(net.find(layer, param).value());
  return values.reduce((sum, v) => sum + f(v), 0) / values.length;
}

const average = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/** mean(|h|) of a hidden output. */
const hiddenL1 = (net: Network, which: 'h1' | 'h2'): number =>
  tf.tidy(() => scalar(tf.mean(tf.abs(forward(net)[which]))));

/**
 * mean((d mean(h) / dx)²) by the chain rule, without tf.grad:
 * d mean(h1)/dx = (step(z1) / |h1|) W1ᵀ, and
 * d mean(h2)/dx = ((step(z2) / |h2|) W2ᵀ ⊙ step(z1)) W1ᵀ.
 */
function contractive(net: Network, which: 'h1' | 'h2'): number {
  return tf.tidy(() => {
    const { z1, z2, h1, h2 } = forward(net);
    const step = (z: tf.Tensor) => tf.cast(tf.greater(z, 0), 'float32');
    const w1t = tf.transpose(net.find('hid1', 'w').variable);
    const w2t = tf.transpose(net.find('hid2', 'w').variable);
    let upstream: tf.Tensor;
    if (which === 'h1') {
      upstream = tf.div(step(z1), h1.size);
    } else {
      upstream = tf.mul(tf.matMul(tf.div(step(z2), h2.size), w2t), step(z1));
    }
    const gradient = tf.matMul(upstream, w1t);
    return scalar(tf.mean(tf.square(gradient)));
  });
}

/** `loss - err` of the first validation, with the keyword, on a fresh seeded network. */
async function penaltyOf(keywords: TrainOptions, expected: (net: Network) => number): Promise<void> {
  const net = new Regressor([7, 8, 12, 5]);
  try {
    const want = expected(net);
    const [, valid] = await firstEpoch(net, keywords);
    expect(want, 'the expected penalty is positive').to.be.greaterThan(0);
    expectClose(valid.loss - valid.err, want, 1e-4, 2e-6, 'loss - err');
  } finally {
    net.dispose();
  }
}

describe('penalties equal their formulas (first validation: loss - err = weight × penalty)', () => {
  it(
    'weight_l2: mean over weight matrices of mean(W²)',
    leakFree(() =>
      penaltyOf(
        { weight_l2: 0.5 },
        (net) => 0.5 * average(['hid1.w', 'hid2.w', 'out.w'].map((n) => meanOf(net, n, (v) => v * v))),
      ),
    ),
  );

  it(
    'weight_decay with a pattern: only the matched weights',
    leakFree(() =>
      penaltyOf({ weight_decay: { weight: 2, pattern: 'hid1.w' } }, (net) => 2 * meanOf(net, 'hid1.w', (v) => v * v)),
    ),
  );

  it(
    'weight_l1: mean over weight matrices of mean(|W|)',
    leakFree(() =>
      penaltyOf(
        { weight_l1: 0.3 },
        (net) => 0.3 * average(['hid1.w', 'hid2.w', 'out.w'].map((n) => meanOf(net, n, Math.abs))),
      ),
    ),
  );

  it(
    'weight_sparsity with patterns: biases matched by the pattern are left out',
    leakFree(() =>
      penaltyOf({ weight_sparsity: { weight: 1, pattern: ['hid2.w', 'out.*'] } }, (net) =>
        average(['hid2.w', 'out.w'].map((n) => meanOf(net, n, Math.abs))),
      ),
    ),
  );

  it(
    'hidden_l1: mean over hidden outputs of mean(|h|)',
    leakFree(() => penaltyOf({ hidden_l1: 1 }, (net) => (hiddenL1(net, 'h1') + hiddenL1(net, 'h2')) / 2)),
  );

  it(
    'hidden_sparsity with a pattern: one output',
    leakFree(() =>
      penaltyOf({ hidden_sparsity: { weight: 0.5, pattern: 'hid2:out' } }, (net) => 0.5 * hiddenL1(net, 'h2')),
    ),
  );

  it(
    'contractive: mean over hidden outputs of mean((d mean(h) / dx)²)',
    leakFree(() =>
      penaltyOf({ contractive: 1000 }, (net) => (1000 * (contractive(net, 'h1') + contractive(net, 'h2'))) / 2),
    ),
  );

  it(
    'contractive with pattern and wrt',
    leakFree(() =>
      penaltyOf(
        { contractive: { weight: 1000, pattern: 'hid2:out', wrt: 'in:out' } },
        (net) => 1000 * contractive(net, 'h2'),
      ),
    ),
  );

  it(
    'several penalties add up',
    leakFree(() =>
      penaltyOf(
        { weight_l2: 0.1, hidden_l1: 0.2 },
        (net) =>
          0.1 * average(['hid1.w', 'hid2.w', 'out.w'].map((n) => meanOf(net, n, (v) => v * v))) +
          (0.2 * (hiddenL1(net, 'h1') + hiddenL1(net, 'h2'))) / 2,
      ),
    ),
  );

  it(
    'the hand-made forward pass agrees with the network',
    leakFree(() => {
      const net = new Regressor([7, 8, 12, 5]);
      const outputs = net.feedForward(INPUTS);
      tf.tidy(() => {
        const { h1, h2 } = forward(net);
        expect(scalar(tf.max(tf.abs(tf.sub(h1, outputs['hid1:out']))))).to.be.below(1e-5);
        expect(scalar(tf.max(tf.abs(tf.sub(h2, outputs['hid2:out']))))).to.be.below(1e-5);
      });
      tf.dispose(Object.values(outputs));
      net.dispose();
    }),
  );

  it(
    'noise and dropout add no penalty and leave validation alone',
    leakFree(async () => {
      const plain = new Regressor([7, 8, 12, 5]);
      const [, clean] = await firstEpoch(plain);
      plain.dispose();
      for (const keywords of [
        { input_noise: 0.1 },
        { hidden_noise: { std: 0.3, pattern: 'hid1:out' } },
        { output_noise: 0.2 },
        { noise: { '*:out': 0.1 } },
        { input_dropout: 0.2 },
        { hidden_dropout: 0.5 },
        { output_dropout: { rate: 0.3 } },
        { dropout: { 'hid?:out': 0.2, 'in:out': 0.1 } },
      ]) {
        const net = new Regressor([7, 8, 12, 5]);
        const [, valid] = await firstEpoch(net, keywords);
        net.dispose();
        const what = JSON.stringify(keywords);
        expect(valid.loss, what).to.equal(valid.err);
        expect(valid.err, what).to.equal(clean.err);
      }
    }),
  );
});
