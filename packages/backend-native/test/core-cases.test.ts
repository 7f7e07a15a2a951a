/**
 * The test cases of the packages below the trainer (core, losses, optimizers,
 * regularizers, trainer) run once more, on the native backend: a mocha child
 * process with TSNETS_BACKEND=tsnets-native, whose JSON report must show every
 * case passing there.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { available, BACKEND_NAME } from '../src/index';
import { addonMissing, skipBecause } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const PACKAGES = ['core', 'losses', 'optimizers', 'regularizers', 'trainer'];

interface MochaReport {
  stats: { tests: number; passes: number; failures: number; pending: number };
  failures: { fullTitle: string; err: { message: string } }[];
}

describe('the core test cases on the native backend', function () {
  this.timeout(600_000);

  it(`pass on ${BACKEND_NAME} as they do on wasm`, function () {
    if (!available()) skipBecause(this, addonMissing());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsnets-native-cases-'));
    const reportFile = path.join(dir, 'report.json');
    try {
      const specs = PACKAGES.map((name) => path.join(ROOT, 'packages', name, 'dist', 'test', '**', '*.test.js'));
      const run = spawnSync(
        process.execPath,
        [
          require.resolve('mocha/bin/mocha.js'),
          '--no-config',
          '--require',
          'reflect-metadata',
          '--require',
          path.join(ROOT, 'scripts', 'mocha-setup.js'),
          '--timeout',
          '120000',
          '--reporter',
          'json',
          '--reporter-option',
          `output=${reportFile}`,
          ...specs,
        ],
        { cwd: ROOT, env: { ...process.env, TSNETS_BACKEND: BACKEND_NAME }, encoding: 'utf8' },
      );
      expect(fs.existsSync(reportFile), `mocha wrote no report: ${run.stderr}`).to.equal(true);
      const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as MochaReport;
      const failed = report.failures.map((f) => `${f.fullTitle}: ${f.err.message}`);
      expect(failed, 'cases failing on the native backend').to.deep.equal([]);
      expect(report.stats.passes, 'cases run').to.be.above(300);
      expect(report.stats.passes + report.stats.pending).to.equal(report.stats.tests);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
