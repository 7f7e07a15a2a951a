/**
 * The fused penalty @tsnets/core names in `FUSED_PENALTY`: the mean of |x| or
 * x² (`hidden_l1`, `weight_l1`, `weight_l2`) in one pass of the addon, and
 * its gradient in another (see native/updates.h), in place of the three to
 * five elementwise kernels and reductions of the same arithmetic.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { NativeAddon } from '../addon';
import { BACKEND_NAME } from '../backend';
import { float32Values, outputValues } from './geometry';

/** The kernel names, as @tsnets/core's `FUSED_PENALTY` has them. */
export const PENALTY = 'TsnetsPenalty';
export const PENALTY_GRAD = 'TsnetsPenaltyGrad';

/** The float32 values of `t`; throws a TypeError naming the kernel and input otherwise. */
function values(kernel: string, name: string, backend: MathBackendCPU, t: TensorInfo | undefined): Float32Array {
  const found = t === undefined ? undefined : float32Values(backend, t);
  if (t === undefined || found === undefined || t.dtype !== 'float32' || found.length === 0) {
    throw new TypeError(`${kernel}: input '${name}' must be a non-empty float32 tensor.`);
  }
  return found;
}

/** The power attribute, 1 or 2; throws a TypeError otherwise. */
function power(kernel: string, attrs: unknown): 1 | 2 {
  const { power: p } = attrs as { power?: unknown };
  if (p !== 1 && p !== 2) throw new TypeError(`${kernel}: power must be 1 or 2, got ${String(p)}.`);
  return p;
}

function penaltyConfig(addon: NativeAddon): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, attrs, backend }) => {
    const cpu = backend as MathBackendCPU;
    const x = values(PENALTY, 'x', cpu, (inputs as { x?: TensorInfo }).x);
    const value = addon.penaltyValue(x, power(PENALTY, attrs));
    return cpu.makeTensorInfo([], 'float32', new Float32Array([value]));
  };
  return { kernelName: PENALTY, backendName: BACKEND_NAME, kernelFunc };
}

function penaltyGradConfig(addon: NativeAddon): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, attrs, backend }) => {
    const cpu = backend as MathBackendCPU;
    const { dy, x } = inputs as { dy?: TensorInfo; x?: TensorInfo };
    const xValues = values(PENALTY_GRAD, 'x', cpu, x);
    const dyValues = values(PENALTY_GRAD, 'dy', cpu, dy);
    if (dyValues.length !== 1)
      throw new TypeError(`${PENALTY_GRAD}: dy must be a scalar, got ${dyValues.length} values.`);
    const out = outputValues(cpu, xValues.length);
    addon.penaltyGrad(xValues, power(PENALTY_GRAD, attrs), dyValues[0], out);
    return cpu.makeTensorInfo((x as TensorInfo).shape, 'float32', out);
  };
  return { kernelName: PENALTY_GRAD, backendName: BACKEND_NAME, kernelFunc };
}

/** The fused penalty kernels of the native backend. */
export function penaltyConfigs(addon: NativeAddon): KernelConfig[] {
  return [penaltyConfig(addon), penaltyGradConfig(addon)];
}
