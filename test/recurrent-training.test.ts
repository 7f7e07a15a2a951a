import { expect } from 'chai';
import { Network, recurrent, tf, type TrainData } from 'tsnets';
import '@tsnets/plugin-weight-inverse';
import { assertProgress, theanetsSequences } from './fixtures';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const S = theanetsSequences();
const AE = [7, [8, 'rnn'], [12, 'rnn'], 7];
const CLF = [7, [8, 'rnn'], [12, 'rnn'], 6];
const REG = [7, [8, 'rnn'], [12, 'rnn'], 5];

describe('recurrent models train (theanets recurrent_test.py test_sgd)', () => {
  const cases: Array<[string, () => Network, TrainData]> = [
    ['Regressor', () => new recurrent.Regressor(REG), [S.INPUTS, S.OUTPUTS]],
    ['Classifier', () => new recurrent.Classifier(CLF), [S.INPUTS, S.CLASSES]],
    ['Autoencoder', () => new recurrent.Autoencoder(AE), [S.INPUTS]],
    [
      'weighted Regressor',
      () => new recurrent.Regressor(REG, { weighted: true }),
      [S.INPUTS, S.OUTPUTS, S.OUTPUT_WEIGHTS],
    ],
    [
      'weighted Classifier',
      () => new recurrent.Classifier(CLF, { weighted: true }),
      [S.INPUTS, S.CLASSES, S.CLASS_WEIGHTS],
    ],
    ['weighted Autoencoder', () => new recurrent.Autoencoder(AE, { weighted: true }), [S.INPUTS, S.INPUT_WEIGHTS]],
  ];
  for (const [name, make, data] of cases) {
    it(name, async () => {
      const net = make();
      await assertProgress(net, data);
      net.dispose();
    });
  }

  it('an initial state from another input (theanets test_symbolic_initial_state)', async () => {
    const net = new recurrent.Regressor([
      { form: 'input', name: 'h0', shape: [8] },
      { form: 'input', name: 'in', size: 7 },
      { form: 'rnn', size: 8, name: 'rnn', inputs: 'in', h_0: 'h0' },
      { form: 'ff', size: 5, name: 'out' },
    ]);
    const h0 = S.INPUTS.map((sequence) => [...sequence[0], ...sequence[1].slice(0, 1)]);
    await assertProgress(net, [h0, S.INPUTS, S.OUTPUTS]);
    net.dispose();
  });
});

describe('every recurrent layer form trains', () => {
  const x = S.INPUTS.slice(0, 16).map((s) => s.slice(0, 10));
  const y = S.OUTPUTS.slice(0, 16).map((s) => s.slice(0, 10));
  const forms: Array<Record<string, unknown>> = [
    { form: 'rnn' },
    { form: 'rrnn', rate: 'matrix' },
    { form: 'rrnn', rate: 'vector' },
    { form: 'rrnn', rate: 'log' },
    { form: 'mut1' },
    { form: 'gru' },
    { form: 'lstm' },
    { form: 'clockwork', periods: [1, 2, 4, 8] },
    { form: 'mrnn', factors: 3 },
    { form: 'scrn' },
    { form: 'bcrnn', num_modules: 2 },
    { form: 'bidirectional', worker: 'gru' },
    { form: 'rnn', direction: 'backward', bptt_limit: 4 },
  ];
  for (const spec of forms) {
    it(JSON.stringify(spec), async () => {
      const net = new recurrent.Regressor([7, { size: 8, ...spec }, 5]);
      await assertProgress(net, [x, y], { learning_rate: 0.01 });
      net.dispose();
    });
  }
});

describe('regularizers on recurrent layers', () => {
  const x = S.INPUTS.slice(0, 16).map((s) => s.slice(0, 10));
  const y = S.OUTPUTS.slice(0, 16).map((s) => s.slice(0, 10));

  it('a plugin keyword (weightinverse) covers the recurrent matrices: its term is the formula over them', async () => {
    const net = new recurrent.Regressor(REG);
    // weightinverse: the sum over rank-2 parameters of the sum over columns of 1 / |column|², times its weight.
    const matrices = net.params.filter((p) => p.shape.length === 2);
    expect(matrices.map((p) => p.name)).to.include.members(['hid1.xh', 'hid1.hh', 'hid2.xh', 'hid2.hh']);
    const expected = matrices.reduce((sum, p) => {
      const [rows, cols] = p.shape;
      const values = p.value();
      let total = 0;
      for (let j = 0; j < cols; j++) {
        let norm = 0;
        for (let i = 0; i < rows; i++) norm += values[i * cols + j] ** 2;
        total += 1 / norm;
      }
      return sum + total;
    }, 0);
    const run = net.itertrain([x, y], { algo: 'sgd', batch_size: 16, weightinverse: 0.001 });
    const [, valid] = (await run.next()).value as [Record<string, number>, Record<string, number>];
    await run.return(undefined);
    expect(valid.loss - valid.err).to.be.closeTo(0.001 * expected, 1e-4 * 0.001 * expected);
    net.dispose();
  });

  it('a plugin keyword trains a recurrent model', async () => {
    const net = new recurrent.Regressor(REG);
    await assertProgress(net, [x, y], { weightinverse: 0.001 });
    net.dispose();
  });

  it('sequences of one step train too (a single step has no unstack gradient in tfjs)', async () => {
    for (const form of ['rnn', 'gru', 'lstm', 'scrn']) {
      const net = new recurrent.Regressor([7, [8, form], 5]);
      const before = tf.memory().numTensors;
      const result = await net.train([x.map((s) => s.slice(0, 1)), y.map((s) => s.slice(0, 1))], { max_updates: 2 });
      expect(result.epochs, form).to.equal(2);
      expect(Number.isFinite(result.valid.loss), form).to.equal(true);
      expect(tf.memory().numTensors, form).to.equal(before);
      net.dispose();
    }
  });
});

describe('saved recurrent models load and predict identically', () => {
  const specs: Array<[string, () => Network]> = [
    ['lstm classifier', () => new recurrent.Classifier([7, [6, 'lstm'], 6], { classNames: 'abcdef'.split('') })],
    [
      'bidirectional gru regressor',
      () => new recurrent.Regressor([7, { form: 'bidirectional', worker: 'gru', size: 8 }, 5]),
    ],
    [
      'rrnn with fixed uniform rates',
      () => new recurrent.Autoencoder([7, { form: 'rrnn', rate: 'uniform', size: 5 }, 7]),
    ],
    [
      'clockwork and scrn',
      () => new recurrent.Regressor([7, { form: 'clockwork', size: 4, periods: [2, 1] }, [6, 'scrn'], 5]),
    ],
  ];
  for (const [name, make] of specs) {
    it(name, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsnets-recurrent-save-'));
      const net = make();
      const x = S.INPUTS.slice(0, 3);
      const before = net.predict(x);
      const file = path.join(dir, 'model.tsnets.gz');
      await net.save(file);
      const loaded = await Network.load(file);
      expect(loaded).to.be.instanceOf(net.constructor);
      const after = loaded.predict(x);
      expect(Array.from(after.dataSync())).to.deep.equal(Array.from(before.dataSync()));
      tf.dispose([before, after]);
      net.dispose();
      loaded.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });
  }
});
