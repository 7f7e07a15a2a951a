import { createRequire } from 'node:module';
import * as path from 'node:path';
import { PluginError, loadPlugins } from '@tsnets/core';
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

/**
 * Loads plugins before the options are defined, so their regularizer
 * keywords become flags: first the installed ones `loadPlugins()` finds from
 * the current directory's package.json, then each `--plugin NAME` (a package
 * name or a path), required from the current directory.
 */
export function loadCliPlugins(names: readonly string[]): void {
  try {
    loadPlugins({ from: process.cwd() });
  } catch (error) {
    // Outside any npm project there is nothing to discover; other plugin errors stand.
    if (!(error instanceof PluginError && error.packageName === '(app)')) throw error;
  }
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
