import { tf } from '../tf';

/**
 * Kernel names of the fused penalty. A backend may register a kernel under
 * each (tsnets' native backend does); `meanPower` then takes one pass over
 * its input for the value and one for the gradient, instead of three to
 * five tf kernels. The contract, inputs and attributes:
 *
 * - `TsnetsPenalty`: input `x` (float32, not empty); attribute `power` (1 or
 *   2). Output the float32 scalar `mean(|x|)` or `mean(x²)`, computed as
 *   `tf.mean(tf.abs(x))` and `tf.sum(tf.square(x)) / n` are.
 * - `TsnetsPenaltyGrad`: inputs `dy` (the scalar gradient of the output) and
 *   `x`; attribute `power`. Output the gradient of `x`, of its shape, with
 *   tf's arithmetic: `dy / n` where `x > 0` and `-dy / n` elsewhere for power 1
 *   (tf's `Abs` gradient is -1 at 0), `x · (dy · (2 / n))` for power 2.
 */
export const FUSED_PENALTY = { value: 'TsnetsPenalty', grad: 'TsnetsPenaltyGrad' } as const;

/** Whether the active backend has both fused penalty kernels. */
export function hasFusedPenalty(): boolean {
  const backend = tf.getBackend();
  return (
    tf.getKernel(FUSED_PENALTY.value, backend) !== undefined && tf.getKernel(FUSED_PENALTY.grad, backend) !== undefined
  );
}

let registered = false;

/** Registers the fused penalty's gradient once per process: one run of its `Grad` kernel. */
function registerPenaltyGradient(): void {
  if (registered) return;
  registered = true;
  tf.registerGradient({
    kernelName: FUSED_PENALTY.value,
    inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs) => ({
      x: () =>
        tf
          .engine()
          .runKernel(FUSED_PENALTY.grad, { dy: dy as tf.Tensor, x }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor,
    }),
  });
}

/**
 * `mean(x²)` with its gradient `x · (dy · 2/n)` written out: autodiff through `square` and `mean` makes five
 * passes over `x` where this makes three. (A dot product of `x` with itself would make one, but the wasm
 * backend's matMul corrupts its heap when both operands share their data.)
 */
const meanSquare = tf.customGrad((...args: unknown[]) => {
  const [values, save] = args as [tf.Tensor, tf.GradSaveFunc];
  save([values]);
  const n = values.size;
  return {
    value: tf.div(tf.sum(tf.square(values)), n),
    gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => tf.mul(saved, tf.mul(dy, 2 / n)),
  };
}) as unknown as (values: tf.Tensor) => tf.Scalar;

/**
 * The mean of `|x|` (power 1) or of `x²` (power 2), differentiable: the
 * `hidden_l1`, `weight_l1` and `weight_l2` penalties. In the backend's fused
 * kernels when it has them (`FUSED_PENALTY`), else in tf ops with the same
 * arithmetic.
 *
 * ```ts
 * meanPower(tf.tensor([1, -2, 3, -4]), 2).dataSync(); // [7.5]
 * ```
 */
export function meanPower(x: tf.Tensor, power: 1 | 2): tf.Scalar {
  if (x.dtype === 'float32' && x.size > 0 && hasFusedPenalty()) {
    registerPenaltyGradient();
    return tf.engine().runKernel(FUSED_PENALTY.value, { x }, { power }) as tf.Scalar;
  }
  return power === 1 ? tf.mean(tf.abs(x)) : meanSquare(x);
}
