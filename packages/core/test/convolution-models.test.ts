import { expect } from 'chai';
import { convolution, OUTPUT_CHUNK, RandomState, randomMatrix, tf, fromDocument, toDocument } from '../src/index';
import {
  CLASSES,
  CNN,
  expectClose,
  leakFree,
  NUM_CLASSES,
  NUM_EXAMPLES,
  NUM_HID1,
  NUM_HID2,
  NUM_INPUTS,
  NUM_OUTPUTS,
  OUTPUTS,
  shapeOf,
  take,
} from './helpers';

// theanets test/convolution_test.py
const FILTER = [CNN.FILTER_WIDTH, CNN.FILTER_HEIGHT];
const layers = (outputs: number) => [
  [CNN.NUM_WIDTH, CNN.NUM_HEIGHT, NUM_INPUTS],
  { size: NUM_HID1, form: 'conv2', filter_size: FILTER },
  { size: NUM_HID2, form: 'conv2', filter_size: FILTER },
  'flat',
  outputs,
];
const REG_LAYERS = layers(NUM_OUTPUTS);
const CLF_LAYERS = layers(NUM_CLASSES);
const images = (w: number, h: number, c: number): number[] => [NUM_EXAMPLES, w, h, c];

describe('convolution models (theanets test/convolution_test.py)', () => {
  it(
    "Regressor.score is theanets' seeded value (its conv2 flips the filters)",
    leakFree(() => {
      const net = new convolution.Regressor(REG_LAYERS);
      expect(net.score(CNN.inputs, OUTPUTS)).to.be.closeTo(-16.850263595581055, 1e-4);
      net.dispose();
    }),
  );

  it(
    "Classifier.score is theanets' seeded accuracy",
    leakFree(() => {
      const net = new convolution.Classifier(CLF_LAYERS);
      expect(net.score(CNN.inputs, CLASSES)).to.equal(0.171875);
      net.dispose();
    }),
  );

  for (const [name, make, target] of [
    ['Regressor', () => new convolution.Regressor(REG_LAYERS), NUM_OUTPUTS],
    ['Classifier', () => new convolution.Classifier(CLF_LAYERS), NUM_CLASSES],
  ] as const) {
    it(
      `${name}: feedForward gives eight outputs of theanets' shapes; predict is [N, ${target}] or [N]`,
      leakFree(() => {
        const net = make();
        const outs = net.feedForward(CNN.inputs);
        expect(Object.keys(outs)).to.have.lengthOf(8);
        const [W, H, w, h] = [CNN.NUM_WIDTH, CNN.NUM_HEIGHT, CNN.FILTER_WIDTH, CNN.FILTER_HEIGHT];
        expect(outs['in:out'].shape).to.deep.equal(images(W, H, NUM_INPUTS));
        expect(outs['hid1:out'].shape).to.deep.equal(images(W - w + 1, H - h + 1, NUM_HID1));
        expect(outs['hid2:out'].shape).to.deep.equal(images(W - 2 * w + 2, H - 2 * h + 2, NUM_HID2));
        expect(outs['out:out'].shape).to.deep.equal([NUM_EXAMPLES, target]);
        tf.dispose(Object.values(outs));
        const expected = name === 'Classifier' ? [NUM_EXAMPLES] : [NUM_EXAMPLES, NUM_OUTPUTS];
        expect(shapeOf(net.predict(CNN.inputs))).to.deep.equal(expected);
        net.dispose();
      }),
    );
  }

  it(
    'Classifier: predictProba and predictLogit are [N, classes]; equal weights give the plain accuracy',
    leakFree(() => {
      const net = new convolution.Classifier(CLF_LAYERS);
      expect(shapeOf(net.predictProba(CNN.inputs))).to.deep.equal([NUM_EXAMPLES, NUM_CLASSES]);
      expect(shapeOf(net.predictLogit(CNN.inputs))).to.deep.equal([NUM_EXAMPLES, NUM_CLASSES]);
      const half = CLASSES.map(() => 0.5);
      const weighted = net.score(CNN.inputs, CLASSES, half);
      expect(weighted).to.be.within(0, 1);
      expect(weighted).to.equal(net.score(CNN.inputs, CLASSES));
      net.dispose();
    }),
  );

  it(
    'conv2 parameters are w [fw, fh, channels, filters] and b [filters], drawn as theanets draws them, mirrored',
    leakFree(() => {
      const net = new convolution.Regressor(REG_LAYERS);
      const w = net.find('hid1', 'w');
      expect(net.layer('hid1').params.map((p) => p.name)).to.deep.equal(['hid1.w', 'hid1.b']);
      expect(w.shape).to.deep.equal([4, 3, NUM_INPUTS, NUM_HID1]);
      expect(net.find('hid2', 'w').shape).to.deep.equal([4, 3, NUM_HID1, NUM_HID2]);
      // theanets: arr[:, :, r, c] = random_matrix(nout, nin) for r, c in order; std 1 / sqrt(nin + nout).
      const rng = new RandomState(13);
      const std = 1 / Math.sqrt(NUM_INPUTS + NUM_HID1);
      const draws = Array.from({ length: 12 }, () =>
        randomMatrix(NUM_HID1, NUM_INPUTS, { mean: 0, std, sparsity: 0, diagonal: 0 }, rng),
      );
      const values = w.value();
      // Our w[r', c', i, o] is theanets' arr[o, i, 3 - r', 2 - c'] (a true convolution flips the filter).
      for (const [r, c, i, o] of [
        [0, 0, 0, 0],
        [3, 2, 6, 7],
        [1, 2, 3, 4],
      ]) {
        const theirs = draws[(3 - r) * 3 + (2 - c)][o * NUM_INPUTS + i];
        expect(values[((r * 3 + c) * NUM_INPUTS + i) * NUM_HID1 + o]).to.be.closeTo(theirs, 1e-6);
      }
      net.dispose();
    }),
  );

  it(
    'channels-first images give the same predictions as the same images channels-last',
    leakFree(() => {
      const last = new convolution.Regressor(REG_LAYERS);
      const first = new convolution.Regressor([
        { shape: [NUM_INPUTS, CNN.NUM_WIDTH, CNN.NUM_HEIGHT], channels: 'first' },
        ...REG_LAYERS.slice(1),
      ]);
      expect(first.layer('in').shape).to.deep.equal([CNN.NUM_WIDTH, CNN.NUM_HEIGHT, NUM_INPUTS]);
      const x = tf.tensor4d(CNN.inputs.slice(0, 5));
      const xFirst = tf.transpose(x, [0, 3, 1, 2]);
      const expected = take(last.predict(x));
      expect(take(first.predict(xFirst))).to.deep.equal(expected);
      // Channels-last data refused by the channels-first model, naming the shapes.
      expect(() => first.predict(x)).to.throw(/\[N, 7, 13, 15\]/);
      const copy = fromDocument(toDocument(first));
      expect(take(copy.predict(xFirst))).to.deep.equal(expected);
      tf.dispose([x, xFirst]);
      [last, first, copy].forEach((net) => net.dispose());
    }),
  );

  it(
    'save and load keep every convolution and pooling option',
    leakFree(() => {
      const net = new convolution.Classifier([
        [9, 8, 2],
        { form: 'conv2', size: 3, filter_size: [3, 2], stride: [2, 1], border_mode: 'full' },
        { form: 'pool2', pool_size: [2, 3], mode: 'mean', border_mode: 'same' },
        'flatten',
        4,
      ]);
      const copy = fromDocument(toDocument(net));
      expect(copy).to.be.instanceOf(convolution.Classifier);
      expect(copy.layers.map((l) => l.shape)).to.deep.equal(net.layers.map((l) => l.shape));
      const x = CNN.inputs
        .slice(0, 3)
        .map((im) => im.slice(0, 9).map((row) => row.slice(0, 8).map((p) => p.slice(0, 2))));
      expect(take((copy as convolution.Classifier).predictProba(x))).to.deep.equal(take(net.predictProba(x)));
      net.dispose();
      copy.dispose();
    }),
  );
});

describe('predict and score go through the graph in chunks of rows', () => {
  it(
    `${OUTPUT_CHUNK + 300} images give what the two parts give apart, and the score counts every row`,
    leakFree(() => {
      const net = new convolution.Classifier([[4, 3, 2], { form: 'conv2', size: 3, filter_size: 2 }, 'flatten', 3]);
      const rows = OUTPUT_CHUNK + 300;
      const x = tf.randomNormal([rows, 4, 3, 2], 0, 1, 'float32', 7);
      const head = tf.slice(x, 0, OUTPUT_CHUNK);
      const tail = tf.slice(x, OUTPUT_CHUNK);
      const whole = take<number[][]>(net.predictProba(x));
      expect(whole).to.have.lengthOf(rows);
      expectClose(whole, [...take<number[][]>(net.predictProba(head)), ...take<number[][]>(net.predictProba(tail))]);
      // Labels that agree with the predictions on the tail only: the accuracy is the tail's share of the rows.
      const predicted = take<number[]>(net.predict(x));
      const labels = predicted.map((label, i) => (i < OUTPUT_CHUNK ? (label + 1) % 3 : label));
      expect(net.score(x, labels)).to.be.closeTo(300 / rows, 1e-9);
      tf.dispose([x, head, tail]);
      net.dispose();
    }),
  );
});
