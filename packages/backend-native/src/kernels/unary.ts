/**
 * Elementwise functions of one float32 tensor in the addon: the cpu backend
 * calls a JavaScript closure per element, shared by every unary kernel, and
 * takes a few milliseconds on a 64 x 1000 activation.
 */
import {
  Abs,
  Exp,
  getKernel,
  Log,
  Neg,
  Relu,
  Sigmoid,
  Sqrt,
  Square,
  Step,
  Tanh,
  type KernelConfig,
  type KernelFunc,
  type StepAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { NativeAddon } from '../addon';
import { BACKEND_NAME } from '../backend';
import { float32Values, outputValues } from './geometry';

/** The addon's operation codes (see native/elementwise.h). */
const OPERATIONS: [string, number][] = [
  [Relu, 0],
  [Step, 1],
  [Square, 2],
  [Sqrt, 3],
  [Neg, 4],
  [Exp, 5],
  [Log, 6],
  [Sigmoid, 7],
  [Tanh, 8],
  [Abs, 9],
];

/** The kernel of one unary operation, bound to the loaded addon. */
function unaryConfig(addon: NativeAddon, kernelName: string, op: number): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const backend = args.backend as MathBackendCPU;
    const { x } = args.inputs as { x?: TensorInfo };
    const values = x === undefined ? undefined : float32Values(backend, x);
    if (x === undefined || x.dtype !== 'float32' || values === undefined) {
      return getKernel(kernelName, 'cpu').kernelFunc(args);
    }
    const out = outputValues(backend, values.length);
    const alpha = kernelName === Step ? (args.attrs as unknown as StepAttrs).alpha : 0;
    addon.unary(op, values, out, alpha);
    return backend.makeTensorInfo(x.shape, 'float32', out);
  };
  return { kernelName, backendName: BACKEND_NAME, kernelFunc };
}

/** The Relu, Step, Square, Sqrt, Neg, Exp, Log, Sigmoid, Tanh and Abs kernels of the native backend. */
export function unaryConfigs(addon: NativeAddon): KernelConfig[] {
  return OPERATIONS.map(([name, op]) => unaryConfig(addon, name, op));
}
