/**
 * Binding: what a regularizer matches with its default patterns, and the
 * errors of one used before `bind` or with another network than the one it
 * was bound to (each error names what is missing and what there is).
 */
import { expect } from 'chai';
import { Regressor, RegularizerError, tf, type GraphContext } from '@tsnets/core';
import { BernoulliDropout, Contractive, GaussianNoise, HiddenL1, WeightL1, WeightL2 } from '../src/base';
import { leakFree } from './helpers';

/** A context whose inputs are `feeds` and whose clean graph is `rebuild`. */
function contextOf(
  feeds: Map<string, tf.Tensor>,
  rebuild: (feeds: ReadonlyMap<string, tf.Tensor>) => Map<string, tf.Tensor> = () => new Map(),
): GraphContext {
  return { training: true, feeds, rebuild };
}

/** Expects `run` (in a `tf.tidy`) to throw a RegularizerError naming `id` whose message includes each of `words`. */
function expectError(run: () => unknown, id: string, ...words: string[]): void {
  let caught: unknown;
  try {
    tf.tidy(() => {
      run();
    });
  } catch (error) {
    caught = error;
  }
  expect(caught, 'an error').to.be.instanceOf(RegularizerError);
  const error = caught as RegularizerError;
  expect(error.regularizer).to.equal(id);
  for (const word of words) expect(error.message).to.include(word);
}

describe('binding', () => {
  it(
    'default patterns: every weight matrix; every output for noise and dropout',
    leakFree(() => {
      const net = new Regressor([7, 8, 12, 5]);
      try {
        const l2 = new WeightL2({ weight: 1 });
        l2.bind(net.names());
        expect(l2.targets()).to.deep.equal(['hid1.w', 'hid2.w', 'out.w']);
        const noise = new GaussianNoise({ std: 0.1 });
        noise.bind(net.names());
        expect(noise.targets()).to.deep.equal(['in:out', 'hid1:out', 'hid2:out', 'out:out']);
        const dropout = new BernoulliDropout({ rate: 0.3 });
        dropout.bind(net.names());
        expect(dropout.targets()).to.deep.equal(['in:out', 'hid1:out', 'hid2:out', 'out:out']);
        expect(dropout.rate).to.equal(0.3);
      } finally {
        net.dispose();
      }
    }),
  );

  it(
    'a penalty used before bind says how to bind it',
    leakFree(() => {
      const net = new Regressor([7, 8, 5]);
      const context = contextOf(new Map());
      try {
        for (const penalty of [
          new WeightL1({ weight: 1 }),
          new HiddenL1({ weight: 1 }),
          new Contractive({ weight: 1 }),
        ]) {
          expectError(() => penalty.loss?.(net.layers, new Map(), context), penalty.id, 'before it was bound', 'bind(');
        }
      } finally {
        net.dispose();
      }
    }),
  );

  it(
    'a penalty bound to another network names what is missing and what there is',
    leakFree(() => {
      const bound = new Regressor([7, 8, 12, 5]);
      const other = new Regressor([7, 8, 5]);
      try {
        const l2 = new WeightL2({ weight: 1, pattern: 'hid2.w' });
        l2.bind(bound.names());
        expectError(
          () => l2.loss(other.layers),
          'weight_l2',
          'parameter "hid2.w"',
          'hid1.w, hid1.b, out.w, out.b',
          'bind it to this one',
        );
        const l1 = new HiddenL1({ weight: 1 });
        l1.bind(bound.names());
        expectError(
          () => l1.loss([], new Map([['hid1:out', tf.zeros([2, 8])]])),
          'hidden_l1',
          'output "hid2:out"',
          '(it has hid1:out)',
        );
        expectError(() => l1.loss([], new Map()), 'hidden_l1', 'output "hid1:out"', '(it has (none))');
        const contractive = new Contractive({ weight: 1 });
        contractive.bind(bound.names());
        expectError(() => contractive.loss([], new Map(), contextOf(new Map())), 'contractive', 'input "in"', '(none)');
        expectError(
          () => contractive.loss([], new Map(), contextOf(new Map([['in', tf.zeros([2, 7])]]))),
          'contractive',
          'output "hid1:out"',
        );
      } finally {
        bound.dispose();
        other.dispose();
      }
    }),
  );
});
