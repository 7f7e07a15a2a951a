/**
 * Conv2D, its two gradients and FusedConv2D on the addon (native/conv.cc):
 * im2col patches, a chunk at a time, through the GEMM. NHWC float32 with
 * dilation 1; channelsFirst, dilations and other dtypes go to the cpu kernels.
 */
import {
  backend_util,
  Conv2D,
  Conv2DBackpropFilter,
  Conv2DBackpropInput,
  FusedConv2D,
  getKernel,
  util,
  type Conv2DAttrs,
  type Conv2DBackpropFilterAttrs,
  type Conv2DBackpropInputAttrs,
  type FusedConv2DAttrs,
  type KernelConfig,
  type KernelFunc,
  type NamedTensorInfoMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { NativeAddon } from '../addon';
import { BACKEND_NAME } from '../backend';
import { nativeConv, type NativeConv } from './conv_geometry';
import { ACTIVATIONS, rowVector } from './epilogue';
import { float32Values, outputValues } from './geometry';

/** The addon's conv2d modes. */
const FORWARD = 0;
const INPUT_GRADIENT = 1;
const FILTER_GRADIENT = 2;

/** How one kernel maps onto the addon: its mode, its two operands and the geometry from its attributes. */
interface ConvKernel {
  name: string;
  mode: number;
  operands(inputs: NamedTensorInfoMap): [TensorInfo | undefined, TensorInfo | undefined];
  geometry(a: TensorInfo, b: TensorInfo, attrs: unknown): NativeConv | undefined;
  outShape(info: backend_util.Conv2DInfo): number[];
}

const format = (dataFormat: 'NHWC' | 'NCHW') => backend_util.convertConv2DDataFormat(dataFormat);
type Shape4 = [number, number, number, number];

const FORWARD_KERNEL: ConvKernel = {
  name: Conv2D,
  mode: FORWARD,
  operands: ({ x, filter }) => [x, filter],
  geometry(x, filter, attrs) {
    const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs as Conv2DAttrs;
    const compute = () =>
      backend_util.computeConv2DInfo(
        x.shape as Shape4,
        filter.shape as Shape4,
        strides,
        dilations,
        pad,
        dimRoundingMode,
        false,
        format(dataFormat),
      );
    return nativeConv(compute, [
      [x, x.shape],
      [filter, filter.shape],
    ]);
  },
  outShape: (info) => info.outShape,
};

const KERNELS: ConvKernel[] = [
  FORWARD_KERNEL,
  {
    name: Conv2DBackpropInput,
    mode: INPUT_GRADIENT,
    operands: ({ dy, filter }) => [dy, filter],
    geometry(dy, filter, attrs) {
      const { inputShape, strides, pad, dataFormat, dimRoundingMode } = attrs as Conv2DBackpropInputAttrs;
      const compute = () =>
        backend_util.computeConv2DInfo(
          inputShape,
          filter.shape as Shape4,
          strides,
          1,
          pad,
          dimRoundingMode,
          false,
          format(dataFormat),
        );
      const conv = nativeConv(compute, []);
      return conv && nativeConv(() => conv.info, [[dy, conv.info.outShape]]);
    },
    outShape: (info) => info.inShape,
  },
  {
    name: Conv2DBackpropFilter,
    mode: FILTER_GRADIENT,
    operands: ({ x, dy }) => [x, dy],
    geometry(x, dy, attrs) {
      const { filterShape, strides, pad, dataFormat, dimRoundingMode } = attrs as Conv2DBackpropFilterAttrs;
      const compute = () =>
        backend_util.computeConv2DInfo(
          x.shape as Shape4,
          filterShape,
          strides,
          1,
          pad,
          dimRoundingMode,
          false,
          format(dataFormat),
        );
      const conv = nativeConv(compute, [[x, x.shape]]);
      return conv && nativeConv(() => conv.info, [[dy, conv.info.outShape]]);
    },
    outShape: (info) => info.filterShape,
  },
];

/**
 * Runs `kernel` on the addon: the output's shape and values, or undefined
 * when the cpu kernel must run it.
 */
function runConv(
  addon: NativeAddon,
  kernel: ConvKernel,
  backend: MathBackendCPU,
  inputs: NamedTensorInfoMap,
  attrs: unknown,
): { shape: number[]; values: Float32Array } | undefined {
  const [a, b] = kernel.operands(inputs);
  if (a === undefined || b === undefined) return undefined;
  const conv = kernel.geometry(a, b, attrs);
  const aValues = float32Values(backend, a);
  const bValues = float32Values(backend, b);
  if (conv === undefined || aValues === undefined || bValues === undefined) return undefined;
  const shape = kernel.outShape(conv.info);
  const values = outputValues(backend, util.sizeFromShape(shape));
  addon.conv2d(kernel.mode, conv.fields, aValues, bValues, values);
  return { shape, values };
}

/** Conv2D, Conv2DBackpropInput and Conv2DBackpropFilter of the native backend. */
function convConfigs(addon: NativeAddon): KernelConfig[] {
  return KERNELS.map((kernel) => {
    const kernelFunc: KernelFunc = (args) => {
      const backend = args.backend as MathBackendCPU;
      const result = runConv(addon, kernel, backend, args.inputs, args.attrs);
      if (result === undefined) return getKernel(kernel.name, 'cpu').kernelFunc(args);
      return backend.makeTensorInfo(result.shape, 'float32', result.values);
    };
    return { kernelName: kernel.name, backendName: BACKEND_NAME, kernelFunc };
  });
}

/** FusedConv2D: the convolution, then bias and activation in one pass (as _FusedMatMul). */
function fusedConvConfig(addon: NativeAddon): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const backend = args.backend as MathBackendCPU;
    const { bias, preluActivationWeights } = args.inputs;
    const { activation, leakyreluAlpha } = args.attrs as unknown as FusedConv2DAttrs;
    const cpu = () => getKernel(FusedConv2D, 'cpu').kernelFunc(args);
    const code = ACTIVATIONS[activation ?? 'linear'];
    if (code === undefined || (activation === 'prelu' && preluActivationWeights === undefined)) return cpu();
    // The epilogue's operands are checked against the output's shape before the convolution runs.
    const { x, filter } = args.inputs;
    const conv = x && filter ? FORWARD_KERNEL.geometry(x, filter, args.attrs) : undefined;
    if (conv === undefined) return cpu();
    const outShape = conv.info.outShape;
    const biasValues = bias === undefined ? null : rowVector(backend, bias, outShape);
    const slope = preluActivationWeights === undefined ? null : rowVector(backend, preluActivationWeights, outShape);
    if (biasValues === undefined || slope === undefined) return cpu();
    const result = runConv(addon, FORWARD_KERNEL, backend, args.inputs, args.attrs);
    if (result === undefined) return cpu();
    const cols = outShape[3];
    addon.biasActivation(
      result.values,
      result.values.length / cols,
      cols,
      biasValues,
      code,
      slope,
      leakyreluAlpha ?? 0.2,
    );
    return backend.makeTensorInfo(result.shape, 'float32', result.values);
  };
  return { kernelName: FusedConv2D, backendName: BACKEND_NAME, kernelFunc };
}

/** The convolution kernels of the native backend, bound to the loaded addon. */
export function conv2dConfigs(addon: NativeAddon): KernelConfig[] {
  return [...convConfigs(addon), fusedConvConfig(addon)];
}
