import * as fs from 'node:fs';
import * as path from 'node:path';
import { PluginError } from '../errors/errors';
import { messages } from '../errors/messages';
import type { Kind } from './catalog';

/** The keys of a plugin manifest that list ids, and the kind each lists. */
export const MANIFEST_KINDS: Readonly<Record<string, Kind>> = {
  layers: 'layer',
  activations: 'activation',
  losses: 'loss',
  optimizers: 'optimizer',
  regularizers: 'regularizer',
  trainers: 'trainer',
};

/**
 * The `"tsnets"` field of a plugin's package.json: the ids it registers, by
 * kind, and the module (relative to the package) that registers them.
 *
 * @example
 * "tsnets": { "regularizers": ["weightinverse"], "entry": "./dist/src/index.js" }
 */
export interface PluginManifest {
  entry: string;
  layers?: string[];
  activations?: string[];
  losses?: string[];
  optimizers?: string[];
  regularizers?: string[];
  trainers?: string[];
}

/** An installed plugin package, as its manifest describes it. */
export interface PluginInfo {
  /** The npm package name. */
  readonly name: string;
  readonly version: string;
  /** The package's folder. */
  readonly dir: string;
  /** The absolute path of the entry module. */
  readonly entry: string;
  /** The declared ids, by kind (`{ regularizer: ['weightinverse'] }`). */
  readonly provides: Partial<Record<Kind, string[]>>;
}

/** Reads and parses a JSON file; a `PluginError` naming `pkg` and the path when it cannot. */
export function readJson(file: string, pkg: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PluginError(messages.badPluginManifest(pkg, file, (error as Error).message), pkg, file, error);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new PluginError(messages.badPluginManifest(pkg, file, 'the file is not a JSON object'), pkg, file);
  }
  return parsed as Record<string, unknown>;
}

/**
 * The plugin described by one package.json, or undefined when it has no
 * `"tsnets"` field (an ordinary package). A malformed field is a `PluginError`.
 */
export function readManifest(packageJson: string, fallbackName: string): PluginInfo | undefined {
  const json = readJson(packageJson, fallbackName);
  const field = json.tsnets;
  if (field === undefined) return undefined;
  const name = typeof json.name === 'string' ? json.name : fallbackName;
  function fail(reason: string): never {
    throw new PluginError(messages.badPluginManifest(name, packageJson, reason), name, packageJson);
  }
  if (field === null || typeof field !== 'object' || Array.isArray(field)) fail('it is not an object');
  const manifest = field as Record<string, unknown>;
  const provides: Partial<Record<Kind, string[]>> = {};
  for (const [key, value] of Object.entries(manifest)) {
    if (key === 'entry') continue;
    const kind = MANIFEST_KINDS[key];
    if (!kind) fail(`unknown key "${key}"`);
    if (!Array.isArray(value) || !value.every((id) => typeof id === 'string' && id.length > 0)) {
      fail(`"${key}" must be an array of id strings`);
    }
    provides[kind] = [...(value as string[])];
  }
  if (typeof manifest.entry !== 'string' || manifest.entry.length === 0) fail('"entry" is missing');
  const dir = path.dirname(packageJson);
  const entry = path.resolve(dir, manifest.entry as string);
  if (!isInside(entry, dir)) fail(`"entry" ${JSON.stringify(manifest.entry)} points outside the package folder`);
  return {
    name,
    version: typeof json.version === 'string' ? json.version : '0.0.0',
    dir,
    entry,
    provides,
  };
}

/** True when `file` lies strictly inside the folder `dir` (both absolute). */
export function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  const up = relative === '..' || relative.startsWith(`..${path.sep}`);
  return relative !== '' && !up && !path.isAbsolute(relative);
}
