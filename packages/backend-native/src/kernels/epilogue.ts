/**
 * The operands of the addon's bias-and-activation pass (native/epilogue.h),
 * shared by the fused kernels (_FusedMatMul, FusedConv2D).
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { float32Values } from './geometry';

/** The addon's activation codes (see native/epilogue.h). */
export const ACTIVATIONS: Record<string, number> = {
  linear: 0,
  relu: 1,
  relu6: 2,
  elu: 3,
  prelu: 4,
  sigmoid: 5,
  leakyrelu: 6,
};

/**
 * The values of a bias or prelu slope that broadcasts along the rows of an
 * output of shape `outShape` (a scalar, or n values with leading 1s), else
 * undefined: other broadcasts go to the cpu kernel.
 */
export function rowVector(backend: MathBackendCPU, t: TensorInfo, outShape: number[]): Float32Array | undefined {
  if (t.dtype !== 'float32' || t.shape.length > outShape.length) return undefined;
  const n = outShape[outShape.length - 1];
  const last = t.shape.length === 0 ? 1 : t.shape[t.shape.length - 1];
  if (!t.shape.slice(0, -1).every((d) => d === 1) || (last !== 1 && last !== n)) return undefined;
  return float32Values(backend, t);
}
