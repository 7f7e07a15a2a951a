import { catalog, type Kind, type Registration } from './catalog';

/**
 * Runs `body` (a plugin's module load and checks) as one step: when it
 * throws, every catalog registration made meanwhile is undone, by any copy
 * of core, and every module it added to `require.cache` is dropped, so a
 * plugin that fails part-way (a duplicate id on its third registration)
 * leaves nothing behind and a later attempt runs its modules afresh.
 * The container needs no undo: its factories read the catalog live.
 */
export function atomically<T>(body: () => T): T {
  const entries = catalog().entries;
  const saved = new Map<Kind, Map<string, Registration>>();
  for (const [kind, map] of entries) saved.set(kind, new Map(map));
  const cached = new Set(Object.keys(require.cache));
  try {
    return body();
  } catch (error) {
    for (const [kind, map] of entries) {
      const before = saved.get(kind);
      map.clear();
      if (before) for (const [key, registration] of before) map.set(key, registration);
    }
    for (const file of Object.keys(require.cache)) if (!cached.has(file)) delete require.cache[file];
    throw error;
  }
}
