import { expect } from 'chai';
import { Regressor, tf } from '@tsnets/core';
import { leakFree } from './helpers';

describe('weight_l2 gradient', () => {
  it(
    'is weight · 2W / (|Ω| · size(W)) for every weight matrix',
    leakFree(() => {
      const net = new Regressor([7, 8, 12, 5]);
      const [l2] = net.regularizersFrom({ weight_l2: 0.3 });
      const weights = net.params.filter((param) => param.shape.length === 2).map((param) => param.variable);
      expect(weights).to.have.length(3);
      const context = { training: true, feeds: new Map(), rebuild: () => new Map() };
      const { value, grads } = tf.variableGrads(
        () => tf.mul(0.3, l2.loss?.(net.layers, new Map(), context) as tf.Scalar) as tf.Scalar,
        weights,
      );
      // Three weight matrices share the penalty: R = 1/3 · Σ mean(W²).
      let expected = 0;
      for (const variable of weights) {
        const got = grads[variable.name].dataSync();
        const values = variable.dataSync();
        values.forEach((w, i) => {
          expected += (0.3 * w * w) / (3 * values.length);
          expect(got[i], variable.name).to.be.closeTo((0.3 * 2 * w) / (3 * values.length), 1e-7);
        });
      }
      expect(value.dataSync()[0]).to.be.closeTo(expected, 1e-6 * expected);
      tf.dispose([value, grads]);
      net.dispose();
    }),
  );
});
