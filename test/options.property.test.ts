/**
 * Property: any object of training options and regularizer keywords, with
 * values of any type, either trains (one epoch) or fails with a typed
 * tsnets error before any step, never a raw TypeError; either way the
 * number of live tensors is what it was, and a failed run leaves the
 * parameters as they were. Seeded, so a failure can be replayed.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { Regressor, TsnetsError, tf, type TrainOptions } from 'tsnets';
import { training } from 'tsnets';

/** Options whose valid values could make one run take long (epochs, batches per epoch) or write files are left out. */
const SLOW_OR_SIDE_EFFECTS = new Set(['max_updates', 'iteration_size', 'signal', 'save_every', 'save_progress']);
const OPTIONS = training.OPTION_NAMES.filter((name) => !SLOW_OR_SIDE_EFFECTS.has(name));
const KEYWORDS = [
  'hidden_l1',
  'weight_l2',
  'weight_l1',
  'input_noise',
  'hidden_dropout',
  'dropout',
  'noise',
  'contractive',
];

const X = Array.from({ length: 16 }, (_, i) => [Math.sin(i), Math.cos(i), i / 16]);
const Y = X.map(([a, b]) => [a + b, a - b]);

/** A key: an option, a keyword, a camelCase or misspelt form of one, or any string. */
const key = fc.oneof(
  fc.constantFrom(...OPTIONS, ...KEYWORDS),
  fc.constantFrom(...OPTIONS).map((name) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())),
  fc.constantFrom(...OPTIONS, ...KEYWORDS).map((name) => name.slice(0, -1)),
  fc.string({ maxLength: 12 }),
);

/** A value: plausible numbers and strings, objects by glob, and anything at all. */
const value = fc.oneof(
  fc.constantFrom(0, 1, -1, 0.5, 1e-3, 2, 1e9, NaN, Infinity, 'sgd', 'adam', 'nope', 'hid1:out', true, null),
  fc.dictionary(fc.constantFrom('hid1:out', 'in:out', '*', 'nothing', 'weight', 'pattern', 'rate'), fc.anything(), {
    maxKeys: 2,
  }),
  fc.anything(),
);

describe('training options, property-based', () => {
  it('any options object trains or is a typed error, leaking nothing and changing nothing when it fails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, value, { maxKeys: 4 }), async (options) => {
        const before = tf.memory().numTensors;
        const net = new Regressor([3, 4, 2], { rng: 3 });
        const start = net.params.map((param) => Array.from(param.variable.dataSync()));
        try {
          await net.train([X, Y], { ...(options as TrainOptions), max_updates: 1 });
        } catch (error) {
          expect(error, String(error)).to.be.instanceOf(TsnetsError);
          expect(net.params.map((param) => Array.from(param.variable.dataSync()))).to.deep.equal(start);
        } finally {
          net.dispose();
        }
        expect(tf.memory().numTensors).to.equal(before);
      }),
      { seed: 13, numRuns: 300 },
    );
  });
});
