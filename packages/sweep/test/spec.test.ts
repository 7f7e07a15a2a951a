import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { OptionError } from '@tsnets/core';
import {
  EmptyAxisError,
  FoldsError,
  SweepDataError,
  SweepSpecError,
  expandTrials,
  readSpec,
  sweep,
  validateSpec,
  type SweepSpec,
} from '../src';
import { axisValues } from '../src/axes';
import { bestOptions } from '../src/best';
import { writePlot } from '../src/plot';
import { trialRows } from '../src/data';
import type { TrialResult } from '../src/run-trial';
import { smallSpec, tempDir } from './helpers';

/** The error `validateSpec` rejects with. */
async function rejection(spec: unknown): Promise<Error> {
  try {
    await validateSpec(spec as SweepSpec);
  } catch (error) {
    return error as Error;
  }
  throw new Error('validateSpec accepted the spec');
}

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

describe('sweep spec errors, before any trial', () => {
  it('an unknown key names the close match', async () => {
    const error = await rejection({ ...smallSpec(), trian: {} });
    expect(error).to.be.instanceOf(SweepSpecError);
    expect((error as SweepSpecError).suggestions).to.deep.equal(['train']);
    expect(error.message).to.include('"trian"').and.include('Did you mean "train"');
  });

  it("an unknown option or keyword in an axis is the trainer's OptionError with close matches", async () => {
    const error = await rejection(smallSpec({ axes: { hiden_l1: [0.1] } }));
    expect(error).to.be.instanceOf(OptionError);
    expect((error as OptionError).suggestions).to.include('hidden_l1');
    const base = await rejection(smallSpec({ train: { learning_rat: 0.1 } as never }));
    expect((base as OptionError).suggestions).to.include('learning_rate');
  });

  it('a bad value of a swept option is an OptionError', async () => {
    const error = await rejection(smallSpec({ axes: { learning_rate: [0.01, -1] } }));
    expect(error).to.be.instanceOf(OptionError);
    expect((error as OptionError).key).to.equal('learning_rate');
  });

  it('an empty axis, a log range of 0 values', async () => {
    const error = await rejection(smallSpec({ axes: { hidden_l1: [] } }));
    expect(error).to.be.instanceOf(EmptyAxisError);
    expect((error as EmptyAxisError).axis).to.equal('hidden_l1');
    expect(await rejection(smallSpec({ axes: { weight_l2: { log: [1e-4, 1e-2], count: 0 } } }))).to.be.instanceOf(
      EmptyAxisError,
    );
  });

  it('more folds than examples', async () => {
    const error = await rejection(smallSpec({ data: { source: 'digits', rows: 4 }, folds: 5 }));
    expect(error).to.be.instanceOf(FoldsError);
    expect(error).to.include({ folds: 5, rows: 4, source: 'digits' });
  });

  it('unreadable data', async () => {
    const error = await rejection(smallSpec({ data: { source: 'no/such/file.csv' } }));
    expect(error).to.be.instanceOf(SweepDataError);
    expect((error as SweepDataError).reason).to.match(/no file .*no\/such\/file\.csv/);
    const { dir, remove } = tempDir();
    try {
      writeFileSync(join(dir, 'bad.csv'), '1,2,0\n3,x,1\n');
      const bad = await rejection(smallSpec({ data: { source: join(dir, 'bad.csv') } }));
      expect(bad)
        .to.be.instanceOf(SweepDataError)
        .and.include({ source: join(dir, 'bad.csv') });
    } finally {
      remove();
    }
  });

  it('reads a CSV at an http URL, and names the HTTP status of one that fails', async () => {
    const csv = Array.from({ length: 10 }, (_, i) => `${i},${i % 3},${i % 2}`).join('\n');
    const server = createServer((request, response) => {
      response.statusCode = request.url === '/data.csv' ? 200 : 404;
      response.end(request.url === '/data.csv' ? csv : 'no');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const spec = (source: string) =>
        smallSpec({ model: { kind: 'classifier', layers: [2, 3, 2] }, data: { source } });
      expect(await validateSpec(spec(`${base}/data.csv`))).to.equal(10);
      const error = await rejection(spec(`${base}/gone.csv`));
      expect(error).to.be.instanceOf(SweepDataError).and.include({ reason: 'HTTP 404 Not Found' });
    } finally {
      server.close();
    }
  });

  it('a worker count that is not a whole number >= 1', async () => {
    for (const workers of [0, 1.5]) {
      const error = await sweep(smallSpec(), { workers }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).to.be.instanceOf(SweepSpecError).and.include({ path: 'workers' });
    }
  });

  it('layers that do not fit the data, and options the sweep sets itself', async () => {
    const error = await rejection(
      smallSpec({
        architectures: [
          [64, 8, 10],
          [60, 8, 10],
        ],
      }),
    );
    expect(error).to.be.instanceOf(SweepSpecError).and.include({ path: 'architectures[1]' });
    expect(await rejection(smallSpec({ train: { rng: 3 } as never }))).to.be.instanceOf(SweepSpecError);
  });
});
