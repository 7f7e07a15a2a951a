/**
 * Looking up, creating and removing registrations, and the root container
 * for an app's own injection tokens: `import { registry } from 'tsnets'`.
 */
export {
  KINDS,
  MANIFEST_KINDS,
  create,
  discoverPlugins,
  idOf,
  instantiate,
  isRegistered,
  loadPlugin,
  lookup,
  registeredIds,
  registeredNames,
  rootScope,
  unregister,
  type Constructor,
  type Kind,
  type PluginDiscovery,
  type PluginInfo,
  type PluginManifest,
  type PluginSearchOptions,
  type RegisterOptions,
  type Registration,
} from '@tsnets/core';
