/**
 * contractive's `wrt` on a graph with two inputs, `a` (two columns) and `b`
 * (one), and one output `h = (a [1, 2]ᵀ) ⊙ b`, where the derivative of
 * `mean(h)` is known by hand: over N rows, ∂/∂b_n = (a_n0 + 2 a_n1) / N,
 * ∂/∂a_n0 = b_n / N and ∂/∂a_n1 = 2 b_n / N.
 */
import { expect } from 'chai';
import { Input, RegularizerError, tf, type GraphContext, type NetworkNames } from '@tsnets/core';
import { Contractive } from '../src/base';
import { leakFree } from './helpers';

const A = [
  [1, 2],
  [0.5, -1],
];
const B = [[3], [-2]];

// By hand, N = 2: ∂/∂b = [5, -1.5] / 2 = [2.5, -0.75], squares 6.25 and 0.5625.
const BY_B = (6.25 + 0.5625) / 2;
// ∂/∂a = [[1.5, 3], [-1, -2]], squares 2.25, 9, 1, 4; over all six input elements together.
const BY_BOTH = (2.25 + 9 + 1 + 4 + 6.25 + 0.5625) / 6;

const names: NetworkNames = {
  layers: [new Input({ name: 'a', size: 2 }), new Input({ name: 'b', size: 1 })],
  params: [],
  outputs: ['a:out', 'b:out', 'h:out'],
};

/** The penalty of `contractive` with these options on the graph above. */
function penalty(options: ConstructorParameters<typeof Contractive>[0]): number {
  const contractive = new Contractive({ weight: 1, pattern: 'h:out', ...options });
  contractive.bind(names);
  return tf.tidy(() => {
    const context: GraphContext = {
      training: true,
      feeds: new Map([
        ['a', tf.tensor2d(A)],
        ['b', tf.tensor2d(B)],
      ]),
      rebuild: (feeds) =>
        new Map([
          ['h:out', tf.mul(tf.matMul(feeds.get('a') as tf.Tensor2D, tf.tensor2d([[1], [2]])), feeds.get('b')!)],
        ]),
    };
    return (contractive.loss(names.layers, new Map(), context) as tf.Scalar).dataSync()[0];
  });
}

describe('contractive wrt', () => {
  it(
    'differentiates by the chosen input only',
    leakFree(() => {
      expect(penalty({ wrt: 'b:out' })).to.be.closeTo(BY_B, 1e-6);
    }),
  );

  it(
    'by default, or with an array naming both, by every input together',
    leakFree(() => {
      expect(penalty({})).to.be.closeTo(BY_BOTH, 1e-6);
      expect(penalty({ wrt: ['a:out', 'b:out'] })).to.be.closeTo(BY_BOTH, 1e-6);
      expect(penalty({ wrt: ['b*'] })).to.be.closeTo(BY_B, 1e-6);
    }),
  );

  it('an array with a non-string is a RegularizerError naming wrt', () => {
    expect(() => new Contractive({ wrt: ['a:out', 3] as unknown as string[] })).to.throw(RegularizerError, 'wrt');
    expect(() => new Contractive({ wrt: 7 as unknown as string })).to.throw(RegularizerError, "such as 'in:out'");
  });
});
