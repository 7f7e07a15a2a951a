/**
 * BatchMatMul on the addon's GEMM: every transpose combination and batch
 * broadcasting in one call, no transposed copies.
 */
import {
  BatchMatMul,
  getKernel,
  type BatchMatMulAttrs,
  type BatchMatMulInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { NativeAddon } from '../addon';
import { BACKEND_NAME } from '../backend';
import { float32Values, matMulGeometry, outputValues } from './geometry';

/**
 * The product of `a` and `b` computed by the addon, as a new float32 array
 * of the output's size, or undefined when the cpu kernel must do it.
 */
export function nativeMatMul(
  addon: NativeAddon,
  backend: MathBackendCPU,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): { shape: number[]; values: Float32Array } | undefined {
  const geometry = matMulGeometry(a, b, transposeA, transposeB);
  if (geometry === undefined) return undefined;
  const aValues = float32Values(backend, a);
  const bValues = float32Values(backend, b);
  if (aValues === undefined || bValues === undefined) return undefined;
  const { batch, m, n, k, strideA, strideB, outShape } = geometry;
  const out = outputValues(backend, batch * m * n);
  addon.gemmBatched(transposeA, transposeB, batch, m, n, k, aValues, strideA, bValues, strideB, out, m * n);
  return { shape: outShape, values: out };
}

/** The BatchMatMul kernel of the native backend, bound to the loaded addon. */
export function batchMatMulConfig(addon: NativeAddon): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const backend = args.backend as MathBackendCPU;
    const { a, b } = args.inputs as unknown as BatchMatMulInputs;
    const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
    const result = a && b ? nativeMatMul(addon, backend, a, b, transposeA, transposeB) : undefined;
    if (result === undefined) return getKernel(BatchMatMul, 'cpu').kernelFunc(args);
    return backend.makeTensorInfo(result.shape, 'float32', result.values);
  };
  return { kernelName: BatchMatMul, backendName: BACKEND_NAME, kernelFunc };
}
