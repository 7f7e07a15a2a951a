import type { RandomState } from '../rng/random-state';
import { hasFusedUpdate } from '../ops/fused-update';
import { tf } from '../tf';

/** The optimizer settings the trainer resolves from training options (defaults as downhill). */
export interface OptimizerSettings {
  learningRate: number;
  momentum: number;
  nesterov: boolean;
  maxGradientNorm: number;
  maxGradientElem: number;
  rmsHalflife: number;
  rmsRegularizer: number;
  beta1Halflife: number;
  beta2Halflife: number;
  rpropIncrease: number;
  rpropDecrease: number;
  rpropMinStep: number;
  rpropMaxStep: number;
  /** Generator for optimizers that draw random numbers (esgd). */
  rng: RandomState;
}

/** Defaults of every optimizer setting but `rng`. */
export const OPTIMIZER_DEFAULTS: Omit<OptimizerSettings, 'rng'> = {
  learningRate: 1e-4,
  momentum: 0,
  nesterov: false,
  maxGradientNorm: 0,
  maxGradientElem: 0,
  rmsHalflife: 14,
  rmsRegularizer: 1e-8,
  beta1Halflife: 7,
  beta2Halflife: 69,
  rpropIncrease: 1.01,
  rpropDecrease: 0.99,
  rpropMinStep: 0,
  rpropMaxStep: 100,
};

/** `exp(-ln 2 / halflife)`: the decay whose weight halves every `halflife` steps. */
export function halflifeDecay(halflife: number): number {
  return Math.exp(-Math.LN2 / halflife);
}

/** The part of TensorFlow.js's engine state that holds the gradient tape. */
interface TapeState {
  gradientDepth: number;
  activeTape: Array<{ saved?: tf.Tensor[] }> | null;
}

/**
 * Runs `differentiate`; when it throws, frees the tensors the gradient tape
 * saved for the backward pass. TensorFlow.js frees them only after a
 * backward pass, so an objective that throws (a failing regularizer hook)
 * would leak them on every failure.
 */
export function releasingTape<T>(differentiate: () => T): T {
  try {
    return differentiate();
  } catch (error) {
    const state = (tf.engine() as unknown as { state: TapeState }).state;
    if (state.gradientDepth === 0 && state.activeTape) {
      for (const node of state.activeTape) for (const tensor of node.saved ?? []) tensor.dispose();
      state.activeTape = null;
    }
    throw error;
  }
}

/**
 * A gradient-based optimizer with downhill's semantics. Subclasses implement
 * `delta`: the step for one parameter from its (clipped) gradient, such that
 * without momentum `param <- param - delta`. This base computes gradients,
 * clips them per parameter (`maxGradientElem`, else `maxGradientNorm`), and
 * adds momentum or Nesterov momentum on top of any subclass.
 */
export abstract class Optimizer {
  protected readonly settings: OptimizerSettings;
  private readonly state = new Map<string, tf.Variable>();

  constructor(settings: OptimizerSettings) {
    this.settings = settings;
  }

  /**
   * One update: differentiates `objective` with respect to `variables`,
   * updates them, and returns the objective's value (owned by the caller).
   */
  step(objective: () => tf.Scalar, variables: readonly tf.Variable[]): tf.Scalar {
    const { value, grads } = this.gradients(objective, variables);
    try {
      tf.tidy(() => {
        variables.forEach((param, i) => this.update(param, this.clipGradient(grads[i]), i));
      });
    } catch (error) {
      value.dispose();
      throw error;
    } finally {
      for (const grad of grads) grad.dispose();
    }
    return value;
  }

  /** The objective's value and its gradient for each variable (all owned by the caller). */
  protected gradients(
    objective: () => tf.Scalar,
    variables: readonly tf.Variable[],
  ): { value: tf.Scalar; grads: tf.Tensor[] } {
    const { value, grads } = releasingTape(() => tf.variableGrads(objective, variables as tf.Variable[]));
    return { value, grads: variables.map((v) => grads[v.name] ?? tf.zerosLike(v)) };
  }

  /**
   * Updates one parameter from its (clipped) gradient: `move` by `delta`.
   * Subclasses may do the same in fewer passes, e.g. with a fused kernel of
   * the backend (see `fusedUpdate`).
   */
  protected update(param: tf.Variable, grad: tf.Tensor, index: number): void {
    this.move(param, this.delta(param, grad, index));
  }

  /**
   * Whether `update` may run the fused kernel `kernel` (one of
   * `FUSED_UPDATES`) instead of `move` by `delta`: the backend has it, and
   * no subclass below `owner`, the class whose arithmetic the kernel
   * reproduces, overrides `delta` or `move` (its own code then runs).
   */
  protected fusable(kernel: string, owner: abstract new (...args: never[]) => Optimizer): boolean {
    return this.delta === owner.prototype.delta && this.move === Optimizer.prototype.move && hasFusedUpdate(kernel);
  }

  /** The step for one parameter, from its gradient. */
  protected abstract delta(param: tf.Variable, grad: tf.Tensor, index: number): tf.Tensor;

  /** The gradient clipped elementwise (`maxGradientElem`), else rescaled to at most `maxGradientNorm`. */
  protected clipGradient(grad: tf.Tensor): tf.Tensor {
    const { maxGradientElem, maxGradientNorm } = this.settings;
    if (maxGradientElem > 0) return tf.clipByValue(grad, -maxGradientElem, maxGradientElem);
    if (maxGradientNorm > 0) {
      const norm = tf.sqrt(tf.sum(tf.square(grad)));
      return tf.mul(grad, tf.minimum(1, tf.div(maxGradientNorm, norm)));
    }
    return grad;
  }

  /**
   * Moves one parameter by its step, with momentum as downhill: the velocity
   * is the classical `v' = μ v - δ`; the move is `v'`, or with Nesterov
   * momentum `μ² v - (1 + μ) δ`.
   */
  protected move(param: tf.Variable, delta: tf.Tensor): void {
    const { momentum, nesterov } = this.settings;
    if (momentum === 0) {
      param.assign(tf.sub(param, delta));
      return;
    }
    const velocity = this.slot(param, 'velocity');
    const next = tf.sub(tf.mul(velocity, momentum), delta);
    const change = nesterov ? tf.sub(tf.mul(velocity, momentum * momentum), tf.mul(delta, 1 + momentum)) : next;
    velocity.assign(next);
    param.assign(tf.add(param, change));
  }

  /**
   * A state variable of this optimizer for one parameter (created on first
   * use, filled with `initial`), e.g. `slot(param, 'g2')`.
   */
  protected slot(param: tf.Variable, key: string, initial = 0): tf.Variable {
    const id = `${param.name}/${key}`;
    let variable = this.state.get(id);
    if (!variable) {
      variable = tf.tidy(() => tf.variable(tf.fill(param.shape, initial), false));
      this.state.set(id, variable);
    }
    return variable;
  }

  /** Frees the optimizer's state. */
  dispose(): void {
    for (const variable of this.state.values()) variable.dispose();
    this.state.clear();
  }
}
