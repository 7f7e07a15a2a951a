import { expect } from 'chai';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convolution, Network } from '@tsnets/core';
import '../src/index';
import { parseLayers } from '../src/cli/layers';
import { UsageError } from '../src/cli/errors';
import { run } from './cli-helpers';

describe('command line: convolution models', function () {
  this.timeout(180_000);
  let dir = '';
  before(() => (dir = fs.mkdtempSync(join(tmpdir(), 'tsnets-cli-conv-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--layers reads image shapes, conv and pool items with windows, modes and key=value options', () => {
    expect(parseLayers('28x28x1,20:conv2:5x5,pool2,50:conv2:5:relu,pool2:3x3:mean,flat,500:relu,10')).to.deep.equal([
      [28, 28, 1],
      { form: 'conv2', size: 20, filter_size: [5, 5] },
      'pool2',
      { form: 'conv2', size: 50, filter_size: 5, activation: 'relu' },
      { form: 'pool2', pool_size: [3, 3], mode: 'mean' },
      'flat',
      [500, 'relu'],
      10,
    ]);
    expect(parseLayers('7,8:conv1:3:border=same:stride=2:tanh,pool1:mode=mean,5')).to.deep.equal([
      7,
      { form: 'conv1', size: 8, filter_size: 3, border_mode: 'same', stride: 2, activation: 'tanh' },
      { form: 'pool1', mode: 'mean' },
      5,
    ]);
    expect(() => parseLayers('28x28x1,8:conv2,10')).to.throw(UsageError, /"8:conv2" needs a filter size/);
    expect(() => parseLayers('28x0x1,10')).to.throw(UsageError, /"28x0x1" has a size of 0/);
  });

  it('trains a convolution classifier on the 8x8 digits, saves it, and evaluates and predicts from flat rows', async () => {
    const model = join(dir, 'digits.tsnets');
    const trained = await run([
      'train',
      '--model',
      'classifier',
      '--layers',
      '8x8x1,8:conv2:3x3,pool2,flat,10',
      '--data',
      'digits',
      '--valid-fraction',
      '0.1',
      '--test-fraction',
      '0.2',
      '--algo',
      'adam',
      '--learning-rate',
      '0.01',
      '--max-updates',
      '6',
      '--save',
      model,
    ]);
    expect(trained.code, trained.stderr).to.equal(0);
    const acc = Number(/test: .*acc ([\d.]+)/.exec(trained.stdout)?.[1]);
    // Ten classes: chance is 0.1.
    expect(acc).to.be.greaterThan(0.7);
    const net = await Network.load(model);
    expect(net).to.be.instanceOf(convolution.Classifier);
    expect(net.layers.map((layer) => layer.shape)).to.deep.equal([[8, 8, 1], [6, 6, 8], [3, 3, 8], [72], [10]]);
    net.dispose();

    const split = ['--data', 'digits', '--valid-fraction', '0.1', '--test-fraction', '0.2'];
    const evaluated = await run(['evaluate', model, ...split]);
    expect(evaluated.code, evaluated.stderr).to.equal(0);
    expect(Number(/acc ([\d.]+)/.exec(evaluated.stdout)?.[1])).to.be.closeTo(acc, 1e-4);
    const predicted = await run(['predict', model, ...split]);
    expect(predicted.code, predicted.stderr).to.equal(0);
    expect(predicted.stdout.trim().split('\n').length).to.be.greaterThan(300);
  });

  it('an image shape that does not hold the data, and a window that does not fit, are usage errors before training', async () => {
    const wrong = await run([
      'train',
      '--model',
      'classifier',
      '--layers',
      '7x7x1,4:conv2:3x3,flat,10',
      '--data',
      'digits',
    ]);
    expect(wrong.code).to.not.equal(0);
    expect(wrong.stderr).to.match(/the input layer has 49 units but digits \(64 values per example\) needs 64/);
    const big = await run([
      'train',
      '--model',
      'classifier',
      '--layers',
      '8x8x1,4:conv2:9x9,flat,10',
      '--data',
      'digits',
    ]);
    expect(big.code).to.not.equal(0);
    expect(big.stderr).to.match(/its 9x9 window does not fit in its 8x8 input/);
  });
});
