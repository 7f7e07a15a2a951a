import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finish, start } from './cli-helpers';

const SPEC = {
  model: { kind: 'classifier', layers: [64, [12, 'relu'], 10] },
  data: { source: 'digits', rows: 240, valid: 0.25 },
  train: { algo: 'adam', learning_rate: 0.01, max_updates: 6, validate_every: 1, patience: 2 },
  axes: { hidden_l1: [0, 0.3], weight_l2: { log: [1e-4, 1e-1], count: 2 } },
};

const rows = (out: string): number => readFileSync(join(out, 'results.csv'), 'utf8').trim().split('\n').length - 1;

describe('tsnets sweep', function () {
  this.timeout(120000);
  const dir = mkdtempSync(join(tmpdir(), 'tsnets-cli-sweep-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a misspelt key is a one-line usage error naming the close match, before any trial', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      `model: { kind: classifier, layers: [64, 10] }\ndata: { source: digits }\naxes: { hiden_l1: [0.1] }\n`,
    );
    const run = await finish(start(['sweep', file, '--out', join(dir, 'bad')]));
    expect(run.code).to.equal(2);
    expect(run.stderr.trim().split('\n')).to.have.length(1);
    expect(run.stderr).to.include('"hiden_l1". Did you mean "hidden_l1"');
    expect(run.stdout).to.not.include('[1/');
  });

  it('SIGINT keeps the finished trials (exit 130), and the same command goes on from them', async () => {
    const file = join(dir, 'sweep.json');
    const out = join(dir, 'out');
    writeFileSync(file, JSON.stringify(SPEC));
    const child = start(['sweep', file, '--out', out, '--workers', '1']);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('[1/4]')) child.kill('SIGINT');
    });
    const stopped = await finish(child);
    expect(stopped.code, stopped.stderr).to.equal(130);
    expect(stopped.stdout).to.include('SIGINT: stopping the sweep; finished trials are kept');
    const kept = rows(out);
    expect(kept).to.be.within(1, 3);

    const rerun = await finish(start(['sweep', file, '--out', out, '--workers', '2']));
    expect(rerun.code, rerun.stderr).to.equal(0);
    expect(rerun.stdout).to.include(`skipping ${kept} trials finished earlier`);
    expect(rerun.stdout.match(/^\[\d\/4\]/gm)).to.have.length(4 - kept);
    expect(rerun.stdout).to.match(/^best: hidden_l1=\S+ weight_l2=\S+: valid loss/m);
    expect(rows(out)).to.equal(4);
  });
});
