/**
 * Softmax over the last axis in the addon, one pass per row. The cpu kernel
 * runs five of its own JavaScript kernels (max, sub, exp, sum, div), which
 * took a fifth of a small classifier's training step.
 */
import {
  getKernel,
  Softmax,
  util,
  type KernelConfig,
  type KernelFunc,
  type SoftmaxAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { NativeAddon } from '../addon';
import { BACKEND_NAME } from '../backend';
import { float32Values, outputValues } from './geometry';

/** The Softmax kernel of the native backend. */
export function softmaxConfig(addon: NativeAddon): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const backend = args.backend as MathBackendCPU;
    const { logits } = args.inputs as { logits?: TensorInfo };
    const { dim } = args.attrs as unknown as SoftmaxAttrs;
    const rank = logits?.shape.length ?? 0;
    const values = logits === undefined ? undefined : float32Values(backend, logits);
    const last = rank > 0 && (dim === -1 || dim === rank - 1);
    if (logits === undefined || values === undefined || !last || util.sizeFromShape(logits.shape) === 0) {
      return getKernel(Softmax, 'cpu').kernelFunc(args); // other axes, dtypes and empty tensors
    }
    const cols = logits.shape[rank - 1];
    const out = outputValues(backend, values.length);
    addon.softmax(values, values.length / cols, cols, out);
    return backend.makeTensorInfo(logits.shape, 'float32', out);
  };
  return { kernelName: Softmax, backendName: BACKEND_NAME, kernelFunc };
}
