/**
 * @tsnets/core: TensorFlow.js re-export and backend choice, the NumPy-
 * compatible seeded RNG, the registry, and the network graph.
 */
// tsyringe reads decorator metadata through the Reflect API as soon as it loads.
import 'reflect-metadata';
export * from './base';
import { registerCoreBuiltins } from './builtins';
import { ensureSyncBackend } from './backend';
import { registerWasmGradients } from './ops/wasm-gradients';

registerCoreBuiltins();
registerWasmGradients();
ensureSyncBackend();
