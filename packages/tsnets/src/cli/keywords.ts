import { Option, type Command } from 'commander';
import { OPTION_NAMES, describeOption } from '@tsnets/trainer';
import { lookup, registeredNames, type PluginDiscovery, type Regularizer } from '@tsnets/core';
import { parseValue } from './values';

/** Training options the command line sets itself (`--seed` sets `rng`; `valid` comes from `--valid-fraction`). */
const SET_BY_CLI = new Set(['signal', 'valid', 'rng']);

/** A flag name for an option or keyword: `learning_rate` -> `learning-rate`. */
export function flagName(key: string): string {
  return key.replace(/_/g, '-');
}

/** A regularizer keyword's help line: its class's summary and what the value is. */
function describeKeyword(name: string): string {
  const registration = lookup<Regularizer>('regularizer', name);
  const summary = (registration.target as unknown as typeof Regularizer).summary;
  const alias = registration.id === name ? '' : ` (alias of --${flagName(registration.id)})`;
  return `regularizer${alias}: ${summary ?? 'a registered regularizer'}; a number, or JSON options`;
}

/** The regularizer ids that discovered (not necessarily loaded) plugins declare in their manifests. */
export function declaredKeywords(discovery: PluginDiscovery): string[] {
  return discovery.plugins.flatMap((plugin) => plugin.provides.regularizer ?? []);
}

/**
 * Adds a flag for every training option (from the trainer's `OPTION_NAMES`),
 * every registered regularizer keyword and alias (plugins included, so load
 * them first) and every `declared` keyword, and returns a function that
 * reads the given ones back as a training options object keyed by
 * canonical name.
 */
export function addKeywordFlags(
  command: Command,
  declared: readonly string[] = [],
): (values: Record<string, unknown>) => Record<string, unknown> {
  const byAttribute = new Map<string, string>();
  const taken = new Set(command.options.map((option) => option.long));
  const add = (key: string, description: string, hidden: boolean) => {
    const flag = `--${flagName(key)}`;
    if (taken.has(flag)) return;
    taken.add(flag);
    const option = new Option(`${flag} [value]`, description).argParser((text: string) => text);
    if (hidden) option.hideHelp();
    command.addOption(option);
    byAttribute.set(option.attributeName(), key);
  };
  for (const name of OPTION_NAMES) if (!SET_BY_CLI.has(name)) add(name, describeOption(name) ?? name, false);
  for (const name of registeredNames('regularizer')) add(name, describeKeyword(name), false);
  for (const name of declared)
    add(name, `regularizer from an installed plugin (not loaded yet); a number, or JSON options`, false);
  return (values) => {
    const options: Record<string, unknown> = {};
    for (const [attribute, value] of Object.entries(values)) {
      const key = byAttribute.get(attribute);
      if (key !== undefined && value !== undefined) options[key] = parseValue(value as string | boolean);
    }
    return options;
  };
}
