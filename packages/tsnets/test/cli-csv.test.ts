import { expect } from 'chai';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Classifier, Network, RandomState } from '@tsnets/core';
import '../src/index';
import { run } from './cli-helpers';

const SPECIES = ['setosa', 'versicolor', 'virginica'];

/** 90 rows of 4 features around a mean per class (0, 2, 4), then the class name; line i has class i % 3. */
function flowers(): Array<[number[], string]> {
  const rng = new RandomState(5);
  return Array.from({ length: 90 }, (_, i) => [
    Array.from(rng.randn(4)).map((v) => 2 * (i % 3) + 0.3 * v),
    SPECIES[i % 3],
  ]);
}

describe('command line: CSV files with class names', function () {
  this.timeout(120_000);
  let dir = '';
  const rows = flowers();
  before(() => {
    dir = fs.mkdtempSync(join(tmpdir(), 'tsnets-cli-csv-'));
    const csv = (row: [number[], string]) => [...row[0].map((v) => v.toFixed(4)), row[1]];
    // Names in the first column, a header, commas.
    fs.writeFileSync(
      join(dir, 'flowers.csv'),
      ['species,a,b,c,d', ...rows.map((row) => [row[1], ...csv(row).slice(0, 4)].join(','))].join('\n'),
    );
    // The same rows, no header, semicolons, names last.
    fs.writeFileSync(join(dir, 'bare.csv'), rows.map((row) => csv(row).join(';')).join('\n'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('trains on names, keeps them in the model, and predict prints them', async () => {
    const model = join(dir, 'flowers.tsnets');
    const trained = await run([
      'train',
      ...['--model', 'classifier', '--layers', '4,8:tanh,3', '--data', join(dir, 'flowers.csv')],
      ...['--label-column', 'species', '--algo', 'adam', '--learning-rate', '0.05', '--max-updates', '40'],
      ...['--save', model],
    ]);
    expect(trained.code, trained.stderr).to.equal(0);
    const net = (await Network.load(model)) as Classifier;
    expect(net.classNames).to.deep.equal(SPECIES);
    net.dispose();

    const predicted = await run(['predict', model, '--data', join(dir, 'bare.csv'), '--delimiter', ';', '--no-header']);
    expect(predicted.code, predicted.stderr).to.equal(0);
    const names = predicted.stdout.trim().split('\n');
    expect(names).to.have.length(90);
    const right = names.filter((name, i) => name === rows[i][1]).length;
    expect(right / 90).to.be.above(0.9);

    const proba = await run(['predict', model, '--data', join(dir, 'bare.csv'), '--delimiter', ';', '--proba']);
    expect(proba.code, proba.stderr).to.equal(0);
    for (const line of proba.stdout.trim().split('\n')) {
      const values = line.split(',').map(Number);
      expect(values).to.have.length(3);
      expect(values.reduce((a, b) => a + b, 0)).to.be.closeTo(1, 1e-5);
    }
  });

  it('a class name the model does not know names the line; a bad --delimiter is a usage error', async () => {
    const model = join(dir, 'flowers.tsnets');
    fs.writeFileSync(join(dir, 'daisy.csv'), '1;2;3;4;setosa\n1;2;3;4;daisy\n');
    const unknown = await run(['predict', model, '--data', join(dir, 'daisy.csv'), '--delimiter', ';']);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.include('line 2, column 5').and.include('"daisy"').and.include('setosa, versicolor');

    const bad = await run(['predict', model, '--data', join(dir, 'daisy.csv'), '--delimiter', ';;']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.include('--delimiter');
  });
});
