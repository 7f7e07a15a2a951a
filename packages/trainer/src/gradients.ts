import { GRADIENT_PREFIX, OptionError, matchNames, messages, tf, type Network, type Parameter } from '@tsnets/core';

/** The parameters `monitor_gradients` names: none for `false`, all for `true`, else those a glob matches (each glob must match one). */
export function gradientParameters(network: Network, setting: boolean | string | readonly string[]): Parameter[] {
  if (setting === false) return [];
  const params = network.params;
  if (setting === true) return [...params];
  const names = params.map((param) => param.name);
  const chosen = new Set<string>();
  for (const pattern of typeof setting === 'string' ? [setting] : setting) {
    const found = matchNames(names, pattern);
    if (found.length === 0)
      throw new OptionError(messages.gradientPatternMatchesNothing(pattern, names), 'monitor_gradients');
    for (const name of found) chosen.add(name);
  }
  return params.filter((param) => chosen.has(param.name));
}

/**
 * Sums of the gradients of each batch's loss by some parameters, over a
 * validation pass: the mean of batch gradients is the gradient of the mean
 * of batch losses, which is what validation reports as its loss.
 */
export class GradientSums {
  private sums: tf.Tensor[] = [];

  constructor(private readonly params: readonly Parameter[]) {}

  /** Runs `loss` (which must `tf.keep` whatever it wants to outlive the call) and adds its gradients. */
  add(loss: () => tf.Scalar): void {
    const variables = this.params.map((param) => param.variable);
    const next = tf.tidy(() => {
      const { grads } = tf.variableGrads(loss, variables);
      return variables.map((variable, i) => {
        const grad = grads[variable.name] ?? tf.zerosLike(variable);
        return this.sums[i] ? tf.add(this.sums[i], grad) : tf.clone(grad);
      });
    });
    this.dispose();
    this.sums = next;
  }

  /** The L2 norm of each mean gradient over `count` batches, named with `GRADIENT_PREFIX`. */
  norms(count: number): { names: string[]; values: Float32Array } {
    const stacked = tf.tidy(() => tf.stack(this.sums.map((sum) => tf.div(tf.norm(sum), Math.max(count, 1)))));
    const values = stacked.dataSync() as Float32Array;
    stacked.dispose();
    return { names: this.params.map((param) => `${GRADIENT_PREFIX}${param.name}`), values };
  }

  /** Frees the sums. */
  dispose(): void {
    tf.dispose(this.sums);
    this.sums = [];
  }
}
