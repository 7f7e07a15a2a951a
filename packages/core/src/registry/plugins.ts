import * as fs from 'node:fs';
import * as path from 'node:path';
import validateName = require('validate-npm-package-name');
import { PluginError } from '../errors/errors';
import { messages } from '../errors/messages';
import { catalogKey, entriesOf, hintPlugin, type Kind } from './catalog';
import { isInside, readJson, readManifest, type PluginInfo } from './manifest';
import { atomically } from './rollback';

/** Where and how to look for installed plugins. */
export interface PluginSearchOptions {
  /** The app's folder (its package.json, or a folder below it); default `process.cwd()`. */
  from?: string;
  /** Include `devDependencies` (default true). */
  dev?: boolean;
  /** Include `optionalDependencies` (default true); ones that are not installed are skipped. */
  optional?: boolean;
}

/** The nearest package.json at or above `from`. */
function findAppManifest(from: string): string | undefined {
  let dir = path.resolve(from);
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) return file;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** True when `name` is a valid npm package name (old rules: capitals allowed), so never a path such as `./x`. */
export function isPackageName(name: string): boolean {
  return validateName(name).validForOldPackages;
}

/**
 * True when the environment turns plugin discovery off: `TSNETS_NO_PLUGINS`
 * set to anything but empty, `0` or `false`. Then `scanPlugins` and
 * `loadPlugins` find nothing.
 */
export function pluginsDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.TSNETS_NO_PLUGINS?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/** The package names the app depends on, in package.json order, without repeats; keys that are no package name are left out. */
function dependencyNames(app: Record<string, unknown>, options: PluginSearchOptions): string[] {
  const fields = ['dependencies'];
  if (options.dev !== false) fields.push('devDependencies');
  if (options.optional !== false) fields.push('optionalDependencies');
  const names = new Set<string>();
  for (const field of fields) {
    const deps = app[field];
    if (deps && typeof deps === 'object' && !Array.isArray(deps)) {
      for (const name of Object.keys(deps)) if (isPackageName(name)) names.add(name);
    }
  }
  return [...names];
}

/**
 * The real path of an installed package's package.json, found only in a
 * `node_modules` folder at or above the app's folder (never through
 * `NODE_PATH`, a self-reference or a relative path); undefined when it is
 * not installed.
 */
function installedPackageJson(name: string, appDir: string): string | undefined {
  for (let dir = appDir; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', name, 'package.json');
    if (fs.existsSync(file)) return fs.realpathSync(file);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** What discovery found: plugins with a valid manifest, and the problems of the others. */
export interface PluginDiscovery {
  readonly plugins: PluginInfo[];
  /** A bad app package.json or plugin manifest, one `PluginError` each. */
  readonly problems: PluginError[];
}

/** The app's plugin dependencies; `strict` throws the first problem (a missing app package.json is one). */
function findPlugins(options: PluginSearchOptions, strict: boolean): PluginDiscovery {
  const plugins: PluginInfo[] = [];
  const problems: PluginError[] = [];
  if (pluginsDisabled()) return { plugins, problems };
  const from = path.resolve(options.from ?? process.cwd());
  const appFile = findAppManifest(from);
  if (!appFile) {
    if (strict) throw new PluginError(messages.noAppManifest(from), '(app)', from);
    return { plugins, problems };
  }
  let app: Record<string, unknown>;
  try {
    app = readJson(appFile, '(app)');
  } catch (error) {
    const problem = new PluginError(
      messages.badAppManifest(appFile, (error as Error).message),
      '(app)',
      appFile,
      error,
    );
    if (strict) throw problem;
    return { plugins, problems: [problem] };
  }
  const appDir = path.dirname(appFile);
  for (const name of dependencyNames(app, options)) {
    const file = installedPackageJson(name, appDir);
    if (!file) continue; // not installed, e.g. an optional or omitted dev dependency
    try {
      const info = readManifest(file, name);
      if (info) plugins.push(info);
    } catch (error) {
      if (strict || !(error instanceof PluginError)) throw error;
      problems.push(error);
    }
  }
  return { plugins, problems };
}

/** Records every id a plugin declares, so an unknown-name error can say which package provides it. */
function hintAll(plugin: PluginInfo): void {
  for (const [kind, ids] of Object.entries(plugin.provides) as Array<[Kind, string[]]>) {
    for (const id of ids) hintPlugin(kind, id, plugin.name);
  }
}

/**
 * Finds the app's installed plugins by reading manifests only: the
 * dependencies (valid npm names, installed in a `node_modules` folder) whose
 * package.json has a `"tsnets"` field. Imports nothing and never throws;
 * a bad manifest is listed in `problems`.
 *
 * @example
 * const { plugins } = discoverPlugins({ from: '/my/app' });
 * plugins.map((plugin) => plugin.provides); // [{ regularizer: ['weightinverse'] }]
 */
export function discoverPlugins(options: PluginSearchOptions = {}): PluginDiscovery {
  try {
    return findPlugins(options, false);
  } catch (error) {
    return { plugins: [], problems: error instanceof PluginError ? [error] : [] };
  }
}

/**
 * Reads the manifests of the app's installed dependencies, without importing
 * anything, and notes which plugin provides each declared id (see
 * `hintPlugin`). Never throws: a missing app package.json or a malformed
 * plugin manifest is left out (`loadPlugins` reports them).
 *
 * @example
 * scanPlugins(); // then lookup('regularizer', 'weightinverse') names the plugin
 */
export function scanPlugins(from?: string, options: Omit<PluginSearchOptions, 'from'> = {}): PluginInfo[] {
  const { plugins } = discoverPlugins({ ...options, from });
  for (const plugin of plugins) hintAll(plugin);
  return plugins;
}

/**
 * Imports one discovered plugin's entry, which registers what it provides.
 * The entry's real path must lie inside the package's real folder. All or
 * nothing: when the entry throws (a duplicate id on its third registration)
 * or does not register every id its manifest declares, every registration
 * it made is undone. Failures are `PluginError`s naming the package and the
 * path.
 *
 * @example
 * const { plugins } = discoverPlugins();
 * for (const plugin of plugins) if (plugin.provides.regularizer?.includes('weightinverse')) loadPlugin(plugin);
 */
export function loadPlugin(plugin: PluginInfo): void {
  hintAll(plugin);
  if (!fs.existsSync(plugin.entry)) {
    throw new PluginError(messages.pluginEntryMissing(plugin.name, plugin.entry), plugin.name, plugin.entry);
  }
  const entry = fs.realpathSync(plugin.entry);
  const dir = fs.realpathSync(plugin.dir);
  if (!isInside(entry, dir)) {
    throw new PluginError(
      messages.pluginEntryOutside(plugin.name, plugin.entry, entry, dir),
      plugin.name,
      plugin.entry,
    );
  }
  atomically(() => {
    try {
      require(entry);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new PluginError(
        messages.pluginLoadFailed(plugin.name, plugin.entry, reason),
        plugin.name,
        plugin.entry,
        error,
      );
    }
    const missing = Object.entries(plugin.provides).flatMap(([kind, ids]) =>
      ids.filter((id) => !entriesOf(kind as Kind).has(catalogKey(id))).map((id) => `${kind} "${id}"`),
    );
    if (missing.length > 0) {
      throw new PluginError(
        messages.pluginDidNotRegister(plugin.name, plugin.entry, missing),
        plugin.name,
        plugin.entry,
      );
    }
  });
}

/**
 * Finds the app's installed plugins (as `discoverPlugins` does) and loads
 * each one (`loadPlugin`). Packages without a `"tsnets"` field are never
 * imported, nor are dependencies whose key is not a package name (`./x`) or
 * that are not installed in `node_modules`. Returns the plugins loaded. A
 * bad manifest or a failing entry is a `PluginError` naming the package and
 * the path. With `TSNETS_NO_PLUGINS=1` it loads nothing.
 *
 * @example
 * import 'reflect-metadata';
 * import { loadPlugins } from 'tsnets';
 * loadPlugins(); // [{ name: '@tsnets/plugin-weight-inverse', provides: { regularizer: ['weightinverse'] }, ... }]
 */
export function loadPlugins(options: PluginSearchOptions = {}): PluginInfo[] {
  const { plugins } = findPlugins(options, true);
  for (const plugin of plugins) loadPlugin(plugin);
  return plugins;
}

const SCANNED = Symbol.for('tsnets.pluginScan.v1');

/**
 * Scans the current app's plugins once per process (shared by every copy of
 * core), so the first unknown-name error can name a plugin that provides it.
 */
export function scanPluginsOnce(): void {
  const holder = globalThis as unknown as Record<symbol, boolean | undefined>;
  if (holder[SCANNED]) return;
  holder[SCANNED] = true;
  scanPlugins();
}
