/**
 * _FusedMatMul (matMul + bias + activation, as tf.fused.matMul and the layers
 * emit it): the product on the addon's GEMM, then bias and activation in one
 * pass over the output in C++.
 */
import {
  _FusedMatMul,
  getKernel,
  type _FusedMatMulAttrs,
  type _FusedMatMulInputs,
  type KernelConfig,
  type KernelFunc,
} from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { NativeAddon } from '../addon';
import { BACKEND_NAME } from '../backend';
import { nativeMatMul } from './batch_mat_mul';
import { ACTIVATIONS, rowVector } from './epilogue';

/** The _FusedMatMul kernel of the native backend, bound to the loaded addon. */
export function fusedMatMulConfig(addon: NativeAddon): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const backend = args.backend as MathBackendCPU;
    const { a, b, bias, preluActivationWeights } = args.inputs as unknown as _FusedMatMulInputs;
    const { transposeA, transposeB, activation, leakyreluAlpha } = args.attrs as unknown as _FusedMatMulAttrs;
    const code = ACTIVATIONS[activation ?? 'linear'];
    const cpu = () => getKernel(_FusedMatMul, 'cpu').kernelFunc(args);
    if (code === undefined || a === undefined || b === undefined) return cpu();
    // Check the epilogue's operands before computing the product.
    const biasShape = bias === undefined ? [] : bias.shape;
    const slopeShape = preluActivationWeights === undefined ? [] : preluActivationWeights.shape;
    const outRank = Math.max(a.shape.length, b.shape.length);
    if (biasShape.length > outRank || slopeShape.length > outRank) return cpu();
    if (activation === 'prelu' && preluActivationWeights === undefined) return cpu();
    const product = nativeMatMul(addon, backend, a, b, transposeA, transposeB);
    if (product === undefined) return cpu();
    const { shape, values } = product;
    const biasValues = bias === undefined ? null : rowVector(backend, bias, shape);
    const slope = preluActivationWeights === undefined ? null : rowVector(backend, preluActivationWeights, shape);
    if (biasValues === undefined || slope === undefined) return cpu();
    const cols = shape[shape.length - 1];
    if (values.length > 0) {
      addon.biasActivation(values, values.length / cols, cols, biasValues, code, slope, leakyreluAlpha ?? 0.2);
    }
    return backend.makeTensorInfo(shape, 'float32', values);
  };
  return { kernelName: _FusedMatMul, backendName: BACKEND_NAME, kernelFunc };
}
