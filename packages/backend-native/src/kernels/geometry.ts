/**
 * The shape arithmetic of a batched matMul, as tfjs-backend-cpu does it, and
 * access to the float32 values the addon reads in place.
 */
import { broadcast_util, util, type TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { NativeBackend } from '../backend';

/** A product of `batch` m x k by k x n matrices, with A or B repeated when its stride is 0. */
export interface MatMulGeometry {
  batch: number;
  m: number;
  n: number;
  k: number;
  strideA: number;
  strideB: number;
  outShape: number[];
}

/**
 * The geometry of matMul(a, b) when the addon can compute it exactly as the
 * cpu kernel would, else undefined (other dtypes, mismatched shapes, or
 * batch sizes that the cpu kernel pairs up modulo each other): the caller then
 * falls back to the cpu kernel, which also raises its usual errors.
 */
export function matMulGeometry(
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): MatMulGeometry | undefined {
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) return undefined;
  const [a0, a1] = a.shape.slice(-2);
  const [b0, b1] = b.shape.slice(-2);
  const [m, k] = transposeA ? [a1, a0] : [a0, a1];
  const [kb, n] = transposeB ? [b1, b0] : [b0, b1];
  if (k !== kb) return undefined;
  const batchA = util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = util.sizeFromShape(b.shape.slice(0, -2));
  if (batchA !== batchB && batchA !== 1 && batchB !== 1) return undefined;
  let outer: number[];
  try {
    outer = broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  } catch {
    return undefined;
  }
  return {
    batch: Math.max(batchA, batchB),
    m,
    n,
    k,
    strideA: batchA === 1 ? 0 : m * k,
    strideB: batchB === 1 ? 0 : k * n,
    outShape: [...outer, m, n],
  };
}

/** The values of a float32 tensor of the cpu backend, or undefined if they are not a Float32Array. */
export function float32Values(backend: MathBackendCPU, t: TensorInfo): Float32Array | undefined {
  const values = backend.data.get(t.dataId).values;
  return values instanceof Float32Array ? values : undefined;
}

/**
 * An array for a kernel's output, `length` floats of arbitrary contents: from
 * the native backend's pool (the kernel must write every element), else new.
 */
export function outputValues(backend: MathBackendCPU, length: number): Float32Array {
  return backend instanceof NativeBackend ? backend.pool.allocate(length) : new Float32Array(length);
}
