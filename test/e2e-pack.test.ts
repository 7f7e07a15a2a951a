/**
 * End to end, the install route of docs/install.md: pack every public
 * package with the repository's own `npm run pack` script, install the
 * tarballs into a fresh app outside the workspace, and use tsnets there as a
 * user would: the quickstart, plugins, the native backend, and the optional
 * MNIST package (missing, then added from its tarball).
 */
import { expect } from 'chai';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { APP_SCRIPT } from './e2e/app-script';
import { skipBecause } from './fixtures';

const REPO = path.resolve(__dirname, '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const PLUGIN = '@tsnets/plugin-weight-inverse';

/** What `npm install out/pack/*.tgz` must install: tsnets, everything it needs, the native backend, the plugins. */
const APP_PACKAGES = [
  '@tsnets/backend-native',
  '@tsnets/core',
  '@tsnets/dashboard',
  '@tsnets/datasets',
  '@tsnets/losses',
  '@tsnets/optimizers',
  '@tsnets/plugin-kl-sparsity',
  '@tsnets/plugin-orthogonal',
  '@tsnets/plugin-weight-inverse',
  '@tsnets/regularizers',
  '@tsnets/sweep',
  '@tsnets/tfjs-file-io',
  '@tsnets/trainer',
  'tsnets',
];
/** The optional dataset packages, packed apart (out/pack/datasets) so the app's glob leaves them out. */
const DATASET_PACKAGES = ['@tsnets/dataset-fashion-mnist', '@tsnets/dataset-mnist'];

interface Packed {
  name: string;
  file: string;
  size: number;
}

/** The environment for a child npm or app: without the settings of an npm run that may have started this test. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(package|lifecycle)_/i.test(key)) delete env[key];
    if (/^npm_config_(workspaces?|include_workspace_root|prefix|local_prefix|global|dry_run|omit|only)$/i.test(key)) {
      delete env[key];
    }
  }
  // The app picks its backend as a user's app would.
  delete env.TSNETS_BACKEND;
  return env;
}

function attempt(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: childEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = attempt(command, args, cwd);
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

/** Every installed copy of package `name` under `nodeModules`, nested ones included. */
function copies(nodeModules: string, name: string): string[] {
  const found: string[] = [];
  const visit = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir)) {
      if (entry.startsWith('.')) continue;
      const names = entry.startsWith('@')
        ? fs.readdirSync(path.join(dir, entry)).map((scoped) => `${entry}/${scoped}`)
        : [entry];
      for (const packageName of names) {
        if (packageName === name) found.push(path.join(dir, packageName));
        visit(path.join(dir, packageName, 'node_modules'));
      }
    }
  };
  visit(nodeModules);
  return found;
}

/**
 * The first ```ts block of docs/quickstart.md as a CommonJS script that runs
 * it and then prints the backend and the accuracy it measured.
 */
function quickstartScript(): string {
  const page = fs.readFileSync(path.join(REPO, 'docs/quickstart.md'), 'utf8');
  const block = /^```ts\n([\s\S]*?)^```/m.exec(page);
  if (!block) throw new Error('docs/quickstart.md has no ```ts block');
  const { outputText } = ts.transpileModule(block[1], {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  return [
    '(async () => {',
    outputText,
    "  const report = { backend: require('tsnets').tf.getBackend(), accuracy };",
    "  process.stdout.write('\\nE2E ' + JSON.stringify(report) + '\\n');",
    '})().catch((error) => {',
    '  process.exitCode = 1;',
    '  console.error(error && error.stack ? error.stack : error);',
    '});',
  ].join('\n');
}

/** The backend an app should end up on: the native one whenever this machine builds its addon. */
function expectedBackend(): string {
  if (process.env.TSNETS_NATIVE_SKIP_BUILD) return 'wasm';
  const native = require(require.resolve('@tsnets/backend-native', { paths: [REPO] })) as { available(): boolean };
  return native.available() ? 'tsnets-native' : 'wasm';
}

/** Checks an app runs, printed by `main.js` with `node main.js`. */
const CHECK_SCRIPT = String.raw`'use strict';
const tsnets = require('tsnets');
(async () => {
  const backend = await tsnets.ready();
  const out = { backend, tf: tsnets.tf.getBackend(), native: require('@tsnets/backend-native').available() };
  try {
    const test = await tsnets.datasets.mnist({ set: 'test' });
    out.mnist = { shape: test.shape, first: test.labels[0], from: require.resolve('@tsnets/dataset-mnist') };
  } catch (error) {
    out.mnist = {
      name: error.name,
      typed: error instanceof tsnets.datasets.MissingDatasetError,
      packageName: error.packageName,
      message: error.message,
    };
  }
  process.stdout.write(JSON.stringify(out));
})().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exitCode = 1;
});
`;

describe('e2e: packed packages in a fresh app', function () {
  this.timeout(900000);
  let root = '';
  let app = '';
  let packed: Packed[] = [];
  const timing: string[] = [];

  before(function () {
    if (!npmAvailable()) {
      skipBecause(this, 'npm is not available on PATH, so the packages cannot be packed and installed');
    }
    const entry = path.join(REPO, 'packages/tsnets/dist/src/index.js');
    expect(fs.existsSync(entry), `${entry} is missing: build first (npx tsc -b)`).to.equal(true);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'tsnets-e2e-'));
    let started = Date.now();
    // The repository's own script, as docs/install.md tells users to run it (without its clean build: built already).
    const tarballs = path.join(root, 'pack');
    const result = run(process.execPath, ['scripts/pack.js', '--out', tarballs, '--no-build', '--json'], REPO);
    packed = JSON.parse(result.stdout) as Packed[];
    timing.push(`pack ${(Date.now() - started) / 1000}s`);

    app = path.join(root, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({ name: 'tsnets-e2e-app', version: '1.0.0', private: true }, null, 2),
    );
    // Exactly what docs/install.md says: every tarball of the folder, nothing from a registry of ours.
    const glob = fs
      .readdirSync(tarballs)
      .filter((file) => file.endsWith('.tgz'))
      .map((file) => path.join(tarballs, file));
    started = Date.now();
    run(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', ...glob], app);
    timing.push(`install ${(Date.now() - started) / 1000}s`);
  });

  after(() => {
    if (timing.length > 0) console.log(`    e2e timing: ${timing.join(', ')}`);
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('npm run pack writes one tarball per public package, the dataset packages apart', () => {
    const main = packed.filter((p) => path.dirname(p.file) === path.join(root, 'pack'));
    const datasets = packed.filter((p) => path.dirname(p.file) === path.join(root, 'pack', 'datasets'));
    expect(main.map((p) => p.name).sort()).to.deep.equal(APP_PACKAGES);
    expect(datasets.map((p) => p.name).sort()).to.deep.equal(DATASET_PACKAGES);
    for (const p of packed) expect(fs.existsSync(p.file), p.file).to.equal(true);
    // The datasets tarball carries the digits and iris only (it was 42.5 MB with MNIST and Fashion-MNIST).
    const small = main.find((p) => p.name === '@tsnets/datasets');
    expect(small?.size).to.be.below(200_000);
  });

  it('the app has its own copies of every package, one tsyringe and one @tensorflow/tfjs-core, and no MNIST', () => {
    const modules = path.join(app, 'node_modules');
    for (const name of APP_PACKAGES) {
      const dir = path.join(modules, name);
      expect(fs.existsSync(dir), `${name} installed`).to.equal(true);
      expect(fs.lstatSync(dir).isSymbolicLink(), `${name} is a copy, not a link into the workspace`).to.equal(false);
    }
    expect(copies(modules, 'tsyringe'), 'copies of tsyringe').to.have.lengthOf(1);
    expect(copies(modules, '@tensorflow/tfjs-core'), 'copies of @tensorflow/tfjs-core').to.have.lengthOf(1);
    expect(copies(modules, '@tsnets/core'), 'copies of @tsnets/core').to.have.lengthOf(1);
    for (const name of DATASET_PACKAGES) expect(copies(modules, name), name).to.deep.equal([]);
  });

  it('runs the quickstart: a digits classifier above 0.85, on the native backend when its addon builds here', () => {
    fs.writeFileSync(path.join(app, 'quickstart.js'), quickstartScript());
    const started = Date.now();
    const result = run(process.execPath, ['quickstart.js'], app);
    timing.push(`quickstart ${(Date.now() - started) / 1000}s`);
    const line = result.stdout.split('\n').find((text) => text.startsWith('E2E '));
    expect(line, result.stdout).to.be.a('string');
    const report = JSON.parse((line as string).slice(4)) as { backend: string; accuracy: number };
    expect(report.accuracy).to.be.above(0.85);
    expect(report.backend).to.equal(expectedBackend());
  });

  it('loadPlugins() finds weight-inverse, and its penalty is in the loss', () => {
    fs.writeFileSync(path.join(app, 'plugins.js'), APP_SCRIPT);
    const result = run(process.execPath, ['plugins.js', '--regularizers'], app);
    const out = JSON.parse(result.stdout) as {
      hint: string | null;
      hintMessage: string;
      optionError: string;
      loaded: Array<{ name: string; version: string; provides: Record<string, string[]> }>;
      penalty: number;
      valid: Array<Record<string, number>>;
      registered: string[];
    };
    expect(out.hint, out.hintMessage).to.equal(PLUGIN);
    expect(out.optionError)
      .to.match(/^OptionError: /)
      .and.include(`The installed plugin "${PLUGIN}" provides`);
    // The app depends on all three plugins (it installed every tarball); each is loaded once.
    expect(out.loaded.map((plugin) => plugin.name).sort()).to.deep.equal(
      APP_PACKAGES.filter((name) => name.includes('/plugin-')),
    );
    expect(out.loaded.find((plugin) => plugin.name === PLUGIN)).to.deep.equal({
      name: PLUGIN,
      version: '0.1.0',
      provides: { regularizer: ['weightinverse'] },
    });
    expect(out.registered).to.include('weightinverse').and.include('hidden_l1');
    const first = out.valid[0];
    const expected = 0.001 * out.penalty;
    expect(out.penalty).to.be.greaterThan(0);
    expect(first.loss - first.err).to.be.closeTo(expected, 1e-6 + 1e-4 * expected);
    expect(out.valid).to.have.lengthOf(20);
    for (const valid of out.valid) expect(valid.loss).to.be.finite;
  });

  it('without @tsnets/dataset-mnist, datasets.mnist() and `tsnets --data mnist` name the package to install', () => {
    fs.writeFileSync(path.join(app, 'check.js'), CHECK_SCRIPT);
    const out = JSON.parse(run(process.execPath, ['check.js'], app).stdout);
    expect(out.backend).to.equal(expectedBackend());
    expect(out.tf).to.equal(out.backend);
    expect(out.native).to.equal(expectedBackend() === 'tsnets-native');
    expect(out.mnist.name).to.equal('MissingDatasetError');
    expect(out.mnist.typed).to.equal(true);
    expect(out.mnist.packageName).to.equal('@tsnets/dataset-mnist');
    expect(out.mnist.message).to.include('`npm install @tsnets/dataset-mnist`');

    const bin = path.join(app, 'node_modules', '.bin', 'tsnets');
    const cli = attempt(bin, ['train', '--model', 'classifier', '--layers', '784,10', '--data', 'mnist'], app);
    expect(cli.status, cli.stderr).to.equal(2);
    expect(cli.stderr).to.match(/^tsnets: MNIST is not installed/);
    expect(cli.stderr).to.include('`npm install @tsnets/dataset-mnist`');
  });

  it('with the MNIST tarball added, datasets.mnist() loads it', () => {
    const tarball = packed.find((p) => p.name === '@tsnets/dataset-mnist') as Packed;
    const started = Date.now();
    run(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball.file], app);
    timing.push(`add mnist ${(Date.now() - started) / 1000}s`);
    const out = JSON.parse(run(process.execPath, ['check.js'], app).stdout);
    expect(out.mnist.shape).to.deep.equal([10000, 784]);
    expect(out.mnist.first).to.equal(7);
    expect(fs.realpathSync(out.mnist.from).startsWith(fs.realpathSync(app))).to.equal(true);
  });
});
