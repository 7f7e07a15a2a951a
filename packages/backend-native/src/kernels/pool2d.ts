/**
 * MaxPool, AvgPool and their gradients on the addon (native/pool2d.cc):
 * direct loops over NHWC float32 images, whole images per thread. A max-pool
 * gradient goes to the first largest pixel of each window in row-major order,
 * as the cpu kernel's; the average-pool gradient divides by the whole filter's
 * size, as the cpu kernel's does, also where the window hangs over the edge.
 */
import {
  AvgPool,
  AvgPoolGrad,
  backend_util,
  getKernel,
  MaxPool,
  MaxPoolGrad,
  util,
  type AvgPoolAttrs,
  type AvgPoolGradAttrs,
  type KernelConfig,
  type KernelFunc,
  type MaxPoolGradAttrs,
  type NamedTensorInfoMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { NativeAddon } from '../addon';
import { BACKEND_NAME } from '../backend';
import { nativeConv, type NativeConv } from './conv_geometry';
import { float32Values, outputValues } from './geometry';

type Shape4 = [number, number, number, number];

/** How one kernel maps onto the addon's pool2d: its op, operands, geometry and output shape. */
interface PoolKernel {
  name: string;
  op: number;
  /** The names of the inputs the addon reads, in its order (the geometry may read others). */
  operands: string[];
  /** Undefined when the cpu kernel must run it; else every operand is present. */
  geometry(inputs: NamedTensorInfoMap, attrs: unknown): NativeConv | undefined;
  outShape(info: backend_util.Conv2DInfo): number[];
}

/**
 * The geometry of a forward pooling of x; undefined for a 1 x 1 filter that
 * keeps the shape, which the cpu kernel answers with x itself.
 */
function forwardGeometry({ x }: NamedTensorInfoMap, attrs: unknown): NativeConv | undefined {
  if (x === undefined) return undefined;
  const { filterSize, strides, pad, dimRoundingMode } = attrs as AvgPoolAttrs;
  const info = () => backend_util.computePool2DInfo(x.shape as Shape4, filterSize, strides, 1, pad, dimRoundingMode);
  const conv = nativeConv(info, [[x, x.shape]]);
  const identity =
    conv &&
    conv.info.filterHeight === 1 &&
    conv.info.filterWidth === 1 &&
    util.arraysEqual(x.shape, conv.info.outShape);
  return identity ? undefined : conv;
}

/** The geometry of a pooling gradient, with the attributes the cpu kernel passes to computePool2DInfo. */
function gradientGeometry(
  { dy, input }: NamedTensorInfoMap,
  attrs: unknown,
  withRounding: boolean,
): NativeConv | undefined {
  if (dy === undefined || input === undefined) return undefined;
  const { filterSize, strides, pad, dimRoundingMode } = attrs as MaxPoolGradAttrs;
  const rounding = withRounding ? dimRoundingMode : undefined;
  const info = () => backend_util.computePool2DInfo(input.shape as Shape4, filterSize, strides, 1, pad, rounding);
  const conv = nativeConv(info, [[input, input.shape]]);
  return conv && nativeConv(() => conv.info, [[dy, conv.info.outShape]]);
}

const KERNELS: PoolKernel[] = [
  {
    name: MaxPool,
    op: 0,
    operands: ['x'],
    geometry: forwardGeometry,
    outShape: (info) => info.outShape,
  },
  {
    name: AvgPool,
    op: 1,
    operands: ['x'],
    geometry: forwardGeometry,
    outShape: (info) => info.outShape,
  },
  {
    name: MaxPoolGrad,
    op: 2,
    operands: ['input', 'dy'],
    geometry: (inputs, attrs) => gradientGeometry(inputs, attrs, true),
    outShape: (info) => info.inShape,
  },
  {
    // The cpu kernel ignores dimRoundingMode here (AvgPoolGradAttrs has none).
    name: AvgPoolGrad,
    op: 3,
    operands: ['dy'],
    geometry: (inputs, attrs) => gradientGeometry(inputs, attrs as AvgPoolGradAttrs, false),
    outShape: (info) => info.inShape,
  },
];

/** The pooling kernels of the native backend, bound to the loaded addon. */
export function pool2dConfigs(addon: NativeAddon): KernelConfig[] {
  return KERNELS.map((kernel) => {
    const kernelFunc: KernelFunc = (args) => {
      const backend = args.backend as MathBackendCPU;
      const cpu = () => getKernel(kernel.name, 'cpu').kernelFunc(args);
      const conv = kernel.geometry(args.inputs, args.attrs);
      if (conv === undefined) return cpu();
      const values = kernel.operands.map((name) => float32Values(backend, args.inputs[name] as TensorInfo));
      if (values.some((v) => v === undefined)) return cpu();
      const shape = kernel.outShape(conv.info);
      const out = outputValues(backend, util.sizeFromShape(shape));
      addon.pool2d(kernel.op, conv.fields, values[0] as Float32Array, values[1] ?? null, out);
      return backend.makeTensorInfo(shape, 'float32', out);
    };
    return { kernelName: kernel.name, backendName: BACKEND_NAME, kernelFunc };
  });
}
