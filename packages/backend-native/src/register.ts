/**
 * Registration of the 'tsnets-native' backend: the cpu backend's kernel table
 * with BatchMatMul, _FusedMatMul, Transpose, Add, Sub, Multiply and RealDiv
 * replaced by the addon's.
 */
import {
  findBackendFactory,
  getKernel,
  getKernelsForBackend,
  registerBackend,
  registerKernel,
} from '@tensorflow/tfjs-core';
import { addon } from './addon';
import { BACKEND_NAME, NativeBackend } from './backend';
import { batchMatMulConfig } from './kernels/batch_mat_mul';
import { binaryConfigs } from './kernels/binary';
import { fusedMatMulConfig } from './kernels/fused_mat_mul';
import { transposeConfig } from './kernels/transpose';

/**
 * Registers the 'tsnets-native' backend with tfjs, if the addon loaded.
 * Returns whether the backend is registered. Calling it again does nothing.
 *
 * @param priority tfjs' backend priority: 0 (the default) leaves the current
 *   choice alone and the backend is used after `tf.setBackend('tsnets-native')`;
 *   above 2 it wins over 'cpu' (1) and 'wasm' (2) when tfjs picks one itself.
 */
export function registerNativeBackend(priority = 0): boolean {
  if (addon === undefined) return false;
  if (findBackendFactory(BACKEND_NAME) !== null) return true;
  registerBackend(BACKEND_NAME, () => new NativeBackend(), priority);
  const native = [batchMatMulConfig(addon), fusedMatMulConfig(addon), transposeConfig(addon), ...binaryConfigs(addon)];
  for (const config of native) registerKernel(config);
  for (const config of getKernelsForBackend('cpu')) {
    if (getKernel(config.kernelName, BACKEND_NAME) === undefined) {
      registerKernel({ ...config, backendName: BACKEND_NAME });
    }
  }
  return true;
}
