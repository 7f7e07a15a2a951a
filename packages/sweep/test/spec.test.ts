import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SweepSpecError, expandTrials, readSpec, validateSpec } from '../src';
import { axisValues } from '../src/axes';
import { bestOptions } from '../src/best';
import { trialRows } from '../src/data';
import { writePlot } from '../src/plot';
import type { TrialResult } from '../src/run-trial';
import { smallSpec, tempDir } from './helpers';

describe('sweep specs', () => {
  it('spreads a log range evenly in log space, ends included, and repeats seeded draws', () => {
    expect(axisValues('a', { log: [1e-4, 1e-1], count: 4 })).to.deep.equal({
      values: [1e-4, 1e-3, 1e-2, 1e-1],
      log: true,
    });
    const draws = axisValues('b', { random: [1e-3, 1], count: 5, seed: 7, log: true });
    expect(draws.values).to.have.length(5);
    expect(draws.values.every((v) => (v as number) >= 1e-3 && (v as number) <= 1)).to.equal(true);
    expect(axisValues('b', { random: [1e-3, 1], count: 5, seed: 7, log: true })).to.deep.equal(draws);
    expect(axisValues('b', { random: [1e-3, 1], count: 5, seed: 8, log: true }).values).to.not.deep.equal(draws.values);
  });

  it('makes one trial per combination and fold; ids depend on the options, not their key order', () => {
    const spec = smallSpec({ seeds: [1, 2], folds: 3 });
    const trials = expandTrials(spec);
    expect(trials).to.have.length(2 * 2 * 2 * 3);
    expect(new Set(trials.map((t) => t.id)).size).to.equal(24);
    expect(new Set(trials.map((t) => t.config)).size).to.equal(8);
    expect(trials[0].values).to.deep.equal({ hidden_l1: 0, weight_l2: 1e-4, seed: 1 });
    const reordered = { ...spec, train: Object.fromEntries(Object.entries(spec.train ?? {}).reverse()) };
    expect(expandTrials(reordered).map((t) => t.id)).to.deep.equal(trials.map((t) => t.id));
    const changed = { ...spec, train: { ...spec.train, learning_rate: 0.02 } };
    expect(expandTrials(changed)[0].id).to.not.equal(trials[0].id);
  });

  it('holds out each fold once, and trains on every row of the others', () => {
    const order = Array.from({ length: 10 }, (_, i) => 9 - i);
    const valid = [0, 1, 2].map((fold) => trialRows(order, { source: 'x' }, fold, 3).valid);
    expect(valid.flat().sort((a, b) => a - b)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const { train } = trialRows(order, { source: 'x' }, 1, 3);
    expect([...train, ...valid[1]].sort((a, b) => a - b)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('picks the lowest mean over folds, and only combinations with every fold finished', () => {
    const trials = expandTrials(smallSpec({ folds: 2, axes: { hidden_l1: [0, 0.1, 0.2] } }));
    const result = (i: number, validLoss: number): [string, TrialResult] => [
      trials[i].id,
      { id: trials[i].id, validLoss, accuracy: 0.5 } as TrialResult,
    ];
    // hidden_l1=0: folds 1 and 5 (mean 3); 0.1: 2 and 2 (mean 2, best); 0.2: one fold of 0.5 only.
    const results = new Map([result(0, 1), result(1, 5), result(2, 2), result(3, 2), result(4, 0.5)]);
    const best = bestOptions(trials, results);
    expect(best?.values).to.deep.equal({ hidden_l1: 0.1 });
    expect(best?.validLoss).to.equal(2);
  });

  it('examples/digits-sweep.json is valid and has 16 trials, on a log range of weight_l2', async () => {
    const spec = readSpec(join(__dirname, '..', '..', '..', '..', 'examples', 'digits-sweep.json'));
    expect(await validateSpec(spec)).to.equal(1797);
    const trials = expandTrials(spec);
    expect(trials).to.have.length(16);
    expect([...new Set(trials.map((t) => t.values.weight_l2))]).to.deep.equal([1e-5, 1e-4, 1e-3, 1e-2]);
  });

  it('plots log ranges on log axes, and lists spanning decades on symmetric-log axes', async () => {
    const { dir, remove } = tempDir();
    try {
      const results = [0, 0.01, 0.1, 1].map((a, i) => ({ values: { a, b: 10 ** -i, c: i }, validLoss: 1 + i }));
      await writePlot(join(dir, 'p.svg'), results as unknown as TrialResult[], ['a', 'b', 'c'], ['b']);
      const svg = readFileSync(join(dir, 'p.svg'), 'utf8');
      expect(svg).to.include("X-axis titled 'a (symlog scale)'");
      expect(svg).to.include("X-axis titled 'b' for a log scale");
      expect(svg).to.include("X-axis titled 'c' for a linear scale");
    } finally {
      remove();
    }
  });

  it('reads YAML and JSON files', () => {
    const { dir, remove } = tempDir();
    try {
      writeFileSync(
        join(dir, 's.yaml'),
        'model:\n  kind: classifier\n  layers: [64, [12, relu], 10]\ndata: { source: digits }\n',
      );
      expect(readSpec(join(dir, 's.yaml')).model.layers).to.deep.equal([64, [12, 'relu'], 10]);
      writeFileSync(join(dir, 's.json'), '{"model": ');
      expect(() => readSpec(join(dir, 's.json'))).to.throw(SweepSpecError, /JSON/);
    } finally {
      remove();
    }
  });
});
