/**
 * @tsnets/backend-native: a TensorFlow.js backend named 'tsnets-native', the
 * cpu backend with its matrix products (BatchMatMul, _FusedMatMul) in a
 * multithreaded SIMD C++ addon.
 *
 * Importing this module registers the backend when the addon is available;
 * `available()` and `unavailableReason()` tell whether it is.
 *
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { available } from '@tsnets/backend-native';
 * if (available()) await tf.setBackend('tsnets-native');
 * ```
 */
import { registerNativeBackend } from './register';

export * from './base';

registerNativeBackend();
