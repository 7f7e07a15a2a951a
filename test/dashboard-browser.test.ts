/**
 * The dashboard in a real browser (headless Chromium driven by
 * puppeteer-core): during a real training run of the command line the page
 * loads, its curves gain points, the features image changes, and its stop
 * button ends the run, which saves a model that loads; then `tsnets report`
 * writes the same page statically. Skipped, with the reason, where no
 * browser can start. With TSNETS_SCREENSHOTS=DIR it also writes the
 * screenshots of docs/dashboard.md there.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { Network } from 'tsnets';
import { startBrowser, type TestBrowser } from './browser';
import { skipBecause } from './fixtures';

const REPO = resolve(__dirname, '../..');
const CLI = join(REPO, 'packages/tsnets/bin/tsnets.js');
const SHOTS = process.env.TSNETS_SCREENSHOTS;

/** A running `tsnets` command: its output so far, and its exit. */
function tsnets(args: string[]): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((done) => child.on('close', done));
  return { child, output: () => output, exit };
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Points of the loss chart, the features image and its version, and the status, as the page has drawn them. */
const DRAWN = `(() => {
  const canvas = document.getElementById('features');
  return {
    points: Number(document.getElementById('loss-chart').dataset.points),
    version: Number(canvas.dataset.version),
    image: canvas.toDataURL(),
    status: document.getElementById('status').dataset.status || '',
  };
})()`;

function drawn(page: Page): Promise<{ points: number; version: number; image: string; status: string }> {
  return page.evaluate(DRAWN) as Promise<{ points: number; version: number; image: string; status: string }>;
}

const textOf = (page: Page, selector: string): Promise<string> =>
  page.evaluate(
    `[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => e.textContent).join(' ')`,
  ) as Promise<string>;

describe('dashboard in a browser', function () {
  this.timeout(180_000);
  let browser: TestBrowser | undefined;
  let dir: string;

  before(async function () {
    const started = await startBrowser();
    if (typeof started === 'string') skipBecause(this, started);
    browser = started;
    dir = mkdtempSync(join(tmpdir(), 'tsnets-dashboard-'));
  });
  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('follows a real run live, stops it with the button, and the saved model loads and reports', async () => {
    const model = join(dir, 'digits.tsnets.gz');
    // Patience and max-updates far away: only the button ends this run.
    const run = tsnets([
      'train',
      ...['--model', 'autoencoder', '--layers', '64,32:relu,tied', '--data', 'digits', '--algo', 'adam'],
      ...['--learning-rate', '0.003', '--validate-every', '1', '--max-updates', '100000', '--patience', '100000'],
      ...['--hidden-l1', '0.1', '--weight-l2', '0.001', '--input-dropout', '0.1', '--dashboard', '--save', model],
    ]);
    try {
      const url = await until('the dashboard address', () => /dashboard: (http:\S+)/.exec(run.output())?.[1]);
      expect(new URL(url).hostname).to.equal('127.0.0.1');
      const page = await (browser as TestBrowser).browser.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto(url);
      const first = await until('two epochs drawn', async () => {
        const now = await drawn(page);
        return now.points >= 2 && now.version >= 0 ? now : undefined;
      });
      const later = await until('more epochs and a new features image', async () => {
        const now = await drawn(page);
        // Screenshots for the docs show a longer run.
        const wanted = first.points + (SHOTS ? 30 : 3);
        return now.points >= wanted && now.version > first.version ? now : undefined;
      });
      expect(later.image).to.not.equal(first.image);
      expect(later.status).to.equal('running');
      // Each term has its curve, and the regularizers table names what each matched.
      const legend = await textOf(page, '#terms-chart .u-legend th');
      expect(legend).to.include('valid err').and.include('valid hidden_l1').and.include('valid weight_l2');
      const table = await textOf(page, '#regularizers');
      expect(table).to.include('hid1:out').and.include('hid1.w').and.include('{"rate":0.1}');
      if (SHOTS) await page.screenshot({ path: join(SHOTS, 'dashboard-live.png'), fullPage: true });
      await page.click('#stop');
      expect(await run.exit).to.equal(0);
      expect(run.output()).to.match(/stopped after \d+ epochs \(stopped from the dashboard\)/);
      const net = await Network.load(model);
      const [history] = net.history;
      expect(history.reason).to.equal('aborted');
      expect(history.epochs.length).to.be.at.least(later.points);
      expect(history.epochs[0].activity).to.have.keys('hid1');
      net.dispose();
      await page.close();
    } finally {
      run.child.kill();
    }
    const html = join(dir, 'report.html');
    const report = tsnets(['report', model, '--html', html]);
    expect(await report.exit, report.output()).to.equal(0);
    const page = await (browser as TestBrowser).browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(html).href);
    const shown = await drawn(page);
    expect(shown.status).to.equal('report');
    expect(shown.points).to.be.above(2);
    expect(shown.version).to.equal(0);
    if (SHOTS) {
      // The report's picture shows the log scale, where the small terms are visible.
      await page.click('#log-scale');
      await page.screenshot({ path: join(SHOTS, 'dashboard-report.png'), fullPage: true });
    }
    await page.close();
  });
});
