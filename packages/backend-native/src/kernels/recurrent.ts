/**
 * The whole-sequence recurrent cells @tsnets/core names in `FUSED_CELLS`
 * (rnn, gru, lstm), forward and `Grad`: every time step of a layer in one
 * call to the addon (native/recurrent.cc), each step one product with the
 * recurrent weights and one pass of gate arithmetic.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { NativeAddon } from '../addon';
import { BACKEND_NAME } from '../backend';
import { float32Values, outputValues } from './geometry';

interface CellLayout {
  name: string;
  id: number;
  /** Parts of the input projection per unit (1, 3 or 4). */
  parts: number;
  /** The forward kernel's input names, in the addon's slot order. */
  inputs: string[];
  /** The output shapes of the forward and the gradient kernel, for n units, N sequences, T steps. */
  forward: (n: number, b: number, t: number) => number[][];
  backward: (n: number, b: number, t: number) => number[][];
}

const seq = (b: number, t: number, w: number): number[] => [b, t, w];

const LAYOUTS: CellLayout[] = [
  {
    name: 'TsnetsRnnSequence',
    id: 0,
    parts: 1,
    inputs: ['xp', 'hh', 'h0'],
    forward: (n, b, t) => [seq(b, t, n), seq(b, t, n)],
    backward: (n, b, t) => [seq(b, t, n), [n, n], [b, n]],
  },
  {
    name: 'TsnetsGruSequence',
    id: 1,
    parts: 3,
    inputs: ['xp', 'hh', 'hr', 'hz', 'h0'],
    forward: (n, b, t) => Array.from({ length: 5 }, () => seq(b, t, n)),
    backward: (n, b, t) => [seq(b, t, 3 * n), [n, n], [n, n], [n, n], [b, n]],
  },
  {
    name: 'TsnetsLstmSequence',
    id: 2,
    parts: 4,
    inputs: ['xp', 'hh', 'ci', 'cf', 'co', 'h0', 'c0'],
    forward: (n, b, t) => [seq(b, t, n), seq(b, t, n), seq(b, t, 4 * n)],
    backward: (n, b, t) => [seq(b, t, 4 * n), [n, 4 * n], [n], [n], [n], [b, n], [b, n]],
  },
];

/** The float32 values of every input, in order; a TypeError naming the kernel otherwise. */
function values(kernel: string, backend: MathBackendCPU, inputs: TensorInfo[]): Float32Array[] {
  return inputs.map((t, i) => {
    const found = t === undefined ? undefined : float32Values(backend, t);
    if (found === undefined || t.dtype !== 'float32') throw new TypeError(`${kernel}: input ${i} must be float32.`);
    return found;
  });
}

function run(addon: NativeAddon, layout: CellLayout, backward: boolean): KernelConfig {
  const kernelName = backward ? `${layout.name}Grad` : layout.name;
  const kernelFunc: KernelFunc = ({ inputs, attrs, backend }) => {
    const cpu = backend as MathBackendCPU;
    // The gradient kernel's inputs are x0, x1, ... in the addon's slot order (see @tsnets/core's fused-cell.ts).
    const names = backward ? Object.keys(inputs).map((_, i) => `x${i}`) : layout.inputs;
    const ordered = names.map((name) => inputs[name] as TensorInfo);
    // The sizes follow from the first input: xp [N, T, parts*n] forward, an output's gradient [N, T, n] backward.
    const [batch, steps, width] = ordered[0].shape;
    const units = backward ? width : width / layout.parts;
    const { reverse, activation } = attrs as { reverse: boolean; activation: number };
    const shapes = (backward ? layout.backward : layout.forward)(units, batch, steps);
    const out = shapes.map((shape) =>
      outputValues(
        cpu,
        shape.reduce((a, b) => a * b, 1),
      ),
    );
    addon.cell(layout.id, backward, reverse, activation, batch, steps, units, values(kernelName, cpu, ordered), out);
    return out.map((array, i) => cpu.makeTensorInfo(shapes[i], 'float32', array));
  };
  return { kernelName, backendName: BACKEND_NAME, kernelFunc };
}

/** The cell kernels of the native backend, forward and gradient. */
export function recurrentConfigs(addon: NativeAddon): KernelConfig[] {
  return LAYOUTS.flatMap((layout) => [run(addon, layout, false), run(addon, layout, true)]);
}
