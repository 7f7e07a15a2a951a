import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network, Regressor } from '../src/index';
import { finish, run, start } from './cli-helpers';

/** Waits until `probe` gives a value, polling. */
async function until<T>(probe: () => T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('cli: train --dashboard and report', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'tsnets-cli-dashboard-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("serves the page on loopback; its stop button's request (with the page's token) stops, saves and exits 0", async () => {
    const model = join(dir, 'ae.tsnets');
    const child = start([
      'train',
      ...['--model', 'autoencoder', '--layers', '64,16:relu,tied', '--data', 'digits', '--validate-every', '1'],
      ...['--max-updates', '100000', '--patience', '100000', '--hidden-l1', '0.1', '--dashboard', '--save', model],
    ]);
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const done = finish(child);
    try {
      const url = await until(() => /dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1]);
      await until(() => (/epoch +2 /.test(stdout) ? true : undefined));
      const page = await (await fetch(url)).text();
      const token = /"token":"([0-9a-f]+)"/.exec(page)?.[1] ?? '';
      expect(token).to.have.length(48);
      expect((await fetch(new URL('/stop', url), { method: 'POST' })).status).to.equal(403);
      const stopped = await fetch(new URL('/stop', url), { method: 'POST', headers: { 'X-Tsnets-Token': token } });
      expect(stopped.status).to.equal(202);
      const result = await done;
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stdout).to.match(/stop requested from the dashboard/);
      expect(result.stdout).to.match(/stopped after \d+ epochs \(stopped from the dashboard\)/);
    } finally {
      child.kill();
    }
    const net = await Network.load(model);
    expect(net.history[0].reason).to.equal('aborted');
    expect(net.history[0].epochs[1].activity).to.have.keys('hid1');
    net.dispose();
    const html = join(dir, 'report.html');
    const report = await run(['report', model, '--html', html]);
    expect(report.code, report.stderr).to.equal(0);
    expect(report.stdout).to.include(`wrote ${html}`);
  });

  it('report refuses a model without history, saying why', async () => {
    const model = join(dir, 'untrained.tsnets');
    const net = new Regressor([4, 2]);
    await net.save(model);
    net.dispose();
    const result = await run(['report', model, '--html', join(dir, 'none.html')]);
    expect(result.code).to.not.equal(0);
    expect(result.stderr).to.include('has no training history');
  });
});
