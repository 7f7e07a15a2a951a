/**
 * @tsnets/core: TensorFlow.js re-export and backend choice, the NumPy-
 * compatible seeded RNG, the registry, and the network graph.
 */
import { messages } from './errors/messages';

if (
  typeof Reflect !== 'object' ||
  typeof (Reflect as unknown as { getMetadata?: unknown }).getMetadata !== 'function'
) {
  throw new Error(messages.missingReflect());
}

export * from './base';
import { registerCoreBuiltins } from './builtins';
import { ensureSyncBackend } from './backend';

registerCoreBuiltins();
ensureSyncBackend();
