/** Ported from theanets' test/feedforward_test.py: the three models' predict, score, feedForward, encode and decode. */
import { expect } from 'chai';
import { Autoencoder, Classifier, DataError, Network, RandomState, Regressor, tf } from '../src/index';
import {
  AE_LAYERS,
  CLASSES,
  CLF_LAYERS,
  INPUT_WEIGHTS,
  INPUTS,
  NUM_CLASSES,
  NUM_EXAMPLES,
  NUM_HID1,
  NUM_HID2,
  NUM_INPUTS,
  NUM_OUTPUTS,
  OUTPUT_WEIGHTS,
  OUTPUTS,
  REG_LAYERS,
  batchOf,
  expectClose,
  leakFree,
  shapeOf,
  take,
} from './helpers';

type Model = new (layers: number[]) => Network;

/** `1 - sum(w (y - p)^2) / sum(w (y - mean(y))^2)`, the mean over every element of `y`, as theanets' `score`. */
/**
 * R² against the mean of y: tsnets' score takes the weighted mean (the best
 * constant under the same weights); theanets' takes the plain mean
 * (`baseline: 'plain'`), which its seeded values need.
 */
function rSquared(y: number[][], p: number[][], w?: number[][], baseline: 'weighted' | 'plain' = 'weighted'): number {
  const flat = y.flat();
  const weights = w && baseline === 'weighted' ? w.flat() : flat.map(() => 1);
  const mean = flat.reduce((s, v, i) => s + weights[i] * v, 0) / weights.reduce((a, b) => a + b, 0);
  let u = 0;
  let v = 0;
  y.forEach((row, i) =>
    row.forEach((value, j) => {
      const weight = w ? w[i][j] : 1;
      u += weight * (value - p[i][j]) ** 2;
      v += weight * (value - mean) ** 2;
    }),
  );
  return 1 - u / v;
}

const relu = (x: number): number => Math.max(x, 0);

/** `act(x · w + b)` over rows, in plain JS. */
function affine(x: number[][], w: Float32Array, b: Float32Array, act: (v: number) => number = (v) => v): number[][] {
  const nout = b.length;
  return x.map((row) =>
    Array.from({ length: nout }, (_, j) => act(row.reduce((s, v, i) => s + v * w[i * nout + j], b[j]))),
  );
}

function argMax(row: number[]): number {
  return row.reduce((best, v, i) => (v > row[best] ? i : best), 0);
}

describe('feedforward models (theanets feedforward_test.py)', () => {
  describe('predict', () => {
    const cases: Array<[string, Model, number[], number[]]> = [
      ['Regressor', Regressor, REG_LAYERS, batchOf(NUM_OUTPUTS)],
      ['Classifier', Classifier, CLF_LAYERS, [NUM_EXAMPLES]],
      ['Autoencoder', Autoencoder, AE_LAYERS, batchOf(NUM_INPUTS)],
    ];
    for (const [name, Model, layers, shape] of cases) {
      it(
        `${name} predicts shape [${shape}]`,
        leakFree(() => {
          const net = new Model(layers);
          expect(shapeOf(net.predict(INPUTS))).to.deep.equal(shape);
          net.dispose();
        }),
      );
    }

    it(
      'Classifier.predict gives int32 labels',
      leakFree(() => {
        const net = new Classifier(CLF_LAYERS);
        const labels = net.predict(INPUTS);
        expect(labels.dtype).to.equal('int32');
        labels.dispose();
        net.dispose();
      }),
    );

    it(
      'Regressor.predict equals relu/relu/linear affine maps of the parameters, computed in JS',
      leakFree(() => {
        const net = new Regressor(REG_LAYERS);
        const h1 = affine(INPUTS, net.find('hid1', 'w').value(), net.find('hid1', 'b').value(), relu);
        const h2 = affine(h1, net.find('hid2', 'w').value(), net.find('hid2', 'b').value(), relu);
        const out = affine(h2, net.find('out', 'w').value(), net.find('out', 'b').value());
        expectClose(take(net.predict(INPUTS)), out, 1e-4, 1e-5);
        net.dispose();
      }),
    );

    it(
      'accepts a tensor and leaves it to the caller',
      leakFree(() => {
        const net = new Regressor(REG_LAYERS);
        const x = tf.tensor2d(INPUTS);
        const fromArray = take(net.predict(INPUTS));
        expect(take(net.predict(x))).to.deep.equal(fromArray);
        expect(x.isDisposed).to.equal(false);
        x.dispose();
        net.dispose();
      }),
    );
  });

  describe('score', () => {
    it(
      "Regressor([7, 8, 12, 5]).score(INPUTS, OUTPUTS) is theanets' -1.0473043918609619",
      leakFree(() => {
        const net = new Regressor(REG_LAYERS);
        expect(net.score(INPUTS, OUTPUTS)).to.be.closeTo(-1.0473043918609619, 1e-5);
        net.dispose();
      }),
    );

    it(
      "Classifier([7, 8, 12, 6]).score(INPUTS, CLASSES) is theanets' accuracy 0.171875",
      leakFree(() => {
        const net = new Classifier(CLF_LAYERS);
        expect(net.score(INPUTS, CLASSES)).to.equal(0.171875);
        net.dispose();
      }),
    );

    it(
      'Autoencoder([7, 8, 12, 7]) reconstructs as theanets: R² weighted by INPUTS is 15.108331680297852',
      leakFree(() => {
        // theanets' test calls score(INPUTS, INPUTS), which weights by INPUTS; tsnets rejects
        // negative weights, so the same number is computed here from the reconstruction.
        const net = new Autoencoder(AE_LAYERS);
        const reconstruction = take(net.predict(INPUTS));
        expect(rSquared(INPUTS, reconstruction, INPUTS, 'plain')).to.be.closeTo(15.108331680297852, 1e-4);
        expect(() => net.score(INPUTS, INPUTS)).to.throw(DataError, /negative/);
        net.dispose();
      }),
    );

    it(
      'Regressor.score is R² against the global mean of the targets',
      leakFree(() => {
        const net = new Regressor(REG_LAYERS);
        const predicted = take(net.predict(INPUTS));
        expect(net.score(INPUTS, OUTPUTS)).to.be.closeTo(rSquared(OUTPUTS, predicted), 1e-5);
        net.dispose();
      }),
    );

    it(
      'Regressor.score with weights is the weighted R²',
      leakFree(() => {
        const net = new Regressor(REG_LAYERS);
        const predicted = take(net.predict(INPUTS));
        const weighted = rSquared(OUTPUTS, predicted, OUTPUT_WEIGHTS);
        expect(weighted).to.not.be.closeTo(rSquared(OUTPUTS, predicted), 1e-3);
        expect(net.score(INPUTS, OUTPUTS, OUTPUT_WEIGHTS)).to.be.closeTo(weighted, 1e-5);
        net.dispose();
      }),
    );

    it(
      'Autoencoder.score(x) is R² of the reconstruction; score(x, w) weighted',
      leakFree(() => {
        const net = new Autoencoder(AE_LAYERS);
        const reconstruction = take(net.predict(INPUTS));
        expect(net.score(INPUTS)).to.be.closeTo(rSquared(INPUTS, reconstruction), 1e-5);
        expect(net.score(INPUTS, INPUT_WEIGHTS)).to.be.closeTo(rSquared(INPUTS, reconstruction, INPUT_WEIGHTS), 1e-5);
        net.dispose();
      }),
    );

    it(
      'Autoencoder.score with random 0/1 weights is negative (theanets TestAutoencoder.test_score)',
      leakFree(() => {
        const rng = new RandomState(99);
        const labels = INPUTS.map((row) => row.map(() => rng.randomInterval(1)));
        const net = new Autoencoder(AE_LAYERS);
        const reconstruction = take(net.predict(INPUTS));
        const score = net.score(INPUTS, labels);
        expect(score).to.be.below(0);
        expect(score).to.be.closeTo(rSquared(INPUTS, reconstruction, labels), 1e-5);
        net.dispose();
      }),
    );

    it(
      'Classifier.score is the fraction of rows whose argmax is the label; weighted by w',
      leakFree(() => {
        const net = new Classifier(CLF_LAYERS);
        const proba = take(net.predictProba(INPUTS));
        const correct = proba.map((row, i) => (argMax(row) === CLASSES[i] ? 1 : 0));
        expect(net.score(INPUTS, CLASSES)).to.be.closeTo(
          correct.reduce((s: number, c) => s + c, 0) / NUM_EXAMPLES,
          1e-7,
        );

        const half = CLASSES.map(() => 0.5);
        const uniform = net.score(INPUTS, CLASSES, half);
        expect(uniform).to.be.within(0, 1);
        expect(uniform).to.be.closeTo(0.171875, 1e-7);

        const w = CLASSES.map((_, i) => (i % 3) + 0.5);
        const expected = correct.reduce((s: number, c, i) => s + c * w[i], 0) / w.reduce((s, v) => s + v, 0);
        expect(net.score(INPUTS, CLASSES, w)).to.be.closeTo(expected, 1e-6);
        net.dispose();
      }),
    );
  });

  describe('feedForward', () => {
    const cases: Array<[string, Model, number[], number]> = [
      ['Regressor', Regressor, REG_LAYERS, NUM_OUTPUTS],
      ['Classifier', Classifier, CLF_LAYERS, NUM_CLASSES],
      ['Autoencoder', Autoencoder, AE_LAYERS, NUM_INPUTS],
    ];
    for (const [name, Model, layers, target] of cases) {
      it(
        `${name} gives the 7 outputs of a [7, 8, 12, ${target}] network with their shapes`,
        leakFree(() => {
          const net = new Model(layers);
          const outs = net.feedForward(INPUTS);
          expect(Object.keys(outs).sort()).to.deep.equal([
            'hid1:out',
            'hid1:pre',
            'hid2:out',
            'hid2:pre',
            'in:out',
            'out:out',
            'out:pre',
          ]);
          expect(outs['in:out'].shape).to.deep.equal(batchOf(NUM_INPUTS));
          expect(outs['hid1:out'].shape).to.deep.equal(batchOf(NUM_HID1));
          expect(outs['hid1:pre'].shape).to.deep.equal(batchOf(NUM_HID1));
          expect(outs['hid2:out'].shape).to.deep.equal(batchOf(NUM_HID2));
          expect(outs['out:out'].shape).to.deep.equal(batchOf(target));
          expect(outs['out:pre'].shape).to.deep.equal(batchOf(target));
          Object.values(outs).forEach((t) => t.dispose());
          net.dispose();
        }),
      );
    }

    it(
      'hidN:out is relu of hidN:pre; in:out is the input',
      leakFree(() => {
        const net = new Regressor(REG_LAYERS);
        const outs = net.feedForward(INPUTS);
        const values: Record<string, number[][]> = Object.fromEntries(
          Object.entries(outs).map(([k, t]) => [k, take(t)]),
        );
        expectClose(values['in:out'], INPUTS, 0, 0);
        expectClose(
          values['hid1:out'],
          values['hid1:pre'].map((row) => row.map(relu)),
          0,
          0,
        );
        expectClose(
          values['hid2:out'],
          values['hid2:pre'].map((row) => row.map(relu)),
          0,
          0,
        );
        expectClose(values['out:out'], values['out:pre'], 0, 0);
        net.dispose();
      }),
    );

    it(
      'returns tensors the caller can dispose one by one without touching its input',
      leakFree(() => {
        const net = new Regressor(REG_LAYERS);
        const x = tf.tensor2d(INPUTS);
        const outs = net.feedForward(x);
        outs['in:out'].dispose();
        outs['out:out'].dispose();
        expect(x.isDisposed).to.equal(false);
        expect(outs['out:pre'].isDisposed).to.equal(false);
        Object.values(outs).forEach((t) => t.dispose());
        x.dispose();
        net.dispose();
      }),
    );

    it(
      'decodes from multiple layers (theanets test_decode_from_multiple_layers)',
      leakFree(() => {
        const net = new Regressor([
          NUM_INPUTS,
          NUM_HID1,
          NUM_HID2,
          { size: NUM_OUTPUTS, inputs: ['hid2:out', 'hid1:out'] },
        ]);
        const outs = net.feedForward(INPUTS);
        expect(Object.keys(outs)).to.have.lengthOf(7);
        expect(outs['in:out'].shape).to.deep.equal(batchOf(NUM_INPUTS));
        expect(outs['hid1:out'].shape).to.deep.equal(batchOf(NUM_HID1));
        expect(outs['hid2:out'].shape).to.deep.equal(batchOf(NUM_HID2));
        expect(outs['out:out'].shape).to.deep.equal(batchOf(NUM_OUTPUTS));
        const h1 = outs['hid1:out'].arraySync() as number[][];
        const h2 = outs['hid2:out'].arraySync() as number[][];
        const b = net.find('out', 'b').value();
        const a = affine(h2, net.find('out', 'w_hid2:out').value(), b);
        const c = affine(h1, net.find('out', 'w_hid1:out').value(), new Float32Array(NUM_OUTPUTS));
        expectClose(
          take(outs['out:out']),
          a.map((row, i) => row.map((v, j) => v + c[i][j])),
          1e-4,
          1e-5,
        );
        Object.values(outs).forEach((t) => t.dispose());
        net.dispose();
      }),
    );
  });

  describe('Classifier', () => {
    it(
      'predictProba gives rows of probabilities, predictLogit their logits',
      leakFree(() => {
        const net = new Classifier(CLF_LAYERS);
        const proba = net.predictProba(INPUTS);
        const logit = net.predictLogit(INPUTS);
        expect(proba.shape).to.deep.equal(batchOf(NUM_CLASSES));
        expect(logit.shape).to.deep.equal(batchOf(NUM_CLASSES));
        const p = take(proba);
        const softmax = take(logit).map((row) => {
          const top = Math.max(...row);
          const e = row.map((v) => Math.exp(v - top));
          const total = e.reduce((s, v) => s + v, 0);
          return e.map((v) => v / total);
        });
        expectClose(p, softmax, 1e-4, 1e-6);
        p.forEach((row) => expect(row.reduce((s, v) => s + v, 0)).to.be.closeTo(1, 1e-5));
        net.dispose();
      }),
    );

    it(
      'predict is the argmax of predictProba',
      leakFree(() => {
        const net = new Classifier(CLF_LAYERS);
        const p = take(net.predictProba(INPUTS));
        expect(take<number[]>(net.predict(INPUTS))).to.deep.equal(p.map(argMax));
        net.dispose();
      }),
    );
  });

  describe('Autoencoder', () => {
    it(
      'encodes at hid1 and hid2',
      leakFree(() => {
        const net = new Autoencoder(AE_LAYERS);
        expect(shapeOf(net.encode(INPUTS, 'hid1'))).to.deep.equal(batchOf(NUM_HID1));
        expect(shapeOf(net.encode(INPUTS, 'hid2'))).to.deep.equal(batchOf(NUM_HID2));
        net.dispose();
      }),
    );

    it(
      'encodes at the middle layer (hid2 of four) by default',
      leakFree(() => {
        const net = new Autoencoder(AE_LAYERS);
        const byDefault = take(net.encode(INPUTS));
        const outs = net.feedForward(INPUTS);
        expect(byDefault).to.deep.equal(outs['hid2:out'].arraySync());
        Object.values(outs).forEach((t) => t.dispose());
        net.dispose();
      }),
    );

    it(
      'decodes an encoding back to the output (default layer and hid2)',
      leakFree(() => {
        const net = new Autoencoder(AE_LAYERS);
        const predicted = take(net.predict(INPUTS));
        const z = net.encode(INPUTS);
        const x = net.decode(z);
        z.dispose();
        expect(x.shape).to.deep.equal(batchOf(NUM_INPUTS));
        expectClose(take(x), predicted, 1e-6, 1e-6);
        const z2 = net.encode(INPUTS, 'hid2');
        const x2 = net.decode(z2, 'hid2');
        z2.dispose();
        expect(shapeOf(x2)).to.deep.equal(batchOf(NUM_INPUTS));
        net.dispose();
      }),
    );

    it(
      'decodes from hid1 through hid2',
      leakFree(() => {
        const net = new Autoencoder(AE_LAYERS);
        const predicted = take(net.predict(INPUTS));
        const z = net.encode(INPUTS, 'hid1');
        expectClose(take(net.decode(z, 'hid1')), predicted, 1e-6, 1e-6);
        z.dispose();
        net.dispose();
      }),
    );

    it(
      'rejects an encoding of the wrong width',
      leakFree(() => {
        const net = new Autoencoder(AE_LAYERS);
        const z = net.encode(INPUTS, 'hid1');
        expect(() => net.decode(z, 'hid2')).to.throw(DataError);
        z.dispose();
        net.dispose();
      }),
    );
  });
});
