import { createRequire } from 'node:module';
import * as path from 'node:path';
import {
  PluginError,
  discoverPlugins,
  loadPlugin,
  normalizeKey as catalogKey,
  pluginsDisabled,
  type Kind,
  type PluginDiscovery,
  type PluginInfo,
} from '@tsnets/core';
import { UsageError } from './errors';
import { cliMessages } from './messages';

/** The values of every `--plugin NAME` / `--plugin=NAME` in `argv`, read before the options are defined. */
export function pluginArguments(argv: readonly string[]): string[] {
  const names: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === '--plugin' && i + 1 < argv.length) names.push(argv[i + 1]);
    else if (arg.startsWith('--plugin=')) names.push(arg.slice('--plugin='.length));
  });
  return names;
}

/** True when `--help`/`-h` or `help` asks for help, which never needs a plugin's code. */
function helpAsked(argv: readonly string[]): boolean {
  return argv[0] === 'help' || argv.some((arg) => arg === '--help' || arg === '-h');
}

/**
 * The installed plugins as their manifests describe them, without running
 * any code; nothing under `--no-plugins` or `TSNETS_NO_PLUGINS=1`.
 */
export function discoverCliPlugins(argv: readonly string[]): PluginDiscovery {
  if (argv.includes('--no-plugins') || pluginsDisabled()) return { plugins: [], problems: [] };
  return discoverPlugins({ from: process.cwd() });
}

/** Every normalized word of the command line (flag names and the parts of values), to see which ids it names. */
function namedWords(argv: readonly string[]): Set<string> {
  const words = argv.flatMap((arg) => arg.replace(/^-+/, '').split(/[\s,:=+]+/));
  return new Set(words.filter(Boolean).map(catalogKey));
}

/** True when the command line names one of the ids a plugin declares. */
function namesAnyOf(words: ReadonlySet<string>, plugin: PluginInfo | undefined): boolean {
  if (!plugin) return false;
  return Object.values(plugin.provides).some((ids) => ids.some((id) => words.has(catalogKey(id))));
}

/**
 * Loads what `tsnets train` may need before its flags are defined, so
 * plugin keywords become flags: every discovered plugin (none when help is
 * asked for). A plugin that fails to load is a warning, unless the command
 * line names one of the ids it declares: then its `PluginError` stands.
 */
export function loadTrainPlugins(
  argv: readonly string[],
  discovery: PluginDiscovery,
  warn: (message: string) => void,
): void {
  if (argv[0] !== 'train' || helpAsked(argv)) return;
  const words = namedWords(argv.slice(1));
  for (const problem of discovery.problems) warn(cliMessages.pluginSkipped(problem.message));
  for (const plugin of discovery.plugins) {
    try {
      loadPlugin(plugin);
    } catch (error) {
      if (!(error instanceof PluginError) || namesAnyOf(words, plugin)) throw error;
      warn(cliMessages.pluginSkipped(error.message));
    }
  }
}

/** The ids of each kind a saved model file names (layer forms, activations, losses), read as JSON without running anything. */
export function modelIds(document: Record<string, unknown>): Map<Kind, Set<string>> {
  const ids = new Map<Kind, Set<string>>([
    ['layer', new Set()],
    ['activation', new Set()],
    ['loss', new Set()],
    ['regularizer', new Set()],
  ]);
  const add = (kind: Kind, value: unknown) => {
    if (typeof value === 'string' && value !== '') ids.get(kind)?.add(catalogKey(value));
  };
  const items = (key: string) => (Array.isArray(document[key]) ? (document[key] as unknown[]) : []);
  for (const layer of items('layers') as Array<Record<string, unknown> | null>) {
    add('layer', layer?.form);
    const activation = layer?.activation;
    if (typeof activation !== 'string') continue;
    for (const part of activation.split('+')) {
      add('activation', part.trim());
      add('activation', part.trim().split(':')[0]);
    }
  }
  for (const loss of items('losses') as Array<Record<string, unknown> | null>) add('loss', loss?.form);
  for (const regularizer of items('regularizers') as Array<Record<string, unknown> | null>) {
    add('regularizer', regularizer?.id ?? regularizer?.form);
  }
  return ids;
}

/**
 * Loads the discovered plugins that provide an id the model document names
 * (for `evaluate`, `predict` and `export`); no other plugin's code runs.
 * A failure is the plugin's `PluginError`: the model cannot load without it.
 */
export function loadModelPlugins(document: Record<string, unknown> | undefined, discovery: PluginDiscovery): void {
  if (!document) return;
  const ids = modelIds(document);
  for (const plugin of discovery.plugins) {
    const needed = Object.entries(plugin.provides).some(([kind, declared]) =>
      declared.some((id) => ids.get(kind as Kind)?.has(catalogKey(id))),
    );
    if (needed) loadPlugin(plugin);
  }
}

/**
 * Requires each `--plugin NAME` (a package name or a path, resolved from
 * the current directory): plugins the user names are loaded for any command.
 */
export function loadNamedPlugins(names: readonly string[]): void {
  const requireHere = createRequire(path.join(process.cwd(), 'package.json'));
  for (const name of names) {
    const target = name.startsWith('.') || path.isAbsolute(name) ? path.resolve(name) : name;
    try {
      requireHere(target);
    } catch (error) {
      throw new UsageError(
        cliMessages.pluginNotFound(name, error instanceof Error ? firstLine(error.message) : String(error)),
      );
    }
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
