import { expect } from 'chai';
import { Regressor, RegularizerError, type Network, type TrainOptions } from '@tsnets/core';
import { INPUTS, leakFree, OUTPUTS } from './helpers';

/** Trains a fresh Regressor([7, 8, 12, 5]) with `keywords` and returns the RegularizerError it must throw. */
/** Bad values on purpose: typed as the untyped object a JavaScript caller would pass. */
async function trainError(keywords: Record<string, unknown>, layers = [7, 8, 12, 5]): Promise<RegularizerError> {
  const net = new Regressor(layers);
  const before = net.params.map((p) => Array.from(p.value()));
  try {
    await net.train([INPUTS, OUTPUTS], { algo: 'sgd', batch_size: 64, max_updates: 2, ...(keywords as TrainOptions) });
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(RegularizerError);
    // Bad options fail before any work: the parameters are untouched.
    expect(net.params.map((p) => Array.from(p.value()))).to.deep.equal(before);
    return error as RegularizerError;
  } finally {
    net.dispose();
  }
  throw new Error(`training with ${JSON.stringify(keywords)} did not throw`);
}

/** Expects the error to name the regularizer and to mention each of `words`. */
function expectNames(error: RegularizerError, id: string, ...words: string[]): void {
  expect(error.regularizer).to.equal(id);
  expect(error.message).to.include(`"${id}"`);
  for (const word of words) expect(error.message).to.include(word);
}

describe('bad regularizer input is a RegularizerError naming the regularizer', () => {
  it(
    'a negative or non-finite weight',
    leakFree(async () => {
      expectNames(await trainError({ hidden_l1: -1 }), 'hidden_l1', 'weight', '-1');
      expectNames(await trainError({ weight_decay: -0.1 }), 'weight_l2', 'weight');
      expectNames(await trainError({ weight_l1: { weight: Infinity } }), 'weight_l1', 'weight');
      expectNames(await trainError({ contractive: { weight: 'big' } }), 'contractive', 'weight');
    }),
  );

  it(
    'a dropout rate outside [0, 1)',
    leakFree(async () => {
      for (const rate of [1, -0.1, 1.5, NaN]) {
        expectNames(await trainError({ hidden_dropout: rate }), 'hidden_dropout', 'rate', '[0, 1)');
      }
      expectNames(await trainError({ input_dropout: { rate: '0.2' } }), 'input_dropout', 'rate');
      expectNames(await trainError({ output_dropout: {} }), 'output_dropout', 'rate', 'undefined');
      expectNames(await trainError({ dropout: { 'hid1:out': 1 } }), 'dropout', 'rate');
    }),
  );

  it(
    'a negative or non-finite noise level',
    leakFree(async () => {
      for (const std of [-0.1, Infinity, NaN]) {
        expectNames(await trainError({ input_noise: std }), 'input_noise', 'std');
      }
      expectNames(
        await trainError({ hidden_noise: { pattern: 'hid1:out' } }),
        'hidden_noise',
        'std',
        'standard deviation',
      );
      expectNames(await trainError({ noise: { '*:out': -1 } }), 'noise', 'std');
    }),
  );

  it(
    'a pattern of the wrong type',
    leakFree(async () => {
      expectNames(await trainError({ hidden_l1: { weight: 0.1, pattern: 3 } }), 'hidden_l1', 'pattern');
      expectNames(await trainError({ weight_l2: { weight: 0.1, pattern: { w: 1 } } }), 'weight_l2', 'pattern');
      expectNames(await trainError({ input_noise: { std: 0.1, pattern: ['in:out', 5] } }), 'input_noise', 'pattern');
      expectNames(await trainError({ contractive: { weight: 0.1, wrt: 7 } }), 'contractive', 'wrt', "such as 'in:out'");
    }),
  );

  it(
    'a pattern that matches nothing names the pattern and the names there are',
    leakFree(async () => {
      expectNames(
        await trainError({ weight_l2: { weight: 0.1, pattern: 'nope.w' } }),
        'weight_l2',
        'nope.w',
        'hid1.w',
        'matches no parameters',
      );
      expectNames(
        await trainError({ hidden_l1: { weight: 0.1, pattern: 'hid9:out' } }),
        'hidden_l1',
        'hid9:out',
        'hid1:out',
        'matches no outputs',
      );
      expectNames(
        await trainError({ dropout: { 'nothing:out': 0.2 } }),
        'dropout',
        'nothing:out',
        'in:out',
        'hid2:out',
        'matches no outputs',
      );
      expectNames(await trainError({ noise: { 'hid1:out': 0.1, 'x*': 0.1 } }), 'noise', '"x*"', 'out:out');
      expectNames(await trainError({ input_noise: { std: 0.1, pattern: 'in' } }), 'input_noise', '"in"', 'in:out');
      expectNames(
        await trainError({ contractive: { weight: 0.1, wrt: 'x' } }),
        'contractive',
        '"x"',
        'no inputs',
        'in:out',
      );
      expectNames(
        await trainError({ contractive: { weight: 0.1, pattern: 'x' } }),
        'contractive',
        '"x"',
        'matches no outputs',
      );
    }),
  );

  it(
    'a weight pattern that matches only biases',
    leakFree(async () => {
      expectNames(
        await trainError({ weight_l1: { weight: 0.1, pattern: '*.b' } }),
        'weight_l1',
        'pattern "*.b"',
        'hid1.b',
        'rank 1',
        'Use a pattern over weights',
      );
    }),
  );

  it(
    'hidden defaults on a network without hidden layers',
    leakFree(async () => {
      for (const id of ['hidden_l1', 'hidden_dropout', 'hidden_noise', 'contractive']) {
        expectNames(await trainError({ [id]: 0.1 }, [7, 5]), id, 'no hidden layers', "Pass { pattern: '...' }");
      }
      // With a pattern the default is not needed.
      const net: Network = new Regressor([7, 5]);
      await net.train([INPUTS, OUTPUTS], {
        algo: 'sgd',
        batch_size: 64,
        max_updates: 1,
        hidden_l1: { weight: 0.1, pattern: 'out:out' },
      });
      net.dispose();
    }),
  );

  it(
    'bad keywords at predict time',
    leakFree(() => {
      const net = new Regressor([7, 8, 12, 5]);
      try {
        expect(() => net.predict(INPUTS, { hidden_dropout: 1 })).to.throw(RegularizerError, 'hidden_dropout');
        expect(() => net.predict(INPUTS, { dropout: { 'hid7:out': 0.5 } })).to.throw(RegularizerError, 'hid1:out');
        expect(() => net.feedForward(INPUTS, { input_noise: -1 })).to.throw(RegularizerError, 'input_noise');
      } finally {
        net.dispose();
      }
    }),
  );
});
