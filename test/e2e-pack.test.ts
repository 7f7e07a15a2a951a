/**
 * End to end: pack the packages as npm would publish them, install the
 * tarballs into a fresh app outside the workspace, and train there with the
 * weight-inverse plugin found by loadPlugins().
 */
import { expect } from 'chai';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { APP_SCRIPT } from './e2e/app-script';
import { skipBecause } from './fixtures';

const REPO = path.resolve(__dirname, '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const PLUGIN = '@tsnets/plugin-weight-inverse';

/** The workspaces to pack, by folder; the built-in regularizers only once they hold more than a stub. */
function workspaces(): string[] {
  const folders = ['packages/core', 'packages/losses', 'packages/optimizers', 'packages/trainer'];
  const regularizers = path.join(REPO, 'packages/regularizers/src');
  if (fs.existsSync(regularizers) && fs.readdirSync(regularizers).some((file) => file !== 'index.ts')) {
    folders.push('packages/regularizers');
  }
  return [...folders, 'plugins/weight-inverse'];
}

/** The environment for a child npm: without the settings of an npm run that may have started this test. */
function npmEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(package|lifecycle)_/i.test(key)) delete env[key];
    if (/^npm_config_(workspaces?|include_workspace_root|prefix|local_prefix|global|dry_run|omit|only)$/i.test(key)) {
      delete env[key];
    }
  }
  return env;
}

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: npmEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd} (exit ${result.status}):\n${result.stderr}\n${result.stdout}`,
    );
  }
  return result;
}

function npmAvailable(): boolean {
  const probe = spawnSync(NPM, ['--version'], { encoding: 'utf8' });
  return !probe.error && probe.status === 0;
}

describe('e2e: packed packages in a fresh app', () => {
  it('installs from tarballs, loadPlugins() finds weight-inverse, and its penalty is in the loss', function () {
    this.timeout(300000);
    if (!npmAvailable()) {
      skipBecause(this, 'npm is not available on PATH, so the packages cannot be packed and installed');
    }
    const folders = workspaces();
    for (const folder of folders) {
      const entry = path.join(REPO, folder, 'dist/src/index.js');
      expect(fs.existsSync(entry), `${entry} is missing: build first (npx tsc -b)`).to.equal(true);
    }
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tsnets-e2e-'));
    try {
      const started = Date.now();
      const tarballs = path.join(root, 'tarballs');
      fs.mkdirSync(tarballs);
      const packed = run(
        NPM,
        [
          'pack',
          '--json',
          '--ignore-scripts',
          '--pack-destination',
          tarballs,
          ...folders.map((f) => `--workspace=${f}`),
        ],
        REPO,
      );
      const files = (JSON.parse(packed.stdout) as Array<{ name: string; filename: string }>).map((p) =>
        path.join(tarballs, path.basename(p.filename)),
      );
      expect(files).to.have.lengthOf(folders.length);
      const packedAt = Date.now();

      const app = path.join(root, 'app');
      fs.mkdirSync(app);
      fs.writeFileSync(
        path.join(app, 'package.json'),
        JSON.stringify({ name: 'tsnets-e2e-app', version: '1.0.0', private: true }, null, 2),
      );
      run(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', ...files, 'reflect-metadata@^0.2.2'], app);
      const installedAt = Date.now();
      // The app sees its own installed copies, nothing from the workspace.
      expect(fs.realpathSync(path.join(app, 'node_modules/@tsnets/core'))).to.satisfy((p: string) =>
        p.startsWith(fs.realpathSync(app)),
      );

      fs.writeFileSync(path.join(app, 'main.js'), APP_SCRIPT);
      const withRegularizers = folders.includes('packages/regularizers');
      const result = run(process.execPath, ['main.js', ...(withRegularizers ? ['--regularizers'] : [])], app);
      const out = JSON.parse(result.stdout) as {
        hint: string | null;
        hintMessage: string;
        optionError: string;
        loaded: Array<{ name: string; version: string; provides: Record<string, string[]> }>;
        penalty: number;
        valid: Array<Record<string, number>>;
        registered: string[];
      };
      console.log(
        `    e2e timing: pack ${(packedAt - started) / 1000}s, install ${(installedAt - packedAt) / 1000}s, ` +
          `run ${(Date.now() - installedAt) / 1000}s (${folders.length} packages)`,
      );

      expect(out.hint, out.hintMessage).to.equal(PLUGIN);
      expect(out.optionError)
        .to.match(/^OptionError: /)
        .and.include(`The installed plugin "${PLUGIN}" provides`);
      expect(out.loaded).to.deep.equal([
        { name: PLUGIN, version: '0.1.0', provides: { regularizer: ['weightinverse'] } },
      ]);
      expect(out.registered).to.include('weightinverse');
      if (withRegularizers) expect(out.registered).to.include('hidden_l1');
      const first = out.valid[0];
      const expected = 0.001 * out.penalty;
      expect(out.penalty).to.be.greaterThan(0);
      expect(first.loss - first.err).to.be.closeTo(expected, 1e-6 + 1e-4 * expected);
      expect(out.valid).to.have.lengthOf(20);
      for (const valid of out.valid) expect(valid.loss).to.be.finite;
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
