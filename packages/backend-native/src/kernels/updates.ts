/**
 * The fused optimizer updates @tsnets/core names in `FUSED_UPDATES`: SGD
 * (with or without momentum) and Adam, each one pass in the addon over the
 * parameter, its gradient and its state (see native/updates.h), instead of
 * the four to ten elementwise kernels of the same arithmetic.
 */
import { util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { NativeAddon } from '../addon';
import { BACKEND_NAME } from '../backend';
import { float32Values, outputValues } from './geometry';
import { penaltyConfigs } from './penalty';

/** The kernel names, as @tsnets/core's `FUSED_UPDATES` has them. */
export const SGD_UPDATE = 'TsnetsSgdUpdate';
export const ADAM_UPDATE = 'TsnetsAdamUpdate';

/** The float32 values of each named input, all of one shape; throws a TypeError naming the culprit otherwise. */
function sameShapeValues(kernel: string, backend: MathBackendCPU, inputs: Record<string, TensorInfo>): Float32Array[] {
  const [first, ...rest] = Object.entries(inputs);
  return [first, ...rest].map(([name, t]) => {
    if (t === undefined) throw new TypeError(`${kernel}: input '${name}' is missing.`);
    const values = float32Values(backend, t);
    if (values === undefined || t.dtype !== 'float32') {
      throw new TypeError(`${kernel}: input '${name}' must be float32, got ${t.dtype}.`);
    }
    if (!util.arraysEqual(t.shape, first[1].shape)) {
      throw new TypeError(`${kernel}: input '${name}' has shape [${t.shape}], '${first[0]}' has [${first[1].shape}].`);
    }
    return values;
  });
}

/** Output tensors of `shape`, one per array. */
function outputs(backend: MathBackendCPU, shape: number[], arrays: Float32Array[]): TensorInfo[] {
  return arrays.map((values) => backend.makeTensorInfo(shape, 'float32', values));
}

function sgdConfig(addon: NativeAddon): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, attrs, backend }) => {
    const cpu = backend as MathBackendCPU;
    const { param, grad, velocity } = inputs as Record<string, TensorInfo>;
    const { learningRate, momentum, nesterov } = attrs as { learningRate: number; momentum: number; nesterov: boolean };
    const named: Record<string, TensorInfo> = velocity === undefined ? { param, grad } : { param, grad, velocity };
    const [p, g, v] = sameShapeValues(SGD_UPDATE, cpu, named);
    const pOut = outputValues(cpu, p.length);
    const vOut = v === undefined ? null : outputValues(cpu, p.length);
    addon.sgdUpdate(p, g, v ?? null, learningRate, momentum, nesterov, pOut, vOut);
    return outputs(cpu, param.shape, vOut === null ? [pOut] : [pOut, vOut]);
  };
  return { kernelName: SGD_UPDATE, backendName: BACKEND_NAME, kernelFunc };
}

function adamConfig(addon: NativeAddon): KernelConfig {
  const kernelFunc: KernelFunc = ({ inputs, attrs, backend }) => {
    const cpu = backend as MathBackendCPU;
    const { param, grad, g1, g2 } = inputs as Record<string, TensorInfo>;
    const { learningRate, beta1, beta2, epsilon, correction1, correction2 } = attrs as Record<string, number>;
    const [p, g, m, s] = sameShapeValues(ADAM_UPDATE, cpu, { param, grad, g1, g2 });
    const out = [p, m, s].map(() => outputValues(cpu, p.length));
    addon.adamUpdate(p, g, m, s, out[0], out[1], out[2], learningRate, beta1, beta2, epsilon, correction1, correction2);
    return outputs(cpu, param.shape, out);
  };
  return { kernelName: ADAM_UPDATE, backendName: BACKEND_NAME, kernelFunc };
}

/** The fused kernels of a training step: the optimizer updates, and the penalties of kernels/penalty.ts. */
export function updateConfigs(addon: NativeAddon): KernelConfig[] {
  return [sgdConfig(addon), adamConfig(addon), ...penaltyConfigs(addon)];
}
