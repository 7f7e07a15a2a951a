import { tf } from '../tf';

/**
 * Kernel names of whole-sequence recurrent cells. A backend may register a
 * kernel under each name and under its `Grad` partner (tsnets' native
 * backend does); the `rnn`, `gru` and `lstm` layers then run every time step
 * in one kernel instead of a few dozen tfjs kernels per step. All float32;
 * `xp` is the input projection `x·W + b` of every step, `[N, T, k·n]`; the
 * attributes are `reverse` (run from the last step) and `activation`
 * (`CELL_ACTIVATIONS`, rnn and gru). Inputs, then outputs, in order:
 *
 * - `TsnetsRnnSequence`: `xp [N,T,n]`, `hh`, `h0`; `pre`, `out` `[N,T,n]`.
 * - `TsnetsGruSequence`: `xp [N,T,3n]` (hidden, reset, rate parts), `hh`,
 *   `hr`, `hz`, `h0`; `pre`, `hid`, `rate`, `out`, `reset` `[N,T,n]`.
 * - `TsnetsLstmSequence`: `xp [N,T,4n]` (input, forget, cell, output parts),
 *   `hh [n,4n]`, `ci`, `cf`, `co`, `h0`, `c0`; `out`, `cell` `[N,T,n]` and
 *   the gates `[N,T,4n]` (kept for the gradient).
 *
 * Each `Grad` kernel takes the gradients of the outputs (`dpre`, `dout` ...,
 * as `cellGradient` below passes them), the forward outputs and the inputs
 * but `xp`, and returns the gradients of the inputs in their order.
 */
export const FUSED_CELLS = {
  rnn: 'TsnetsRnnSequence',
  gru: 'TsnetsGruSequence',
  lstm: 'TsnetsLstmSequence',
} as const;

/** The cells' candidate activations by the numbers the kernels take. */
export const CELL_ACTIVATIONS: Readonly<Record<string, number>> = {
  linear: 0,
  relu: 1,
  tanh: 2,
  logistic: 3,
  sigmoid: 3,
};

export type FusedCell = keyof typeof FUSED_CELLS;

const INPUTS: Record<FusedCell, string[]> = {
  rnn: ['xp', 'hh', 'h0'],
  gru: ['xp', 'hh', 'hr', 'hz', 'h0'],
  lstm: ['xp', 'hh', 'ci', 'cf', 'co', 'h0', 'c0'],
};
/** How many outputs each gradient kernel reads the gradient of (the rest are kept for it alone). */
const DIFFERENTIABLE: Record<FusedCell, number> = { rnn: 2, gru: 4, lstm: 2 };

/** Whether the active backend runs `cell` fused (both kernels registered). */
export function hasFusedCell(cell: FusedCell): boolean {
  const backend = tf.getBackend();
  return (
    tf.getKernel(FUSED_CELLS[cell], backend) !== undefined &&
    tf.getKernel(`${FUSED_CELLS[cell]}Grad`, backend) !== undefined
  );
}

const registered = new Set<string>();

/** Registers the gradient of a cell kernel once per process: one run of its `Grad` kernel. */
function registerCellGradient(cell: FusedCell): void {
  const kernelName = FUSED_CELLS[cell];
  if (registered.has(kernelName)) return;
  registered.add(kernelName);
  const names = INPUTS[cell];
  tf.registerGradient({
    kernelName,
    inputsToSave: names.slice(1),
    outputsToSave: [true, true, true, true, true].slice(0, cell === 'rnn' ? 2 : cell === 'gru' ? 5 : 3),
    gradFunc: (dy, saved, attrs) => {
      const dys = (Array.isArray(dy) ? dy : [dy]).slice(0, DIFFERENTIABLE[cell]);
      const forwardInputs = saved.slice(0, names.length - 1);
      const forwardOutputs = saved.slice(names.length - 1);
      // One run gives every input's gradient. It runs here, not in the thunks: tfjs calls each thunk inside a
      // tidy of its own, which would dispose the other gradients of a shared run.
      const inputs = [...dys, ...forwardOutputs, ...forwardInputs];
      const grads = tf
        .engine()
        .runKernel(
          `${kernelName}Grad`,
          Object.fromEntries(inputs.map((t, k) => [`x${k}`, t] as [string, tf.Tensor])),
          attrs as unknown as tf.NamedAttrMap,
        ) as tf.Tensor[];
      return Object.fromEntries(names.map((name, k) => [name, () => grads[k]]));
    },
  });
}

/** Runs a cell kernel over whole sequences; the outputs in the order of `FUSED_CELLS`' contract. */
export function fusedCell(
  cell: FusedCell,
  inputs: tf.Tensor[],
  attrs: { reverse: boolean; activation: number },
): tf.Tensor[] {
  registerCellGradient(cell);
  const named = Object.fromEntries(INPUTS[cell].map((name, i) => [name, inputs[i]]));
  return tf.engine().runKernel(FUSED_CELLS[cell], named, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
}
