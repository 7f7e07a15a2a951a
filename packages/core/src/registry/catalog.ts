import { normalizeKey } from '../util/suggest';

/** The kinds of extension tsnets resolves by name. */
export type Kind = 'layer' | 'activation' | 'loss' | 'optimizer' | 'regularizer' | 'trainer';

/** Every kind, in the order listings show them. */
export const KINDS: readonly Kind[] = ['layer', 'activation', 'loss', 'optimizer', 'regularizer', 'trainer'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Constructor<T = unknown> = abstract new (...args: any[]) => T;

/** What one registered id resolves to. */
export interface Registration<T = unknown> {
  readonly kind: Kind;
  /** The canonical id, as registered. */
  readonly id: string;
  readonly aliases: readonly string[];
  readonly target: Constructor<T>;
  /** Tokens resolved from the container and passed to the constructor after its options. */
  readonly inject: readonly unknown[];
  /** The npm package that registered it, when known. */
  readonly package?: string;
}

/** The state shared by every copy of `@tsnets/core` loaded in one process. */
export interface CatalogState {
  /** kind -> normalized id or alias -> registration */
  readonly entries: Map<Kind, Map<string, Registration>>;
  /** kind -> normalized id -> installed (not yet loaded) plugin package that declares it */
  readonly pluginHints: Map<Kind, Map<string, string>>;
}

const CATALOG_KEY = Symbol.for('tsnets.catalog.v1');

/** The process-wide catalog, created on first use and kept on `globalThis`. */
export function catalog(): CatalogState {
  const holder = globalThis as unknown as Record<symbol, CatalogState | undefined>;
  let state = holder[CATALOG_KEY];
  if (!state) {
    state = { entries: new Map(), pluginHints: new Map() };
    holder[CATALOG_KEY] = state;
  }
  return state;
}

/** The registrations of one kind, keyed by normalized id and alias. */
export function entriesOf(kind: Kind): Map<string, Registration> {
  const entries = catalog().entries;
  let map = entries.get(kind);
  if (!map) {
    map = new Map();
    entries.set(kind, map);
  }
  return map;
}

/** The canonical ids registered for a kind, sorted. */
export function registeredIds(kind: Kind): string[] {
  const ids = new Set<string>();
  for (const entry of entriesOf(kind).values()) ids.add(entry.id);
  return [...ids].sort();
}

/** Every id and alias registered for a kind, sorted. */
export function registeredNames(kind: Kind): string[] {
  const names = new Set<string>();
  for (const entry of entriesOf(kind).values()) {
    names.add(entry.id);
    for (const alias of entry.aliases) names.add(alias);
  }
  return [...names].sort();
}

/** The key a name is stored and looked up under. */
export const catalogKey = normalizeKey;

/** Notes that an installed, unloaded plugin package declares an id, for error messages. */
export function hintPlugin(kind: Kind, id: string, packageName: string): void {
  const hints = catalog().pluginHints;
  let map = hints.get(kind);
  if (!map) {
    map = new Map();
    hints.set(kind, map);
  }
  map.set(catalogKey(id), packageName);
}
