import { expect } from 'chai';
import { recurrent, tf } from '../src/index';
import {
  leakFree,
  NUM_CLASSES,
  NUM_EXAMPLES,
  NUM_HID1,
  NUM_HID2,
  NUM_INPUTS,
  NUM_OUTPUTS,
  RNN,
  shapeOf,
} from './helpers';

// theanets test/recurrent_test.py
const AE_LAYERS = [NUM_INPUTS, [NUM_HID1, 'rnn'], [NUM_HID2, 'rnn'], NUM_INPUTS];
const CLF_LAYERS = [NUM_INPUTS, [NUM_HID1, 'rnn'], [NUM_HID2, 'rnn'], NUM_CLASSES];
const REG_LAYERS = [NUM_INPUTS, [NUM_HID1, 'rnn'], [NUM_HID2, 'rnn'], NUM_OUTPUTS];
const T = RNN.NUM_TIMES;
const seq = (n: number): number[] => [NUM_EXAMPLES, T, n];
const flat = (t: tf.Tensor): number[] => {
  const values = Array.from(t.dataSync());
  t.dispose();
  return values;
};

describe('recurrent models (theanets test/recurrent_test.py)', () => {
  it(
    "Regressor.score is theanets' seeded value",
    leakFree(() => {
      const net = new recurrent.Regressor(REG_LAYERS);
      expect(net.score(RNN.inputs, RNN.outputs)).to.be.closeTo(-0.73883247375488281, 1e-5);
      net.dispose();
    }),
  );

  it(
    "Classifier predictions match theanets' seeded accuracy against its labels (4 of 1984)",
    leakFree(() => {
      // theanets' RNN.CLASSES are randn(...).astype('i'), negative ones included, which tsnets rejects as labels;
      // the agreement is counted here from the predictions.
      const net = new recurrent.Classifier(CLF_LAYERS);
      const predicted = flat(net.predict(RNN.inputs));
      const labels = RNN.classes.flat();
      const agree = predicted.filter((p, i) => p === labels[i]).length;
      expect(agree / labels.length).to.equal(0.0020161290322580645);
      net.dispose();
    }),
  );

  it(
    "Autoencoder reconstruction gives theanets' seeded score, weighted by the inputs themselves",
    leakFree(() => {
      // theanets scores with w = INPUTS, negative weights included, which tsnets rejects; R² is computed here,
      // with theanets' plain mean as the baseline.
      const net = new recurrent.Autoencoder(AE_LAYERS);
      const p = flat(net.predict(RNN.inputs));
      const x = RNN.inputs.flat(2);
      const mean = x.reduce((a, b) => a + b, 0) / x.length;
      const u = x.reduce((s, v, i) => s + v * (v - p[i]) ** 2, 0);
      const v = x.reduce((s, xi) => s + xi * (xi - mean) ** 2, 0);
      expect(1 - u / v).to.be.closeTo(81.411415100097656, 1e-3);
      net.dispose();
    }),
  );

  const MODELS = [
    ['Regressor', () => new recurrent.Regressor(REG_LAYERS), NUM_OUTPUTS],
    ['Classifier', () => new recurrent.Classifier(CLF_LAYERS), NUM_CLASSES],
    ['Autoencoder', () => new recurrent.Autoencoder(AE_LAYERS), NUM_INPUTS],
  ] as const;
  for (const [name, make, outputs] of MODELS) {
    it(
      `${name}: predict and feedForward shapes, seven outputs`,
      leakFree(() => {
        const net = make();
        const expected = name === 'Classifier' ? [NUM_EXAMPLES, T] : seq(outputs);
        expect(shapeOf(net.predict(RNN.inputs))).to.deep.equal(expected);
        const all = net.feedForward(RNN.inputs);
        expect(Object.keys(all)).to.have.lengthOf(7);
        expect(all['in:out'].shape).to.deep.equal(seq(NUM_INPUTS));
        expect(all['hid1:out'].shape).to.deep.equal(seq(NUM_HID1));
        expect(all['hid2:out'].shape).to.deep.equal(seq(NUM_HID2));
        expect(all['out:out'].shape).to.deep.equal(seq(outputs));
        tf.dispose(Object.values(all));
        net.dispose();
      }),
    );
  }

  it(
    'Classifier: predictProba and predictLogit are [N, T, classes]; weighted accuracy is in [0, 1]',
    leakFree(() => {
      const net = new recurrent.Classifier(CLF_LAYERS);
      expect(shapeOf(net.predictProba(RNN.inputs))).to.deep.equal(seq(NUM_CLASSES));
      expect(shapeOf(net.predictLogit(RNN.inputs))).to.deep.equal(seq(NUM_CLASSES));
      const labels = RNN.classes.map((s) => s.map((c) => Math.abs(c) % NUM_CLASSES));
      const half = labels.map((s) => s.map(() => 0.5));
      const score = net.score(RNN.inputs, labels, half);
      expect(score).to.be.within(0, 1);
      // Equal weights give the plain accuracy, counted here from the predictions.
      const predicted = flat(net.predict(RNN.inputs));
      const plain = predicted.filter((p, i) => p === labels.flat()[i]).length / predicted.length;
      expect(score).to.be.closeTo(plain, 1e-6);
      net.dispose();
    }),
  );

  it(
    'per-step weights mask padded steps out of the score',
    leakFree(() => {
      const net = new recurrent.Regressor(REG_LAYERS);
      const x = RNN.inputs.slice(0, 4);
      const y = RNN.outputs.slice(0, 4);
      // Weights 1 on the first 10 steps, 0 on the rest: the rest may hold anything.
      const w = y.map((s) => s.map((step, t) => step.map(() => (t < 10 ? 1 : 0))));
      const garbage = y.map((s) => s.map((step, t) => step.map((v) => (t < 10 ? v : v + 1000))));
      const masked = net.score(x, garbage, w);
      expect(masked).to.be.closeTo(net.score(x, y, w), 1e-5);
      // Without the mask the garbage counts.
      expect(net.score(x, garbage)).to.be.below(masked - 1);
      net.dispose();
    }),
  );

  it(
    'Autoencoder: encode and decode hid1 and hid2',
    leakFree(() => {
      const net = new recurrent.Autoencoder(AE_LAYERS);
      expect(shapeOf(net.encode(RNN.inputs, 'hid1'))).to.deep.equal(seq(NUM_HID1));
      expect(shapeOf(net.encode(RNN.inputs, 'hid2'))).to.deep.equal(seq(NUM_HID2));
      const z = net.encode(RNN.inputs);
      expect(shapeOf(net.decode(z))).to.deep.equal(seq(NUM_INPUTS));
      z.dispose();
      const z2 = net.encode(RNN.inputs, 'hid2');
      expect(shapeOf(net.decode(z2, 'hid2'))).to.deep.equal(seq(NUM_INPUTS));
      z2.dispose();
      net.dispose();
    }),
  );

  it(
    'a model reads sequences of any length, not only the length it was first given',
    leakFree(() => {
      const net = new recurrent.Regressor(REG_LAYERS);
      expect(shapeOf(net.predict(RNN.inputs.slice(0, 3)))).to.deep.equal([3, T, NUM_OUTPUTS]);
      expect(shapeOf(net.predict(RNN.inputs.slice(0, 3).map((s) => s.slice(0, 5))))).to.deep.equal([3, 5, NUM_OUTPUTS]);
      net.dispose();
    }),
  );
});
