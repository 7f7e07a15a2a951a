import { expect } from 'chai';
import { recurrent, tf, type Network } from '../src/index';
import { leakFree, NUM_HID1 as NH, NUM_INPUTS as NI, RNN, paramValues } from './helpers';
import { reference } from './recurrent-reference';

type Options = Record<string, unknown>;

/** A recurrent regressor whose second layer, `l`, is the layer under test. */
function withLayer(form: string, options: Options = {}, size = NH): Network {
  return new recurrent.Regressor([NI, { form, size, name: 'l', ...options }, 2]);
}

// Two sequences of five steps of theanets' recurrent test inputs.
const X = RNN.inputs.slice(0, 2).map((sequence) => sequence.slice(0, 5));

function outputOf(net: Network, name = 'l:out', x: number[][][] = X): number[][][] {
  const outputs = net.feedForward(x);
  const value = outputs[name].arraySync() as number[][][];
  Object.values(outputs).forEach((t) => t.dispose());
  return value;
}

function expectNear(actual: number[][][], expected: number[][][], tolerance = 2e-5): void {
  expected.forEach((sequence, n) =>
    sequence.forEach((step, t) =>
      step.forEach((v, k) =>
        expect(Math.abs(actual[n][t][k] - v), `[${n}][${t}][${k}]: ${actual[n][t][k]} vs ${v}`).to.be.at.most(
          tolerance * (1 + Math.abs(v)),
        ),
      ),
    ),
  );
}

describe('recurrent layers (theanets test/layers_test.py TestRecurrent)', () => {
  // form, options, parameter count (per hidden unit, mrnn in all), parameter names, output names
  const BUILD: Array<[string, Options, number, string, string]> = [
    ['rnn', {}, 1 + NI + NH, 'xh hh b', 'out pre'],
    ['clockwork', { periods: [1, 2, 4, 8] }, 1 + NI + NH, 'xh hh b', 'out pre'],
    ['rrnn', { rate: 'uniform' }, 1 + NI + NH, 'xh hh b', 'out pre rate hid'],
    ['rrnn', { rate: 'log' }, 1 + NI + NH, 'xh hh b', 'out pre rate hid'],
    ['rrnn', { rate: 'vector' }, 2 + NI + NH, 'xh hh b r', 'out pre rate hid'],
    ['rrnn', { rate: 'matrix' }, 2 + NH + 2 * NI, 'xh hh b r xr', 'out pre rate hid'],
    ['gru', {}, 3 * (1 + NI + NH), 'b w hh hr hz', 'hid out pre rate'],
    ['mut1', {}, 3 + 3 * NI + 2 * NH, 'bh br bz hh hr xh xr xz', 'hid out pre rate'],
    ['scrn', {}, 2 * (1 + NI + 2 * NH), 'w ho so hh sh b r', 'out hid rate state'],
    ['lstm', {}, 7 + 4 * NH + 4 * NI, 'xh hh b cf ci co', 'out cell'],
    ['mrnn', { factors: 3 }, (7 + NI) * NH + 3 * NI, 'xh xf hf fh b', 'out pre factors'],
    ['bcrnn', { num_modules: 4 }, 1 + NI + NH, 'xh hh b', 'out pre'],
  ];
  for (const [form, options, count, params, outputs] of BUILD) {
    it(
      `${form} ${JSON.stringify(options)}: parameters, counts, outputs and spec`,
      leakFree(() => {
        const net = withLayer(form, options);
        const layer = net.layer('l');
        expect(layer.form).to.equal(form);
        expect(layer.params.map((p) => p.name).sort()).to.deep.equal(
          params
            .split(' ')
            .map((p) => `l.${p}`)
            .sort(),
        );
        const total = layer.params.reduce((sum, p) => sum + p.shape.reduce((a, b) => a * b, 1), 0);
        expect(total).to.equal(form === 'mrnn' ? count : count * NH);
        const all = net.feedForward(X);
        const names = Object.keys(all).filter((name) => name.startsWith('l:'));
        tf.dispose(Object.values(all));
        expect(names.sort()).to.deep.equal(
          outputs
            .split(' ')
            .map((o) => `l:${o}`)
            .sort(),
        );
        const spec = layer.toSpec();
        expect(spec).to.include({ form, name: 'l', size: NH, activation: 'relu' });
        expect(spec).to.deep.include(options);
        net.dispose();
      }),
    );
  }

  it(
    'bidirectional: workers l_fw and l_bw of half the size, fw_/bw_ outputs',
    leakFree(() => {
      const net = withLayer('bidirectional');
      const layer = net.layer('l');
      expect(layer.params.map((p) => p.name).sort()).to.deep.equal(
        'l_bw.b l_bw.hh l_bw.xh l_fw.b l_fw.xh l_fw.hh'.split(' ').sort(),
      );
      const total = layer.params.reduce((sum, p) => sum + p.shape.reduce((a, b) => a * b, 1), 0);
      expect(total).to.equal((1 + NI + NH / 2) * NH);
      const outputs = net.feedForward(X);
      expect(
        Object.keys(outputs)
          .filter((n) => n.startsWith('l:'))
          .sort(),
      ).to.deep.equal(
        'bw_out bw_pre fw_out fw_pre out pre'
          .split(' ')
          .map((o) => `l:${o}`)
          .sort(),
      );
      expect(outputs['l:out'].shape).to.deep.equal([2, 5, NH]);
      tf.dispose(Object.values(outputs));
      net.dispose();
    }),
  );

  it(
    'a recurrent autoencoder predicts [N, T, inputs] (theanets TestRecurrent.test_predict)',
    leakFree(() => {
      const net = new recurrent.Autoencoder([NI, NH, NH, [NH, 'rnn'], NI]);
      const predicted = net.predict(RNN.inputs);
      expect(predicted.shape).to.deep.equal([64, RNN.NUM_TIMES, NI]);
      predicted.dispose();
      net.dispose();
    }),
  );
});

describe('recurrent layers compute their recurrence (step by step by hand)', () => {
  const FORMS: Array<[string, Options, { periods?: number[]; modules?: number; backward?: boolean }?]> = [
    ['rnn', {}],
    ['rnn', { direction: 'backward' }, { backward: true }],
    ['clockwork', { periods: [4, 1, 2, 8] }, { periods: [1, 2, 4, 8] }],
    ['bcrnn', { num_modules: 4 }, { modules: 4 }],
    ['rrnn', { rate: 'matrix' }],
    ['rrnn', { rate: 'vector' }],
    ['gru', {}],
    ['mut1', {}],
    ['lstm', {}],
    ['lstm', { direction: 'backward' }, { backward: true }],
    ['mrnn', { factors: 3 }],
    ['scrn', {}],
  ];
  for (const [form, options, extra] of FORMS) {
    it(
      `${form} ${JSON.stringify(options)}`,
      leakFree(() => {
        const net = withLayer(form, { activation: 'relu', ...options });
        const params = paramValues(net);
        expectNear(
          outputOf(net),
          X.map((x) => reference(form, params, x, NH, extra)),
        );
        net.dispose();
      }),
    );
  }

  it(
    'bidirectional: out is the forward worker then the backward one, each at its own time step',
    leakFree(() => {
      const net = withLayer('bidirectional', { worker: 'lstm' });
      const forward = X.map((x) => reference('lstm', paramValues(net, 'l_fw'), x, NH / 2));
      const backward = X.map((x) => reference('lstm', paramValues(net, 'l_bw'), x, NH / 2, { backward: true }));
      const expected = forward.map((sequence, n) => sequence.map((step, t) => [...step, ...backward[n][t]]));
      expectNear(outputOf(net), expected);
      net.dispose();
    }),
  );
});
