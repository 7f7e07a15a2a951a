import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { PluginError } from '../errors/errors';
import { messages } from '../errors/messages';
import { catalogKey, entriesOf, hintPlugin, type Kind } from './catalog';
import { readJson, readManifest, type PluginInfo } from './manifest';

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

/** The names the app depends on, in package.json order, without repeats. */
function dependencyNames(app: Record<string, unknown>, options: PluginSearchOptions): string[] {
  const fields = ['dependencies'];
  if (options.dev !== false) fields.push('devDependencies');
  if (options.optional !== false) fields.push('optionalDependencies');
  const names = new Set<string>();
  for (const field of fields) {
    const deps = app[field];
    if (deps && typeof deps === 'object' && !Array.isArray(deps)) for (const name of Object.keys(deps)) names.add(name);
  }
  return [...names];
}

/**
 * The package.json of an installed package, resolved as `require` would from
 * the app's folder; undefined when it is not installed. Packages whose
 * `exports` hide package.json are found by walking up `node_modules`.
 */
function installedPackageJson(name: string, appDir: string): string | undefined {
  try {
    return createRequire(path.join(appDir, 'package.json')).resolve(`${name}/package.json`);
  } catch {
    for (let dir = appDir; ; dir = path.dirname(dir)) {
      const file = path.join(dir, 'node_modules', name, 'package.json');
      if (fs.existsSync(file)) return fs.realpathSync(file);
      if (path.dirname(dir) === dir) return undefined;
    }
  }
}

/** The app's plugin dependencies; `strict` turns a bad app or plugin manifest into a `PluginError`. */
function findPlugins(options: PluginSearchOptions, strict: boolean): PluginInfo[] {
  const from = path.resolve(options.from ?? process.cwd());
  const appFile = findAppManifest(from);
  if (!appFile) {
    if (strict) throw new PluginError(messages.noAppManifest(from), '(app)', from);
    return [];
  }
  let app: Record<string, unknown>;
  try {
    app = readJson(appFile, '(app)');
  } catch (error) {
    if (!strict) return [];
    throw new PluginError(messages.badAppManifest(appFile, (error as Error).message), '(app)', appFile, error);
  }
  const appDir = path.dirname(appFile);
  const found: PluginInfo[] = [];
  for (const name of dependencyNames(app, options)) {
    const file = installedPackageJson(name, appDir);
    if (!file) continue; // not installed, e.g. an optional or omitted dev dependency
    try {
      const info = readManifest(file, name);
      if (info) found.push(info);
    } catch (error) {
      if (strict) throw error;
    }
  }
  return found;
}

/** Records every id a plugin declares, so an unknown-name error can say which package provides it. */
function hintAll(plugin: PluginInfo): void {
  for (const [kind, ids] of Object.entries(plugin.provides) as Array<[Kind, string[]]>) {
    for (const id of ids) hintPlugin(kind, id, plugin.name);
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
  let plugins: PluginInfo[];
  try {
    plugins = findPlugins({ ...options, from }, false);
  } catch {
    return [];
  }
  for (const plugin of plugins) hintAll(plugin);
  return plugins;
}

/**
 * Finds the app's installed plugins (dependencies whose package.json has a
 * `"tsnets"` field) and imports each one's entry, which registers what it
 * provides. Packages without the field are never imported. Returns the
 * plugins loaded. A missing or failing entry, or an entry that does not
 * register what its manifest declares, is a `PluginError` naming the package
 * and the path.
 *
 * @example
 * import 'reflect-metadata';
 * import { loadPlugins } from 'tsnets';
 * loadPlugins(); // [{ name: '@tsnets/plugin-weight-inverse', provides: { regularizer: ['weightinverse'] }, ... }]
 */
export function loadPlugins(options: PluginSearchOptions = {}): PluginInfo[] {
  const plugins = findPlugins(options, true);
  for (const plugin of plugins) {
    hintAll(plugin);
    if (!fs.existsSync(plugin.entry)) {
      throw new PluginError(messages.pluginEntryMissing(plugin.name, plugin.entry), plugin.name, plugin.entry);
    }
    try {
      require(plugin.entry);
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
  }
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
