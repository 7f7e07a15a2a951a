/**
 * Add, Sub, Multiply, RealDiv and SquaredDifference on float32 tensors in the addon, for the
 * broadcasts a network uses (equal shapes, a scalar, a bias row); the cpu
 * kernels compute a multi-index per element for any broadcast, and are 10 to
 * 50 times slower there.
 */
import {
  Add,
  backend_util,
  getKernel,
  Multiply,
  RealDiv,
  SquaredDifference,
  Sub,
  util,
  type BinaryInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { NativeAddon } from '../addon';
import { BACKEND_NAME } from '../backend';
import { float32Values, outputValues } from './geometry';

/** The addon's operation codes (see native/elementwise.h). */
const OPERATIONS: [string, number][] = [
  [Add, 0],
  [Sub, 1],
  [Multiply, 2],
  [RealDiv, 3],
  [SquaredDifference, 4],
];

/**
 * Whether `shape`, without its leading 1s, is a suffix of `outShape`: then
 * its values repeat along the output's leading axes, at flat index i % size.
 */
function repeatsAlong(shape: number[], outShape: number[]): boolean {
  let start = 0;
  while (start < shape.length && shape[start] === 1) start++;
  const core = shape.slice(start);
  const tail = outShape.slice(outShape.length - core.length);
  return core.length <= outShape.length && core.every((d, i) => d === tail[i]);
}

/** The output shape when the addon can compute a op b, else undefined. */
function nativeShape(a: TensorInfo, b: TensorInfo): number[] | undefined {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  let outShape: number[];
  try {
    outShape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
  } catch {
    return undefined; // the cpu kernel raises the error
  }
  if (util.sizeFromShape(outShape) === 0) return undefined;
  return repeatsAlong(a.shape, outShape) && repeatsAlong(b.shape, outShape) ? outShape : undefined;
}

/** The kernel of one binary operation, bound to the loaded addon. */
function binaryConfig(addon: NativeAddon, kernelName: string, op: number): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const backend = args.backend as MathBackendCPU;
    const { a, b } = args.inputs as unknown as BinaryInputs;
    const cpu = () => getKernel(kernelName, 'cpu').kernelFunc(args);
    const outShape = a === undefined || b === undefined ? undefined : nativeShape(a, b);
    if (a === undefined || b === undefined || outShape === undefined) return cpu();
    const aValues = float32Values(backend, a);
    const bValues = float32Values(backend, b);
    if (aValues === undefined || bValues === undefined) return cpu();
    const out = outputValues(backend, util.sizeFromShape(outShape));
    addon.binary(op, aValues, bValues, out);
    return backend.makeTensorInfo(outShape, 'float32', out);
  };
  return { kernelName, backendName: BACKEND_NAME, kernelFunc };
}

/** The Add, Sub, Multiply, RealDiv and SquaredDifference kernels of the native backend. */
export function binaryConfigs(addon: NativeAddon): KernelConfig[] {
  return OPERATIONS.map(([name, op]) => binaryConfig(addon, name, op));
}
