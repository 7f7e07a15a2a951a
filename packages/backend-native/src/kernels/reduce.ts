/**
 * Sum and Mean of float32 tensors over a contiguous run of axes in the addon
 * (the bias gradient sums a batch over axis 0; a loss averages everything).
 * The cpu kernels first transpose the reduced axes to the end, in
 * JavaScript; other axis sets still go to them.
 */
import {
  getKernel,
  Mean,
  Sum,
  util,
  type KernelConfig,
  type KernelFunc,
  type SumAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { NativeAddon } from '../addon';
import { BACKEND_NAME } from '../backend';
import { float32Values, outputValues } from './geometry';

/** `x`'s shape as [outer, mid, inner] with `axes` (sorted, contiguous) in mid, or undefined when they are not. */
export function reductionGeometry(shape: number[], axes: number[]): [number, number, number] | undefined {
  const sorted = [...axes].sort((a, b) => a - b);
  if (sorted.some((axis, i) => i > 0 && axis !== sorted[i - 1] + 1)) return undefined;
  const first = sorted[0] ?? shape.length;
  const last = sorted.length > 0 ? sorted[sorted.length - 1] : shape.length - 1;
  const size = (dims: number[]) => dims.reduce((a, b) => a * b, 1);
  return [size(shape.slice(0, first)), size(shape.slice(first, last + 1)), size(shape.slice(last + 1))];
}

/** The kernel of Sum (mean = false) or Mean (true), bound to the loaded addon. */
function reduceConfig(addon: NativeAddon, kernelName: string, mean: boolean): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const backend = args.backend as MathBackendCPU;
    const { x } = args.inputs as { x?: TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as SumAttrs;
    const cpu = () => getKernel(kernelName, 'cpu').kernelFunc(args);
    const values = x === undefined ? undefined : float32Values(backend, x);
    if (x === undefined || x.dtype !== 'float32' || values === undefined || values.length === 0) return cpu();
    let axes: number[];
    try {
      axes = util.parseAxisParam(axis, x.shape);
    } catch {
      return cpu(); // the cpu kernel raises the error
    }
    const geometry = reductionGeometry(x.shape, axes);
    if (geometry === undefined) return cpu();
    const [outer, mid, inner] = geometry;
    const out = outputValues(backend, outer * inner);
    addon.reduceSum(values, outer, mid, inner, mean ? 1 / mid : 1, out);
    const outShape = keepDims
      ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d))
      : x.shape.filter((_, i) => !axes.includes(i));
    return backend.makeTensorInfo(outShape, 'float32', out);
  };
  return { kernelName, backendName: BACKEND_NAME, kernelFunc };
}

/** The Sum and Mean kernels of the native backend. */
export function reduceConfigs(addon: NativeAddon): KernelConfig[] {
  return [reduceConfig(addon, Sum, false), reduceConfig(addon, Mean, true)];
}
