/**
 * Transpose of the last two axes of a float32 tensor (the transposes of
 * weight matrices in a backward pass) in the addon, in cache-sized tiles; the
 * cpu kernel builds two index arrays per element. Other permutations and
 * dtypes go to the cpu kernel.
 */
import {
  getKernel,
  Transpose,
  util,
  type KernelConfig,
  type KernelFunc,
  type TransposeAttrs,
  type TransposeInputs,
} from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { NativeAddon } from '../addon';
import { BACKEND_NAME } from '../backend';
import { float32Values, outputValues } from './geometry';

/** Whether `perm` keeps every axis but swaps the last two. */
function swapsLastTwo(perm: number[]): boolean {
  const rank = perm.length;
  return rank >= 2 && perm.every((p, i) => (i < rank - 2 ? p === i : p === (i === rank - 1 ? rank - 2 : rank - 1)));
}

/** The Transpose kernel of the native backend, bound to the loaded addon. */
export function transposeConfig(addon: NativeAddon): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const backend = args.backend as MathBackendCPU;
    const { x } = args.inputs as unknown as TransposeInputs;
    const { perm } = args.attrs as unknown as TransposeAttrs;
    const cpu = () => getKernel(Transpose, 'cpu').kernelFunc(args);
    if (x === undefined || x.dtype !== 'float32' || !swapsLastTwo(perm)) return cpu();
    const values = float32Values(backend, x);
    if (values === undefined) return cpu();
    const shape = perm.map((p) => x.shape[p]);
    const [rows, cols] = x.shape.slice(-2);
    const out = outputValues(backend, util.sizeFromShape(shape));
    if (out.length > 0) addon.transposeLast2(values, out.length / (rows * cols), rows, cols, out);
    return backend.makeTensorInfo(shape, 'float32', out);
  };
  return { kernelName: Transpose, backendName: BACKEND_NAME, kernelFunc };
}
