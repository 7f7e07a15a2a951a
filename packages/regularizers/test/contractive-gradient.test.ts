import { expect } from 'chai';
import { Regressor, tf } from '@tsnets/core';
import { INPUTS, leakFree, OUTPUTS } from './helpers';

describe('contractive gradient', () => {
  it(
    'reaches the weights (second order) and agrees with a finite difference',
    leakFree(() => {
      const net = new Regressor([7, 8, 12, 5]);
      const regularizers = net.regularizersFrom({ contractive: 1 });
      const batch = tf.tidy(() => net.prepare([INPUTS, OUTPUTS]));
      const weights = net.find('hid1', 'w').variable;
      // The penalty alone, from the hook (loss - err would lose it in float32 rounding).
      const [contractive] = regularizers;
      const feeds = new Map([['in', batch[0]]]);
      const context = { training: true, feeds, rebuild: (other: typeof feeds) => net.buildGraph(other) };
      const penalty = (): tf.Scalar =>
        tf.tidy(() => contractive.loss?.(net.layers, net.buildGraph(feeds), context) as tf.Scalar);
      const gradient = tf.tidy(
        () => tf.variableGrads(penalty, [weights]).grads[weights.name].arraySync() as number[][],
      );
      expect(
        gradient.flat().some((g) => g !== 0),
        'a nonzero gradient',
      ).to.equal(true);

      // Central difference on the largest entry (relu is piecewise linear: small steps keep its pattern).
      const flat = gradient.flat();
      const k = flat.reduce((best, g, i) => (Math.abs(g) > Math.abs(flat[best]) ? i : best), 0);
      const [row, col] = [Math.floor(k / gradient[0].length), k % gradient[0].length];
      const original = weights.arraySync() as number[][];
      const valueAt = (delta: number): number => {
        const moved = original.map((r, i) => r.map((v, j) => (i === row && j === col ? v + delta : v)));
        tf.tidy(() => weights.assign(tf.tensor2d(moved)));
        return tf.tidy(() => penalty().dataSync()[0]);
      };
      const h = 1e-3;
      const numeric = (valueAt(h) - valueAt(-h)) / (2 * h);
      tf.tidy(() => weights.assign(tf.tensor2d(original)));
      expect(numeric).to.be.closeTo(flat[k], 1e-3 * Math.abs(flat[k]) + 1e-7);
      tf.dispose(batch);
      net.dispose();
    }),
  );
});
