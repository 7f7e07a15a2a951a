/**
 * The fused recurrent cells: rnn, gru and lstm layers of @tsnets/core on the
 * native backend (one kernel per layer, see native/recurrent.cc) against the
 * same layers on the cpu backend (the step-by-step path): outputs, and the
 * gradients of every parameter, of the input and of the initial state.
 */
import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { FUSED_CELLS, Loss, recurrent, type Network } from '@tsnets/core';
import { BACKEND_NAME } from '../src/backend';
import { expectClose, nativeSuite, onBoth, randomTensor } from './helpers';

const [N, T, F, UNITS] = [5, 7, 4, 6];

/** A loss for the models below (this package registers none; the objectives here read the layer outputs). */
class Total extends Loss {
  compute(output: tf.Tensor): tf.Scalar {
    return tf.sum(output);
  }
}
const model = (layers: unknown[]): Network => new recurrent.Regressor(layers as never, { loss: new Total() });

/**
 * A recurrent regressor whose layer `l` reads `in` and starts from `h0` (an
 * input, so its gradient is checked too); the objective weights every output
 * of `l` the form has, so gradients flow in through each.
 */
function objective(spec: Record<string, unknown>, outputs: string[]): () => tf.Tensor[] {
  return () => {
    const net = model([
      { form: 'input', name: 'h0', shape: [UNITS] },
      { form: 'input', name: 'in', size: F },
      { size: UNITS, name: 'l', inputs: 'in', h_0: 'h0', ...spec },
      2,
    ]);
    const x = randomTensor([N, T, F], 1);
    const h0 = randomTensor([N, UNITS], 2);
    const loss = (input: tf.Tensor, start: tf.Tensor): tf.Scalar => {
      const graph = net.buildGraph(
        new Map([
          ['in', input],
          ['h0', start],
        ]),
      );
      const terms = outputs.map((name, i) =>
        tf.sum(tf.mul(graph.get(`l:${name}`) as tf.Tensor, randomTensor([N, T, UNITS], 10 + i))),
      );
      return tf.addN(terms) as tf.Scalar;
    };
    const { value, grads } = tf.variableGrads(() => loss(x, h0));
    const [dx, dh0] = tf.grads(loss)([x, h0]);
    const params = net.params.filter((p) => grads[p.variable.name] !== undefined).map((p) => grads[p.variable.name]);
    const results = [value, dx, dh0, ...params];
    net.dispose();
    return results;
  };
}

describe('fused recurrent cells', function () {
  nativeSuite();

  const CASES: Array<[string, Record<string, unknown>, string[]]> = [
    ['rnn relu', { form: 'rnn', activation: 'relu' }, ['out', 'pre']],
    ['rnn tanh backward', { form: 'rnn', activation: 'tanh', direction: 'backward' }, ['out']],
    ['rnn linear', { form: 'rnn', activation: 'linear' }, ['out']],
    ['gru tanh', { form: 'gru', activation: 'tanh' }, ['out', 'pre', 'hid', 'rate']],
    ['gru relu backward', { form: 'gru', activation: 'relu', direction: 'backward' }, ['out']],
    ['gru logistic', { form: 'gru', activation: 'logistic' }, ['out', 'hid']],
    ['lstm', { form: 'lstm' }, ['out', 'cell']],
    ['lstm backward', { form: 'lstm', direction: 'backward' }, ['out']],
  ];
  for (const [name, spec, outputs] of CASES) {
    it(`${name}: outputs and gradients match the step-by-step path on the cpu backend`, async () => {
      const results = await onBoth(objective(spec, outputs));
      const labels = ['value', 'd input', 'd h0', ...results.slice(3).map((_, i) => `d param ${i}`)];
      expect(results.length).to.be.at.least(6);
      results.forEach(([native, cpu], i) => expectClose(native, cpu, 1e-5, `${name}: ${labels[i]}`));
    });
  }

  it('run as one kernel per layer on the native backend, and step by step where they cannot', async () => {
    await tf.setBackend(BACKEND_NAME);
    const kernelsOf = async (spec: Record<string, unknown>): Promise<string[]> => {
      const net = model([F, { size: UNITS, ...spec }, 2]);
      const x = randomTensor([N, T, F], 1);
      const profile = await tf.profile(() => {
        const y = net.predict(x);
        y.dispose();
      });
      x.dispose();
      net.dispose();
      return profile.kernelNames;
    };
    expect(await kernelsOf({ form: 'lstm' })).to.include(FUSED_CELLS.lstm);
    expect(await kernelsOf({ form: 'gru' })).to.include(FUSED_CELLS.gru);
    expect(await kernelsOf({ form: 'rnn' })).to.include(FUSED_CELLS.rnn);
    // A truncated gradient, an activation the kernel lacks, and the masked clockwork variant take the step-by-step path.
    expect(await kernelsOf({ form: 'rnn', bptt_limit: 3 })).to.not.include(FUSED_CELLS.rnn);
    expect(await kernelsOf({ form: 'rnn', activation: 'elu' })).to.not.include(FUSED_CELLS.rnn);
    expect(await kernelsOf({ form: 'clockwork', periods: [1, 2] })).to.not.include(FUSED_CELLS.rnn);
  });

  it('refuse arrays whose lengths do not fit the shape, before touching them', async () => {
    await tf.setBackend(BACKEND_NAME);
    const xp = tf.zeros([2, 3, 4]);
    const hh = tf.zeros([3, 4]); // an rnn of 4 units needs hh [4, 4]
    const h0 = tf.zeros([2, 4]);
    expect(() => tf.engine().runKernel(FUSED_CELLS.rnn, { xp, hh, h0 }, { reverse: false, activation: 0 })).to.throw(
      /length does not fit the shape/,
    );
    tf.dispose([xp, hh, h0]);
  });
});
