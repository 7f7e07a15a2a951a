/**
 * Registration of the 'tsnets-native' backend: the cpu backend's kernel table
 * with the products, the common elementwise kernels and comparisons, Sum,
 * Mean, Transpose, the 2-d convolutions and poolings replaced by the addon's
 * (see the README's table), and the fused optimizer updates added.
 */
import {
  findBackendFactory,
  getKernel,
  getKernelsForBackend,
  registerBackend,
  registerKernel,
} from '@tensorflow/tfjs-core';
import { addon, poolMegabytes } from './addon';
import { BACKEND_NAME, NativeBackend } from './backend';
import { batchMatMulConfig } from './kernels/batch_mat_mul';
import { binaryConfigs, comparisonConfigs } from './kernels/binary';
import { castConfig } from './kernels/cast';
import { conv2dConfigs } from './kernels/conv2d';
import { fusedMatMulConfig } from './kernels/fused_mat_mul';
import { pool2dConfigs } from './kernels/pool2d';
import { recurrentConfigs } from './kernels/recurrent';
import { reduceConfigs } from './kernels/reduce';
import { softmaxConfig } from './kernels/softmax';
import { transposeConfig } from './kernels/transpose';
import { unaryConfigs } from './kernels/unary';
import { updateConfigs } from './kernels/updates';

/** The environment variable that keeps glibc's allocator settings (`TSNETS_NATIVE_ALLOCATOR=default`). */
export const ALLOCATOR_VARIABLE = 'TSNETS_NATIVE_ALLOCATOR';

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
  const loaded = addon;
  const create = () => {
    // Tensors of a training step are megabytes each, allocated and freed every step. glibc hands out blocks
    // above 128 KB to 32 MB as fresh mappings, faulted in page by page on first write (a 784 x 1000 gradient:
    // 2.6 ms instead of 1.0 ms). Raised thresholds keep freed blocks in the heap for the next step.
    if (process.env[ALLOCATOR_VARIABLE] !== 'default') loaded.tuneAllocator();
    return new NativeBackend(poolMegabytes);
  };
  registerBackend(BACKEND_NAME, create, priority);
  const native = [
    batchMatMulConfig(addon),
    fusedMatMulConfig(addon),
    transposeConfig(addon),
    ...binaryConfigs(addon),
    ...comparisonConfigs(addon),
    castConfig(),
    ...unaryConfigs(addon),
    ...reduceConfigs(addon),
    softmaxConfig(addon),
    ...updateConfigs(addon),
    ...recurrentConfigs(addon),
    ...conv2dConfigs(addon),
    ...pool2dConfigs(addon),
  ];
  for (const config of native) registerKernel(config);
  for (const config of getKernelsForBackend('cpu')) {
    if (getKernel(config.kernelName, BACKEND_NAME) === undefined) {
      registerKernel({ ...config, backendName: BACKEND_NAME });
    }
  }
  return true;
}
