/**
 * The geometry the addon's convolution and pooling take (native/conv.h),
 * from tfjs' own computeConv2DInfo / computePool2DInfo, so sizes, padding and
 * rounding are exactly the cpu kernels'.
 */
import { util, type backend_util, type TensorInfo } from '@tensorflow/tfjs-core';

/** A convolution or pooling the addon can run: tfjs' info and the addon's 13 numbers. */
export interface NativeConv {
  info: backend_util.Conv2DInfo;
  fields: number[];
}

/**
 * The addon's form of the convolution `compute` describes, or undefined when
 * the cpu kernel must run it: computing the info throws (the cpu kernel then
 * raises its own error), channelsFirst, a dilation above 1, negative padding,
 * an empty tensor, or operands whose shapes are not those the info expects.
 */
export function nativeConv(
  compute: () => backend_util.Conv2DInfo,
  operands: [TensorInfo, number[]][],
): NativeConv | undefined {
  let info: backend_util.Conv2DInfo;
  try {
    info = compute();
  } catch {
    return undefined;
  }
  if (info.dataFormat !== 'channelsLast' || info.dilationHeight !== 1 || info.dilationWidth !== 1) return undefined;
  if (!operands.every(([t, shape]) => t.dtype === 'float32' && util.arraysEqual(t.shape, shape))) return undefined;
  const fields = [
    info.batchSize,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.outChannels,
    info.filterHeight,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.padInfo.top,
    info.padInfo.left,
  ];
  const sizes = fields.slice(0, 11);
  if (
    !sizes.every((n) => Number.isInteger(n) && n > 0) ||
    !fields.slice(11).every((n) => Number.isInteger(n) && n >= 0)
  ) {
    return undefined;
  }
  return { info, fields };
}
