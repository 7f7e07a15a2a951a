import { expect } from 'chai';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Network } from '@tsnets/core';
import { QueueUnreachableError, Sweep, sweep, type TrialResult } from '../src';
import { smallSpec, tempDir } from './helpers';

/** Runs a sweep, recording its trial and skip events. */
async function recorded(out: string, options: { workers?: number; abortAfter?: number } = {}) {
  const controller = new AbortController();
  const run = new Sweep(smallSpec(), { workers: options.workers ?? 2, out, signal: controller.signal });
  const trials: TrialResult[] = [];
  const skipped: string[] = [];
  let refits = 0;
  run.on('refit', () => refits++);
  run.on('trial', (result) => {
    trials.push(result);
    if (trials.length === options.abortAfter) controller.abort();
  });
  run.on('skip', (result) => skipped.push(result.id));
  const result = await run.run();
  return { result, trials, skipped, refits };
}

const csvRows = (out: string): string[] => readFileSync(join(out, 'results.csv'), 'utf8').trim().split('\n').slice(1);
const trialFiles = (out: string): string[] => readdirSync(join(out, 'trials')).sort();

describe('local sweeps', function () {
  this.timeout(120000);
  const { dir, remove } = tempDir();
  after(remove);

  it('runs a 2x2 sweep in two trial processes and writes the table, plot and best model', async () => {
    const out = join(dir, 'two');
    const { result, trials } = await recorded(out);
    expect(trials).to.have.length(4);
    const pids = new Set(trials.map((t) => t.pid));
    expect(pids.size).to.equal(2);
    expect(pids.has(process.pid)).to.equal(false);
    expect(result.results.map((r) => r.values)).to.deep.equal([
      { hidden_l1: 0, weight_l2: 1e-4 },
      { hidden_l1: 0, weight_l2: 0.1 },
      { hidden_l1: 0.3, weight_l2: 1e-4 },
      { hidden_l1: 0.3, weight_l2: 0.1 },
    ]);
    const lowest = [...trials].sort((a, b) => a.validLoss - b.validLoss)[0];
    expect(result.best?.values).to.deep.equal(lowest.values);
    expect(trialFiles(out)).to.deep.equal(trials.map((t) => `${t.id}.json`).sort());
    expect(readFileSync(join(out, 'results.csv'), 'utf8').split('\n')[0]).to.equal(
      'id,hidden_l1,weight_l2,fold,epochs,best_epoch,valid_loss,accuracy,seconds,worker',
    );
    expect(csvRows(out)).to.have.length(4);
    const plot = readFileSync(join(out, 'plot.svg'), 'utf8');
    expect(plot).to.match(/^<svg/).and.include("X-axis titled 'hidden_l1' for a linear scale");
    expect(plot).to.include("X-axis titled 'weight_l2' for a log scale");
    const saved = JSON.parse(readFileSync(join(out, 'best.json'), 'utf8')) as { config: string };
    expect(saved.config).to.equal(result.best?.config);
    const file = JSON.parse(readFileSync(join(out, 'trials', `${lowest.id}.json`), 'utf8')) as Record<string, never>;
    expect(file.trial).to.include({ seed: 13, kind: 'classifier' });
    expect(file.trial['options']).to.include(lowest.values);
    const model = await Network.load(result.model as string);
    expect(model.layers.map((layer) => layer.size)).to.deep.equal([64, 12, 10]);
    model.dispose();

    // The same trials one at a time in one process give the same losses: the seeds, not the scheduling, decide.
    const sequential = await sweep(smallSpec(), { workers: 1 });
    expect(sequential.results.map((r) => r.validLoss)).to.deep.equal(result.results.map((r) => r.validLoss));
    expect(new Set(sequential.results.map((r) => r.pid)).size).to.equal(1);
  });

  it('a rerun skips the finished trials and runs only the missing one', async () => {
    const out = join(dir, 'two');
    const again = await recorded(out);
    expect(again.trials).to.have.length(0);
    expect(again.skipped).to.have.length(4);
    expect(again.refits, 'the saved best model is kept').to.equal(0);
    const [first] = trialFiles(out);
    rmSync(join(out, 'trials', first));
    const third = await recorded(out);
    expect(third.trials.map((t) => `${t.id}.json`)).to.deep.equal([first]);
    expect(third.skipped).to.have.length(3);
    expect(csvRows(out)).to.have.length(4);
  });

  it('an interrupt keeps the finished trials, and the rerun goes on from them', async () => {
    const out = join(dir, 'stopped');
    const { result, trials } = await recorded(out, { workers: 1, abortAfter: 1 });
    expect(result.interrupted).to.equal(true);
    expect(trials).to.have.length(1);
    expect(trialFiles(out)).to.deep.equal([`${trials[0].id}.json`]);
    expect(csvRows(out)).to.have.length(1);
    expect(result.model).to.equal(undefined);
    expect(existsSync(join(out, 'best.tsnets.gz'))).to.equal(false);
    const rest = await recorded(out, { workers: 2 });
    expect(rest.skipped).to.deep.equal([trials[0].id]);
    expect(rest.trials).to.have.length(3);
    expect(rest.result.interrupted).to.equal(false);
    expect(csvRows(out)).to.have.length(4);
  });

  it('k-fold: every combination on every fold, the best by its mean, refit on all the rows', async () => {
    const out = join(dir, 'folds');
    const run = new Sweep(smallSpec({ folds: 2, axes: { hidden_l1: [0, 0.3] } }), { workers: 2, out });
    const refits: number[] = [];
    run.on('refit', (best) => refits.push(best.folds));
    const result = await run.run();
    expect(result.results.map((r) => [r.values.hidden_l1, r.fold])).to.deep.equal([
      [0, 0],
      [0, 1],
      [0.3, 0],
      [0.3, 1],
    ]);
    const mean = (l1: number) =>
      result.results.filter((r) => r.values.hidden_l1 === l1).reduce((sum, r) => sum + r.validLoss, 0) / 2;
    const winner = mean(0) <= mean(0.3) ? 0 : 0.3;
    expect(result.best).to.include({ folds: 2, validLoss: mean(winner) });
    expect(result.best?.values).to.deep.equal({ hidden_l1: winner });
    expect(refits).to.deep.equal([2]);
    expect(csvRows(out).map((row) => row.split(',')[2])).to.deep.equal(['0', '1', '0', '1']);
    const model = await Network.load(result.model as string);
    model.dispose();
  });

  it('a trial that fails in its process is reported with that process and the reason; the others finish', async () => {
    const out = join(dir, 'failing');
    const spec = smallSpec({
      train: { algo: 'sgd', max_updates: 3, validate_every: 1 },
      axes: { learning_rate: [0.01, 1e30] },
    });
    const run = new Sweep(spec, { workers: 2, out });
    const failures: string[] = [];
    run.on('failure', (failure) => failures.push(failure.worker));
    const result = await run.run();
    expect(result.results.map((r) => r.values)).to.deep.equal([{ learning_rate: 0.01 }]);
    expect(result.failed).to.have.length(1);
    expect(result.failed[0]).to.include({ fold: null });
    expect(result.failed[0].values).to.deep.equal({ learning_rate: 1e30 });
    expect(result.failed[0].reason).to.include('became NaN');
    expect(result.failed[0].worker).to.match(new RegExp(`^${hostname()}:\\d+$`));
    expect(result.failed[0].worker).to.not.equal(`${hostname()}:${process.pid}`);
    expect(failures).to.deep.equal([result.failed[0].worker]);
    expect(trialFiles(out)).to.deep.equal([`${result.results[0].id}.json`]);
    expect(csvRows(out)).to.have.length(1);
  });

  it('a queue URL that does not answer is an error within seconds, before any trial', async function () {
    this.timeout(5000);
    const out = join(dir, 'unreachable');
    let error: unknown;
    try {
      await sweep(smallSpec(), { queue: 'redis://127.0.0.1:1', out });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(QueueUnreachableError).and.include({ url: 'redis://127.0.0.1:1' });
    expect((error as QueueUnreachableError).reason).to.equal('ECONNREFUSED');
    expect(existsSync(join(out, 'trials'))).to.equal(false);
  });
});
