/**
 * Add, Sub, Multiply, RealDiv, SquaredDifference and the six comparisons on
 * float32 tensors in the addon, for the broadcasts a network uses (equal
 * shapes, a scalar, a bias row, a column); the cpu kernels compute a
 * multi-index per element for any broadcast, and are 10 to 50 times slower
 * there.
 */
import {
  Add,
  backend_util,
  Equal,
  getKernel,
  Greater,
  GreaterEqual,
  Less,
  LessEqual,
  Multiply,
  NotEqual,
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

/** The addon's comparison codes (see native/elementwise.h). */
const COMPARISONS: [string, number][] = [
  [Less, 0],
  [LessEqual, 1],
  [Greater, 2],
  [GreaterEqual, 3],
  [Equal, 4],
  [NotEqual, 5],
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

/**
 * How many outputs in a row each value of `shape` covers when it is a column
 * of `outShape`: equal to it up to some axis and 1 after it ([64, 1] in
 * [64, 10]: 10). Undefined for other shapes, and 1 for `outShape` itself.
 */
function columnRepeat(shape: number[], outShape: number[]): number | undefined {
  const padded = [...new Array<number>(outShape.length - shape.length).fill(1), ...shape];
  let last = padded.length - 1;
  while (last >= 0 && padded[last] === 1) last--;
  if (!padded.slice(0, last + 1).every((d, i) => d === outShape[i])) return undefined;
  return util.sizeFromShape(outShape.slice(last + 1));
}

/** How the addon reads the operands: the output shape and each operand's repeat (see native/elementwise.h). */
interface Broadcast {
  outShape: number[];
  aRepeat: number;
  bRepeat: number;
}

/** The broadcast when the addon can compute a op b, else undefined (the cpu kernel does). */
function nativeBroadcast(a: TensorInfo, b: TensorInfo): Broadcast | undefined {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  let outShape: number[];
  try {
    outShape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
  } catch {
    return undefined; // the cpu kernel raises the error
  }
  if (util.sizeFromShape(outShape) === 0) return undefined;
  if (repeatsAlong(a.shape, outShape) && repeatsAlong(b.shape, outShape)) return { outShape, aRepeat: 1, bRepeat: 1 };
  // A column against a full operand: a per-row sum or maximum against a matrix (softmax and its gradient).
  const [aRepeat, bRepeat] = [columnRepeat(a.shape, outShape), columnRepeat(b.shape, outShape)];
  if (aRepeat !== undefined && bRepeat === 1) return { outShape, aRepeat, bRepeat };
  if (bRepeat !== undefined && aRepeat === 1) return { outShape, aRepeat, bRepeat };
  return undefined;
}

/**
 * The kernel of one binary operation, bound to the loaded addon: `run`
 * computes it into a new output of the broadcast shape, or the cpu kernel
 * does when the addon cannot (other dtypes and broadcasts).
 */
function binaryKernel(
  kernelName: string,
  run: (backend: MathBackendCPU, a: Float32Array, b: Float32Array, broadcast: Broadcast) => TensorInfo,
): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const backend = args.backend as MathBackendCPU;
    const { a, b } = args.inputs as unknown as BinaryInputs;
    const cpu = () => getKernel(kernelName, 'cpu').kernelFunc(args);
    const broadcast = a === undefined || b === undefined ? undefined : nativeBroadcast(a, b);
    if (a === undefined || b === undefined || broadcast === undefined) return cpu();
    const aValues = float32Values(backend, a);
    const bValues = float32Values(backend, b);
    if (aValues === undefined || bValues === undefined) return cpu();
    return run(backend, aValues, bValues, broadcast);
  };
  return { kernelName, backendName: BACKEND_NAME, kernelFunc };
}

/** The Add, Sub, Multiply, RealDiv and SquaredDifference kernels of the native backend. */
export function binaryConfigs(addon: NativeAddon): KernelConfig[] {
  return OPERATIONS.map(([name, op]) =>
    binaryKernel(name, (backend, a, b, { outShape, aRepeat, bRepeat }) => {
      const out = outputValues(backend, util.sizeFromShape(outShape));
      addon.binary(op, a, b, out, aRepeat, bRepeat);
      return backend.makeTensorInfo(outShape, 'float32', out);
    }),
  );
}

/** The Less, LessEqual, Greater, GreaterEqual, Equal and NotEqual kernels of the native backend (bool outputs). */
export function comparisonConfigs(addon: NativeAddon): KernelConfig[] {
  return COMPARISONS.map(([name, op]) =>
    binaryKernel(name, (backend, a, b, { outShape, aRepeat, bRepeat }) => {
      const out = new Uint8Array(util.sizeFromShape(outShape));
      addon.compare(op, a, b, out, aRepeat, bRepeat);
      return backend.makeTensorInfo(outShape, 'bool', out);
    }),
  );
}
