import { expect } from 'chai';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network, recurrent } from '@tsnets/core';
import * as datasets from '@tsnets/datasets';
import '../src/index';
import { run } from './cli-helpers';

// A repetitive text: a character model can learn it in a few epochs.
const TEXT = 'the cat sat on the mat. the dog sat on the log. '.repeat(40);

describe('command line: recurrent models (--window)', function () {
  this.timeout(120_000);
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(join(tmpdir(), 'tsnets-cli-sequences-'));
    fs.writeFileSync(join(dir, 'text.txt'), TEXT);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const alphabet = new datasets.Text(TEXT.slice(0, Math.floor(TEXT.length * 0.9)));
  const classes = String(alphabet.classes);

  it('trains a character model on text, keeps the alphabet, and sample continues a prompt as the API does', async () => {
    const model = join(dir, 'chars.tsnets');
    const trained = await run([
      'train',
      '--model',
      'classifier',
      '--layers',
      `${classes},24:gru,${classes}`,
      '--data',
      join(dir, 'text.txt'),
      '--window',
      '12',
      '--valid-fraction',
      '0.1',
      '--algo',
      'adam',
      '--learning-rate',
      '0.02',
      '--max-updates',
      '6',
      '--save',
      model,
    ]);
    expect(trained.code, trained.stderr).to.equal(0);
    expect(trained.stdout).to.match(/valid: loss [\d.]+ {2}err [\d.]+ {2}acc [\d.]+/);
    const net = await Network.load(model);
    expect(net).to.be.instanceOf(recurrent.Classifier);
    const names = (net as recurrent.Classifier).classNames as string[];
    expect(names.slice(1).join('')).to.equal(alphabet.alpha);
    // The accuracy on the held-out windows beats always guessing the commonest character.
    const acc = Number(/acc ([\d.]+)/.exec(trained.stdout.split('\n').find((l) => l.startsWith('valid:')) ?? '')?.[1]);
    const counts = [...TEXT].reduce((m, c) => m.set(c, (m.get(c) ?? 0) + 1), new Map<string, number>());
    expect(acc).to.be.greaterThan(Math.max(...counts.values()) / TEXT.length);

    const sampled = await run(['sample', model, '--prompt', 'the ', '--length', '30', '--seed', '5', '--streams', '2']);
    expect(sampled.code, sampled.stderr).to.equal(0);
    const lines = sampled.stdout.trim().split('\n');
    const expected = (net as recurrent.Classifier).predictSequence(alphabet.encode('the '), 30, { rng: 5, streams: 2 });
    expect(lines).to.deep.equal(expected.map((codes) => 'the ' + alphabet.decode(codes)));
    net.dispose();
  });

  it('trains a next-step regressor on a series with missing values (co2)', async () => {
    const trained = await run([
      'train',
      '--model',
      'regressor',
      '--layers',
      '1,8:rnn,1',
      '--data',
      'co2',
      '--window',
      '26',
      '--valid-fraction',
      '0.2',
      '--max-updates',
      '2',
      '--algo',
      'adam',
      '--learning-rate',
      '0.01',
    ]);
    expect(trained.code, trained.stderr).to.equal(0);
    expect(trained.stdout).to.match(/finished after 2 epochs/);
  });

  it('bad input: a recurrent layer without --window, a wrong model, layers that do not fit the alphabet', async () => {
    const noWindow = await run(['train', '--model', 'classifier', '--layers', '10,8:lstm,10', '--data', 'digits']);
    expect(noWindow.code).to.equal(2);
    expect(noWindow.stderr).to.match(/recurrent layer: give --window N/);
    const model = await run([
      'train',
      '--model',
      'regressor',
      '--layers',
      `${classes},8:rnn,${classes}`,
      '--data',
      join(dir, 'text.txt'),
      '--window',
      '5',
    ]);
    expect(model.code).to.equal(2);
    expect(model.stderr).to.match(/trains a classifier .*not a regressor/);
    const fit = await run([
      'train',
      '--model',
      'classifier',
      '--layers',
      '5,8:rnn,5',
      '--data',
      join(dir, 'text.txt'),
      '--window',
      '5',
    ]);
    expect(fit.code).to.equal(2);
    expect(fit.stderr).to.match(
      new RegExp(`has 5 units but .*\\(${classes} values per step\\).*start --layers with ${classes}`),
    );
    const sample = await run(['sample', join(dir, 'missing.tsnets')]);
    expect(sample.code).to.not.equal(0);
  });
});
