import { catalog, type Loss } from '@tsnets/core';

/**
 * The id a loss class is registered under in the catalog (so `save` writes a
 * name `load` can resolve), or, for an unregistered class, the lowercased
 * class name as core's default.
 */
export function registeredId(loss: Loss): string {
  const target = loss.constructor;
  for (const registration of catalog().entries.get('loss')?.values() ?? []) {
    if (registration.target === target) return registration.id;
  }
  return target.name.toLowerCase();
}
