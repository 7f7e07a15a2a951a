import { KINDS, catalog, isRegistered, type Kind, type PluginInfo } from '@tsnets/core';
import { processOutput } from '../output';

/** One row of the `plugins` listing. */
export interface CatalogRow {
  kind: Kind;
  id: string;
  aliases: readonly string[];
  package: string;
}

/**
 * Every registered id of every kind, with the package that provides it, then
 * the ids that `installed` plugins declare but are not loaded (their code
 * has not run), marked so.
 */
export function catalogRows(installed: readonly PluginInfo[] = []): CatalogRow[] {
  const rows: CatalogRow[] = [];
  for (const kind of KINDS) {
    const seen = new Set<string>();
    const entries = [...(catalog().entries.get(kind)?.values() ?? [])].sort((a, b) => a.id.localeCompare(b.id));
    for (const entry of entries) {
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
      rows.push({ kind, id: entry.id, aliases: entry.aliases, package: entry.package ?? '(unknown)' });
    }
  }
  for (const plugin of installed) {
    for (const [kind, ids] of Object.entries(plugin.provides) as Array<[Kind, string[]]>) {
      for (const id of ids) {
        if (!isRegistered(kind, id))
          rows.push({ kind, id, aliases: [], package: `${plugin.name} (installed, not loaded)` });
      }
    }
  }
  return rows;
}

/** `tsnets plugins`: one line per registered or installed id (`kind id package [aliases]`), or JSON lines with `--json`; it loads no plugin. */
export function listPlugins(flags: { json: boolean }, installed: readonly PluginInfo[] = []): void {
  const out = processOutput(flags.json);
  const rows = catalogRows(installed);
  const kindWidth = Math.max(...rows.map((row) => row.kind.length));
  const idWidth = Math.max(...rows.map((row) => row.id.length));
  for (const row of rows) {
    if (flags.json) out.data(JSON.stringify(row));
    else {
      const aliases = row.aliases.length ? `  (also ${row.aliases.join(', ')})` : '';
      out.data(`${row.kind.padEnd(kindWidth)}  ${row.id.padEnd(idWidth)}  ${row.package}${aliases}`);
    }
  }
}
