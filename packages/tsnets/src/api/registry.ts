/**
 * Looking up, creating and removing registrations, and the root container
 * for an app's own injection tokens: `import { registry } from 'tsnets'`.
 */
export {
  KINDS,
  MANIFEST_KINDS,
  create,
  idOf,
  instantiate,
  isRegistered,
  lookup,
  registeredIds,
  registeredNames,
  rootScope,
  unregister,
  type Constructor,
  type Kind,
  type PluginInfo,
  type PluginManifest,
  type PluginSearchOptions,
  type RegisterOptions,
  type Registration,
} from '@tsnets/core';
