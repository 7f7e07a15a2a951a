import { KINDS, catalog, type Kind } from '@tsnets/core';
import { processOutput } from '../output';

/** One row of the `plugins` listing. */
export interface CatalogRow {
  kind: Kind;
  id: string;
  aliases: readonly string[];
  package: string;
}

/** Every registered id of every kind, with the package that provides it. */
export function catalogRows(): CatalogRow[] {
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
  return rows;
}

/** `tsnets plugins`: one line per registered id (`kind id package [aliases]`), or JSON lines with `--json`. */
export function listPlugins(flags: { json: boolean }): void {
  const out = processOutput(flags.json);
  const rows = catalogRows();
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
