import { container as rootContainer, type DependencyContainer, type InjectionToken } from 'tsyringe';
import { DuplicateRegistrationError, TsnetsError, UnknownNameError } from '../errors/errors';
import { messages } from '../errors/messages';
import { closeMatches } from '../util/suggest';
import { scanPluginsOnce } from './plugins';
import {
  catalog,
  catalogKey,
  entriesOf,
  registeredNames,
  type Constructor,
  type Kind,
  type Registration,
} from './catalog';

/** How a class is registered. */
export interface RegisterOptions {
  /** The id; defaults to the lowercased class name. */
  id?: string;
  aliases?: readonly string[];
  /** Tokens resolved from the container and passed to the constructor after its options. */
  inject?: readonly InjectionToken<unknown>[];
  /** The npm package providing the class (shown by listings and errors). */
  package?: string;
}

/** The tsyringe token under which a kind's id is registered. */
export function tokenFor(kind: Kind, name: string): string {
  return `tsnets:${kind}:${catalogKey(name)}`;
}

/** The root container all trainers' child containers derive from. */
export function rootScope(): DependencyContainer {
  return rootContainer;
}

function describe(target: Constructor): string {
  return target.name || '(anonymous class)';
}

/**
 * Registers a class for a kind under its id and aliases, in the process-wide
 * catalog and the root container. Registering the same class again is
 * harmless; another class under a taken id is a `DuplicateRegistrationError`.
 */
export function register<T>(kind: Kind, target: Constructor<T>, options: RegisterOptions = {}): Registration<T> {
  const id = options.id ?? target.name.toLowerCase();
  const registration: Registration<T> = {
    kind,
    id,
    aliases: options.aliases ?? [],
    target,
    inject: options.inject ?? [],
    package: options.package,
  };
  const entries = entriesOf(kind);
  const names = [id, ...registration.aliases];
  const first = entries.get(catalogKey(id));
  if (first && first.target !== target && isSecondCopy(first, registration)) return first as Registration<T>;
  for (const name of names) {
    const existing = entries.get(catalogKey(name));
    if (existing && existing.target !== target) {
      throw new DuplicateRegistrationError(kind, name, describe(existing.target), describe(target));
    }
  }
  for (const name of names) {
    const key = catalogKey(name);
    if (entries.get(key)?.target === target) continue;
    entries.set(key, registration);
    // The container reads the catalog live, so unregistering needs no container surgery.
    rootContainer.register(tokenFor(kind, name), { useFactory: () => entriesOf(kind).get(key) });
  }
  return (entries.get(catalogKey(id)) as Registration<T>) ?? registration;
}

/**
 * A second copy of one package (two installed versions in one app) registers
 * its own classes again under the same ids: the first copy's entry stands.
 */
function isSecondCopy(existing: Registration, incoming: Registration): boolean {
  return (
    existing.package !== undefined &&
    existing.package === incoming.package &&
    existing.target.name === incoming.target.name
  );
}

/**
 * Registers a class in one container only, overriding the catalog entry for
 * lookups through that container (and its children), e.g. one trainer's scope.
 */
export function registerIn<T>(
  scope: DependencyContainer,
  kind: Kind,
  target: Constructor<T>,
  options: RegisterOptions = {},
): void {
  const registration: Registration<T> = {
    kind,
    id: options.id ?? target.name.toLowerCase(),
    aliases: options.aliases ?? [],
    target,
    inject: options.inject ?? [],
    package: options.package,
  };
  for (const name of [registration.id, ...registration.aliases]) {
    scope.register(tokenFor(kind, name), { useValue: registration });
  }
}

/** Removes an id and its aliases from the catalog; throws when nothing is registered under it. */
export function unregister(kind: Kind, id: string): void {
  const entries = entriesOf(kind);
  const entry = entries.get(catalogKey(id));
  if (!entry) throw new TsnetsError(messages.notRegistered(kind, id));
  for (const name of [entry.id, ...entry.aliases]) entries.delete(catalogKey(name));
}

/** True when a name resolves for a kind in the given scope. */
export function isRegistered(kind: Kind, name: string, scope: DependencyContainer = rootContainer): boolean {
  return find(kind, name, scope) !== undefined;
}

function find(kind: Kind, name: string, scope: DependencyContainer): Registration | undefined {
  const token = tokenFor(kind, name);
  if (scope.isRegistered(token, true)) {
    const found = scope.resolve<Registration | undefined>(token);
    if (found) return found;
  }
  return entriesOf(kind).get(catalogKey(name));
}

/** Resolves a name to its registration, or throws an `UnknownNameError` listing close matches. */
export function lookup<T = unknown>(
  kind: Kind,
  name: string,
  scope: DependencyContainer = rootContainer,
): Registration<T> {
  const found = find(kind, name, scope);
  if (found) return found as Registration<T>;
  scanPluginsOnce();
  const names = registeredNames(kind);
  const plugin = catalog().pluginHints.get(kind)?.get(catalogKey(name));
  throw new UnknownNameError(kind, name, closeMatches(name, names), names, plugin);
}

/** Builds an instance: `new Class(...args, ...injected)`, the injected tokens resolved from `scope`. */
export function instantiate<T>(
  registration: Registration<T>,
  args: readonly unknown[],
  scope: DependencyContainer = rootContainer,
): T {
  const injected = registration.inject.map((token) => {
    if (!scope.isRegistered(token as InjectionToken<unknown>, true)) {
      throw new TsnetsError(messages.unresolvedToken(registration.kind, registration.id, String(token)));
    }
    return scope.resolve(token as InjectionToken<unknown>);
  });
  const Target = registration.target as unknown as new (...params: unknown[]) => T;
  return new Target(...args, ...injected);
}

/** Looks up a name and builds an instance from it. */
export function create<T>(
  kind: Kind,
  name: string,
  args: readonly unknown[],
  scope: DependencyContainer = rootContainer,
): T {
  return instantiate(lookup<T>(kind, name, scope), args, scope);
}

/** The id a class is registered under for a kind (first registration found), or undefined. */
export function idOf(kind: Kind, target: Constructor): string | undefined {
  for (const entry of entriesOf(kind).values()) if (entry.target === target) return entry.id;
  return undefined;
}

export { hintPlugin } from './catalog';
