import { expect } from 'chai';
import { convolution, recurrent, type Network, type TrainData } from 'tsnets';
import { assertProgress, theanetsData, theanetsImages, theanetsSequences } from './fixtures';

const D = theanetsData();
const IMAGES = theanetsImages();
const conv = (outputs: number) => [
  [13, 15, 7],
  { size: 8, form: 'conv2', filter_size: [4, 3] },
  { size: 12, form: 'conv2', filter_size: [4, 3] },
  'flat',
  outputs,
];

describe('convolution models train (theanets convolution_test.py test_sgd)', () => {
  const cases: Array<[string, () => Network, TrainData]> = [
    ['Regressor', () => new convolution.Regressor(conv(5)), [IMAGES, D.OUTPUTS]],
    ['Classifier', () => new convolution.Classifier(conv(6)), [IMAGES, D.CLASSES]],
    [
      'weighted Regressor',
      () => new convolution.Regressor(conv(5), { weighted: true }),
      [IMAGES, D.OUTPUTS, D.OUTPUT_WEIGHTS],
    ],
    [
      'weighted Classifier',
      () => new convolution.Classifier(conv(6), { weighted: true }),
      [IMAGES, D.CLASSES, D.CLASS_WEIGHTS],
    ],
    [
      'Classifier with pooling, strides and border modes',
      () =>
        new convolution.Classifier([
          [13, 15, 7],
          { form: 'conv2', size: 6, filter_size: 3, border_mode: 'same' },
          { form: 'pool2', pool_size: 2, border_mode: 'same' },
          { form: 'conv2', size: 8, filter_size: [2, 3], stride: 2, border_mode: 'full' },
          { form: 'pool2', pool_size: [2, 2], mode: 'mean' },
          'flatten',
          6,
        ]),
      [IMAGES, D.CLASSES],
    ],
    [
      'channels-first Classifier',
      () => new convolution.Classifier([{ shape: [7, 13, 15], channels: 'first' }, ...conv(6).slice(1)]),
      [IMAGES.map((image) => [0, 1, 2, 3, 4, 5, 6].map((k) => image.map((row) => row.map((p) => p[k])))), D.CLASSES],
    ],
  ];
  for (const [name, make, data] of cases) {
    it(name, async () => {
      const net = make();
      await assertProgress(net, data);
      net.dispose();
    });
  }

  it('conv1 and pool1 in a recurrent Regressor', async () => {
    const S = theanetsSequences();
    const net = new recurrent.Regressor([
      7,
      { form: 'conv1', size: 8, filter_size: 3, border_mode: 'same' },
      { form: 'pool1', pool_size: 1 },
      { form: 'gru', size: 6 },
      5,
    ]);
    await assertProgress(net, [S.INPUTS.slice(0, 16), S.OUTPUTS.slice(0, 16)]);
    net.dispose();
  });

  it('weight_l2 covers the filters and leaves the biases; hidden_l1 and dropout match feature maps by glob', async () => {
    const net = new convolution.Regressor(conv(5));
    const squares = (name: string): [number, number] => {
      const values = net.find(name, 'w').value();
      return [values.reduce((s, v) => s + v * v, 0), values.length];
    };
    // weight_l2 on the initial weights (the first validation comes before any step): the mean square over every weight array (rank > 1), filters included.
    const [a, n1] = squares('hid1');
    const [b, n2] = squares('hid2');
    const [c, n3] = squares('out');
    const l2 = (0.1 * (a / n1 + b / n2 + c / n3)) / 3;
    const run = net.itertrain([IMAGES, D.OUTPUTS], {
      algo: 'sgd',
      batch_size: 64,
      weight_l2: 0.1,
      hidden_l1: { weight: 0.01, pattern: 'hid[12]:out' },
      dropout: { 'hid1:out': 0.2 },
    });
    const [, valid] = (await run.next()).value as [Record<string, number>, Record<string, number>];
    await run.return(undefined);
    const terms = (valid as unknown as { terms: Record<string, number> }).terms;
    expect(terms.weight_l2).to.be.closeTo(l2, 1e-4 * l2);
    expect(terms.hidden_l1).to.be.greaterThan(0);
    net.dispose();
  });
});
