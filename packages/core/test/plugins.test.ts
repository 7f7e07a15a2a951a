import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DuplicateRegistrationError,
  PluginError,
  Regularizer,
  UnknownNameError,
  catalog,
  discoverPlugins,
  isPackageName,
  isRegistered,
  loadPlugin,
  loadPlugins,
  lookup,
  normalizeKey,
  register,
  scanPlugins,
  unregister,
} from '../src/index';
import { skipBecause } from './helpers';

/** The compiled core entry, which fake plugins require to register into this process's catalog. */
const CORE = require.resolve('../src/index');
const MARKS = '__tsnetsPluginTestMarks';

type Json = Record<string, unknown>;

/** Writes `files` (path -> text or JSON) under `root`. */
function write(root: string, files: Record<string, string | Json>): void {
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(root, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
}

/** The source of a plugin entry that marks itself loaded and registers `ids` as regularizers. */
function entrySource(name: string, ids: readonly string[]): string {
  return [
    `const core = require(${JSON.stringify(CORE)});`,
    `(globalThis.${MARKS} ??= []).push(${JSON.stringify(name)});`,
    ...ids.map(
      (id) =>
        `core.register('regularizer', class extends core.Regularizer {}, { id: ${JSON.stringify(id)}, package: ${JSON.stringify(name)} });`,
    ),
  ].join('\n');
}

/** A package folder: a package.json (with a `tsnets` field when `manifest` is given) and an entry. */
function pkg(
  name: string,
  manifest?: Json,
  entry = 'index.js',
  source?: string,
  extra: Json = {},
): Record<string, string | Json> {
  const ids = Array.isArray(manifest?.regularizers) ? (manifest.regularizers as string[]) : [];
  return {
    [`node_modules/${name}/package.json`]: {
      name,
      version: '1.2.3',
      main: entry,
      ...extra,
      ...(manifest ? { tsnets: manifest } : {}),
    },
    [`node_modules/${name}/${entry}`]: source ?? entrySource(name, ids),
  };
}

const THROWS = `throw new Error('this package has no tsnets field and must never be imported');`;

function marks(): string[] {
  return ((globalThis as Json)[MARKS] as string[] | undefined) ?? [];
}

function thrown(body: () => unknown): Error {
  try {
    body();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('plugins: discovery and loading', () => {
  const IDS = [
    'fakeinverse',
    'devprobe',
    'exportsprobe',
    'optprobe',
    'brokenprobe',
    'lazyprobe',
    'atomone',
    'atomtwo',
    'atomtaken',
    'trustprobe',
  ];
  let root: string;
  let app: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'tsnets-plugins-'));
    app = path.join(root, 'app');
    write(app, {
      'package.json': {
        name: 'fake-app',
        private: true,
        dependencies: { 'fake-plugin': '1.2.3', 'plain-pkg': '1.2.3', 'not-installed': '1.0.0' },
        devDependencies: { '@scope/dev-plugin': '1.2.3' },
        optionalDependencies: { 'opt-plugin': '1.2.3', 'opt-missing': '1.0.0' },
      },
      'src/main.js': '',
      ...pkg('fake-plugin', { regularizers: ['fakeinverse'], entry: './lib/entry.js' }, 'lib/entry.js'),
      ...pkg('plain-pkg', undefined, 'index.js', THROWS),
      // `exports` hides package.json from require.resolve: found by walking node_modules.
      ...pkg(
        '@scope/dev-plugin',
        { regularizers: ['devprobe', 'exportsprobe'], entry: './index.js' },
        'index.js',
        undefined,
        {
          exports: { '.': './index.js' },
        },
      ),
      ...pkg('opt-plugin', { regularizers: ['optprobe'], entry: 'index.js' }),
    });
  });

  afterEach(() => {
    for (const id of IDS) if (isRegistered('regularizer', id)) unregister('regularizer', id);
    delete (globalThis as Json)[MARKS];
  });

  after(() => {
    const hints = catalog().pluginHints.get('regularizer');
    for (const id of IDS) hints?.delete(normalizeKey(id));
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('scanPlugins reads manifests only: it imports nothing and lists only packages with a tsnets field', () => {
    const found = scanPlugins(app);
    expect(found.map((p) => p.name)).to.deep.equal(['fake-plugin', '@scope/dev-plugin', 'opt-plugin']);
    expect(found[0]).to.include({ name: 'fake-plugin', version: '1.2.3' });
    expect(found[0].entry).to.equal(fs.realpathSync(path.join(app, 'node_modules/fake-plugin/lib/entry.js')));
    expect(found[1].provides).to.deep.equal({ regularizer: ['devprobe', 'exportsprobe'] });
    expect(marks()).to.deep.equal([]);
  });

  it('after a scan, an unknown name says which installed plugin provides it', () => {
    scanPlugins(app);
    const error = thrown(() => lookup('regularizer', 'fakeInverse'));
    expect(error).to.be.instanceOf(UnknownNameError);
    expect((error as UnknownNameError).plugin).to.equal('fake-plugin');
    expect(error.message).to.include('"fake-plugin"').and.include('loadPlugins()');
  });

  it('loadPlugins imports every plugin dependency (never a package without the field) and returns them', () => {
    const loaded = loadPlugins({ from: app });
    expect(loaded.map((p) => [p.name, p.version])).to.deep.equal([
      ['fake-plugin', '1.2.3'],
      ['@scope/dev-plugin', '1.2.3'],
      ['opt-plugin', '1.2.3'],
    ]);
    expect(marks()).to.deep.equal(['fake-plugin', '@scope/dev-plugin', 'opt-plugin']);
    for (const id of ['fakeinverse', 'devprobe', 'exportsprobe', 'optprobe']) {
      expect(lookup('regularizer', id).package, id).to.be.a('string');
    }
    expect(lookup('regularizer', 'fakeinverse').package).to.equal('fake-plugin');
  });

  it('finds the app from a folder below its package.json; dev and optional dependencies can be left out', () => {
    const names = (options: { dev?: boolean; optional?: boolean }) =>
      scanPlugins(path.join(app, 'src'), options).map((p) => p.name);
    expect(names({})).to.have.lengthOf(3);
    expect(names({ dev: false })).to.deep.equal(['fake-plugin', 'opt-plugin']);
    expect(names({ optional: false })).to.deep.equal(['fake-plugin', '@scope/dev-plugin']);
  });

  describe('broken plugins are PluginErrors naming the package and the path', () => {
    function brokenApp(name: string, files: Record<string, string | Json>): string {
      const dir = path.join(root, name);
      write(dir, { 'package.json': { name, dependencies: { broken: '1.0.0', 'plain-pkg': '1.0.0' } }, ...files });
      write(dir, pkg('plain-pkg', undefined, 'index.js', THROWS));
      return dir;
    }

    function expectPluginError(dir: string, pattern: RegExp, file: string): PluginError {
      const error = thrown(() => loadPlugins({ from: dir }));
      expect(error).to.be.instanceOf(PluginError);
      const plugin = error as PluginError;
      expect(plugin.packageName).to.equal('broken');
      expect(plugin.path).to.equal(file);
      expect(plugin.message).to.include('"broken"').and.include(file).and.match(pattern);
      // A scan never throws: the broken plugin is left out.
      expect(() => scanPlugins(dir)).not.to.throw();
      return plugin;
    }

    it('an entry file that does not exist', () => {
      const dir = brokenApp('missing-entry', {
        'node_modules/broken/package.json': {
          name: 'broken',
          tsnets: { regularizers: ['brokenprobe'], entry: './dist/index.js' },
        },
      });
      expectPluginError(
        dir,
        /no such file exists/,
        path.join(fs.realpathSync(dir), 'node_modules/broken/dist/index.js'),
      );
    });

    it('an entry that throws when imported (the cause is kept)', () => {
      const dir = brokenApp('throwing-entry', {
        ...pkg(
          'broken',
          { regularizers: ['brokenprobe'], entry: './index.js' },
          'index.js',
          `throw new Error('boom');`,
        ),
      });
      const error = expectPluginError(
        dir,
        /failed to load.*boom/,
        path.join(fs.realpathSync(dir), 'node_modules/broken/index.js'),
      );
      expect((error.cause as Error).message).to.equal('boom');
    });

    it('an entry that does not register what the manifest declares', () => {
      const dir = brokenApp('silent-entry', {
        ...pkg('broken', { regularizers: ['brokenprobe'], entry: './index.js' }, 'index.js', '// registers nothing'),
      });
      expectPluginError(
        dir,
        /did not register.*brokenprobe/,
        path.join(fs.realpathSync(dir), 'node_modules/broken/index.js'),
      );
    });

    it('a malformed manifest: no entry, an unknown kind, ids that are not strings', () => {
      const file = (dir: string) => path.join(fs.realpathSync(dir), 'node_modules/broken/package.json');
      const manifests: Array<[Json, RegExp]> = [
        [{ regularizers: ['brokenprobe'] }, /"entry" is missing/],
        [{ regularisers: ['brokenprobe'], entry: './index.js' }, /unknown key "regularisers"/],
        [{ regularizers: 'brokenprobe', entry: './index.js' }, /array of id strings/],
      ];
      manifests.forEach(([manifest, pattern], i) => {
        const dir = brokenApp(`bad-manifest-${i}`, pkg('broken', manifest));
        expectPluginError(dir, pattern, file(dir));
      });
    });

    it('no package.json at or above the folder', function () {
      const dir = path.join(root, 'no-app');
      fs.mkdirSync(dir);
      if (fs.existsSync(path.join(os.tmpdir(), 'package.json'))) {
        skipBecause(
          this,
          `${path.join(os.tmpdir(), 'package.json')} exists, so every folder there has a package.json above it`,
        );
      }
      const error = thrown(() => loadPlugins({ from: dir }));
      expect(error).to.be.instanceOf(PluginError);
      expect(error.message).to.include(dir).and.include('no package.json');
      expect(scanPlugins(dir)).to.deep.equal([]);
    });
  });

  describe('trust: only installed packages run, only code inside them, all or nothing', () => {
    /** An entry that records its load in `MARKS` and throws nothing. */
    const marking = (name: string) => `(globalThis.${MARKS} ??= []).push(${JSON.stringify(name)});`;

    it('takes dependency names only: a key that is a path (./x, ../x) is never resolved, so nothing runs', () => {
      const dir = path.join(root, 'path-deps');
      const manifest = (name: string) => ({ name, tsnets: { regularizers: ['trustprobe'], entry: './index.js' } });
      write(dir, {
        'package.json': {
          name: 'path-deps',
          dependencies: { './local-evil': 'file:./local-evil', '../sibling': '1.0.0' },
        },
        'local-evil/package.json': manifest('local-evil'),
        'local-evil/index.js': marking('local-evil'),
        // '../sibling' joined under node_modules lands here, beside node_modules.
        'sibling/package.json': manifest('sibling'),
        'sibling/index.js': marking('sibling'),
      });
      expect(scanPlugins(dir)).to.deep.equal([]);
      expect(loadPlugins({ from: dir })).to.deep.equal([]);
      expect(marks()).to.deep.equal([]);
      expect([isPackageName('./local-evil'), isPackageName('../sibling'), isPackageName('/abs')]).to.deep.equal([
        false,
        false,
        false,
      ]);
      expect([isPackageName('@scope/name'), isPackageName('Old-Caps')]).to.deep.equal([true, true]);
    });

    it('resolves through node_modules only: an app that depends on its own name does not load itself', () => {
      const dir = path.join(root, 'self-app');
      write(dir, {
        'package.json': {
          name: 'self-app',
          exports: { '.': './index.js', './package.json': './package.json' },
          dependencies: { 'self-app': '1.0.0' },
          tsnets: { regularizers: ['trustprobe'], entry: './index.js' },
        },
        'index.js': marking('self-app'),
      });
      expect(scanPlugins(dir)).to.deep.equal([]);
      expect(loadPlugins({ from: dir })).to.deep.equal([]);
      expect(marks()).to.deep.equal([]);
    });

    it('an entry outside the package (../../x.js, an absolute path, a symlink out) is refused before it runs', () => {
      const dir = path.join(root, 'escaping');
      const outside = path.join(root, 'outside.js');
      write(root, { 'outside.js': marking('outside') });
      write(dir, {
        'package.json': { name: 'escaping', dependencies: { up: '1', abs: '1', linked: '1' } },
        'node_modules/up/package.json': {
          name: 'up',
          tsnets: { regularizers: ['trustprobe'], entry: '../../../outside.js' },
        },
        'node_modules/abs/package.json': { name: 'abs', tsnets: { regularizers: ['trustprobe'], entry: outside } },
        'node_modules/linked/package.json': {
          name: 'linked',
          tsnets: { regularizers: ['trustprobe'], entry: './index.js' },
        },
      });
      fs.symlinkSync(outside, path.join(dir, 'node_modules/linked/index.js'));
      const found = discoverPlugins({ from: dir });
      expect(found.plugins.map((p) => p.name)).to.deep.equal(['linked']);
      expect(found.problems.map((p) => [p.packageName, /outside the package folder/.test(p.message)])).to.deep.equal([
        ['up', true],
        ['abs', true],
      ]);
      const error = thrown(() => loadPlugin(found.plugins[0]));
      expect(error).to.be.instanceOf(PluginError);
      expect(error.message).to.include('"linked"').and.include(fs.realpathSync(outside)).and.include('outside');
      expect(() => loadPlugins({ from: dir })).to.throw(PluginError, /"up".*outside the package folder/);
      expect(marks()).to.deep.equal([]);
    });

    it('a plugin that fails part-way (a duplicate id on its third registration) leaves none of its registrations', () => {
      class Taken extends Regularizer {}
      register('regularizer', Taken, { id: 'atomtaken', package: 'the-app' });
      const dir = path.join(root, 'atomic');
      const ids = ['atomone', 'atomtwo', 'atomtaken'];
      write(dir, {
        'package.json': { name: 'atomic', dependencies: { partial: '1.0.0' } },
        ...pkg('partial', { regularizers: ids, entry: './index.js' }),
      });
      const entry = fs.realpathSync(path.join(dir, 'node_modules/partial/index.js'));
      const error = thrown(() => loadPlugins({ from: dir }));
      expect(error).to.be.instanceOf(PluginError);
      expect((error as PluginError).cause).to.be.instanceOf(DuplicateRegistrationError);
      expect(marks()).to.deep.equal(['partial']); // it ran, up to the third registration
      expect([isRegistered('regularizer', 'atomone'), isRegistered('regularizer', 'atomtwo')]).to.deep.equal([
        false,
        false,
      ]);
      expect(lookup('regularizer', 'atomtaken').target).to.equal(Taken);
      expect(require.cache[entry]).to.equal(undefined);
    });

    it('a plugin that registers only part of what it declares is undone too, and runs afresh when loaded again', () => {
      const dir = path.join(root, 'short');
      write(dir, {
        'package.json': { name: 'short', dependencies: { short: '1.0.0' } },
        ...pkg(
          'short',
          { regularizers: ['atomone', 'atomtwo'], entry: './index.js' },
          'index.js',
          entrySource('short', ['atomone']),
        ),
      });
      expect(() => loadPlugins({ from: dir })).to.throw(PluginError, /did not register.*atomtwo/);
      expect(isRegistered('regularizer', 'atomone')).to.equal(false);
      expect(() => loadPlugins({ from: dir })).to.throw(PluginError, /did not register.*atomtwo/);
      expect(marks()).to.deep.equal(['short', 'short']);
    });

    it('TSNETS_NO_PLUGINS=1 turns discovery off: nothing is found or loaded', () => {
      const saved = process.env.TSNETS_NO_PLUGINS;
      try {
        process.env.TSNETS_NO_PLUGINS = '1';
        expect(scanPlugins(app)).to.deep.equal([]);
        expect(loadPlugins({ from: app })).to.deep.equal([]);
        expect(marks()).to.deep.equal([]);
        process.env.TSNETS_NO_PLUGINS = '0';
        expect(scanPlugins(app)).to.have.lengthOf(3);
      } finally {
        if (saved === undefined) delete process.env.TSNETS_NO_PLUGINS;
        else process.env.TSNETS_NO_PLUGINS = saved;
      }
    });
  });

  it('lookup scans the current app once, by itself, so the first unknown-name error names the plugin', function () {
    this.timeout(60000);
    const lazy = path.join(root, 'lazy-app');
    write(lazy, {
      'package.json': { name: 'lazy-app', dependencies: { 'lazy-plugin': '1.0.0', 'plain-pkg': '1.0.0' } },
      ...pkg('lazy-plugin', { regularizers: ['lazyprobe'], entry: './index.js' }),
      ...pkg('plain-pkg', undefined, 'index.js', THROWS),
    });
    const script = `
      require(${JSON.stringify(require.resolve('reflect-metadata'))});
      const core = require(${JSON.stringify(CORE)});
      const out = {};
      try { core.lookup('regularizer', 'lazyprobe'); } catch (e) { out.plugin = e.plugin; out.message = e.message; }
      out.marks = globalThis.${MARKS} ?? [];
      process.stdout.write(JSON.stringify(out));`;
    const child = spawnSync(process.execPath, ['-e', script], { cwd: lazy, encoding: 'utf8' });
    expect(child.status, child.stderr).to.equal(0);
    const out = JSON.parse(child.stdout);
    expect(out.plugin).to.equal('lazy-plugin');
    expect(out.message).to.include('The installed plugin "lazy-plugin" provides "lazyprobe"');
    expect(out.marks).to.deep.equal([]);
  });
});
