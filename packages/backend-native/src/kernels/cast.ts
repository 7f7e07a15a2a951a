/**
 * Cast to float32 from bool or int32. The cpu kernel keeps the input's
 * Uint8Array or Int32Array and only relabels the tensor float32, so every
 * native kernel after it would see values that are not a Float32Array and
 * fall back to the cpu's JavaScript (a dropout mask: `cast(less(u, keep))`,
 * then a product). Here the values are converted, in one pass.
 */
import {
  Cast,
  getKernel,
  type CastAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { BACKEND_NAME } from '../backend';
import { outputValues } from './geometry';

/** The Cast kernel of the native backend. */
export function castConfig(): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const backend = args.backend as MathBackendCPU;
    const { x } = args.inputs as { x?: TensorInfo };
    const { dtype } = args.attrs as unknown as CastAttrs;
    if (x === undefined || dtype !== 'float32' || (x.dtype !== 'bool' && x.dtype !== 'int32')) {
      return getKernel(Cast, 'cpu').kernelFunc(args);
    }
    const values = backend.data.get(x.dataId).values as Uint8Array | Int32Array;
    const out = outputValues(backend, values.length);
    out.set(values);
    return backend.makeTensorInfo(x.shape, 'float32', out);
  };
  return { kernelName: Cast, backendName: BACKEND_NAME, kernelFunc };
}
