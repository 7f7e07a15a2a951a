import { tf } from '../tf';

/**
 * Kernel names of the fused optimizer updates. A backend may register a
 * kernel under each (tsnets' native backend does); the built-in optimizers
 * then update each parameter in one pass over it, its gradient and its
 * state, instead of a chain of tf ops that reads and writes every value once
 * per arithmetic step. The contract of each, inputs and attributes:
 *
 * - `TsnetsSgdUpdate`: inputs `param`, `grad` and, with momentum,
 *   `velocity`; attributes `learningRate`, `momentum`, `nesterov`. Outputs
 *   `[param']` without momentum, else `[param', velocity']`, computed as
 *   `SGD` and `Optimizer.move` do (see @tsnets/optimizers).
 * - `TsnetsAdamUpdate`: inputs `param`, `grad`, `g1`, `g2`; attributes
 *   `learningRate`, `beta1`, `beta2`, `epsilon`, `correction1` (1 − β₁ᵗ),
 *   `correction2` (1 − β₂ᵗ). Outputs `[param', g1', g2']` as `Adam`.
 *
 * All float32, every input of the parameter's shape.
 */
export const FUSED_UPDATES = { sgd: 'TsnetsSgdUpdate', adam: 'TsnetsAdamUpdate' } as const;

/** Whether the active backend has the fused update kernel `kernel` (one of `FUSED_UPDATES`). */
export function hasFusedUpdate(kernel: string): boolean {
  return tf.getKernel(kernel, tf.getBackend()) !== undefined;
}

/**
 * Runs a fused update kernel of the active backend (check `hasFusedUpdate`
 * first). The outputs belong to the caller, or the enclosing `tf.tidy`.
 */
export function fusedUpdate(
  kernel: string,
  inputs: Record<string, tf.Tensor>,
  attrs: Record<string, number | boolean>,
): tf.Tensor[] {
  return tf.engine().runKernel(kernel, inputs, attrs) as tf.Tensor[];
}
