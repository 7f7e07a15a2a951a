import {
  Input,
  Regularizer,
  RegularizerError,
  matchNames,
  messages,
  tf,
  type GraphContext,
  type Layer,
  type NetworkNames,
  type Outputs,
  type Pattern,
  type RegularizerOptions,
} from '@tsnets/core';
import { layerOutputs } from './layer-outputs';
import { regularizerMessages } from './messages';

/** Options of `contractive`. */
export interface ContractiveOptions extends RegularizerOptions {
  /** Globs over the input layers' outputs (`'in:out'`) to differentiate by; default every input. */
  wrt?: Pattern;
}

const isPattern = (value: unknown): value is Pattern =>
  typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));

/**
 * Penalizes the derivative of hidden layers by their inputs (`contractive`).
 *
 * Loss term, over the set Ω of matched outputs (default: every hidden
 * layer's `:out`) and the inputs x chosen by `wrt` (default: every input):
 *
 *     R = 1/|Ω| · Σ_{Z ∈ Ω} mean((∂ mean(Z) / ∂x)²)
 *
 * as theanets computes it: the gradient of each output's mean by the input
 * batch, squared and averaged over its elements (over the elements of all
 * chosen inputs together when there are several). The derivative is taken
 * on the clean graph, without noise or dropout.
 *
 * In practice it flattens the hidden representation along directions the
 * data does not vary in, so features become insensitive to small input
 * changes (roughly orthogonal to the data manifold). Like `hidden_l1` it
 * pushes a model to cover its data with few features. Training it costs a
 * second-order gradient, so a step is slower than with other penalties.
 *
 * @example
 * await net.train(data, { contractive: 0.01 });
 * await net.train(data, { contractive: { weight: 0.01, pattern: 'hid1:out', wrt: 'in:out' } });
 * net.predict(x, { contractive: 0.01 });  // accepted; a penalty does not change predictions
 *
 * Reference: S. Rifai, P. Vincent, X. Muller, X. Glorot & Y. Bengio (ICML
 * 2011), "Contractive auto-encoders: explicit invariance during feature
 * extraction."
 */
export class Contractive extends Regularizer {
  /** One line for listings and the command line's help. */
  static override readonly summary: string =
    'mean squared derivative of the hidden layers by the inputs, times the weight';

  /** Options besides weight, pattern and rng. */
  static override readonly optionNames: readonly string[] = ['wrt'];

  readonly wrt?: Pattern;
  /** The input layers whose feeds are differentiated by (after `bind`). */
  private inputs: string[] = [];

  constructor(options: ContractiveOptions = {}) {
    super(options);
    if (options.wrt !== undefined && !isPattern(options.wrt)) {
      throw new RegularizerError(
        this.id,
        messages.badRegularizerOption(this.id, 'wrt', options.wrt, "a glob over input outputs such as 'in:out'"),
      );
    }
    this.wrt = options.wrt;
  }

  /** Matches the outputs (default: the hidden layers' `:out`) and the inputs `wrt` names. */
  override bind(network: NetworkNames): void {
    this.match(network.outputs, this.pattern ?? layerOutputs(network, 'hidden', this.id), 'outputs');
    const inputs = network.layers.filter((layer): layer is Input => layer instanceof Input);
    const names = inputs.map((input) => input.outputName);
    const wrt = this.wrt ?? names;
    const chosen = matchNames(names, wrt);
    if (chosen.length === 0) {
      throw new RegularizerError(this.id, messages.patternMatchesNothing(this.id, wrt, 'inputs', names));
    }
    this.inputs = inputs.filter((input) => chosen.includes(input.outputName)).map((input) => input.name);
  }

  /** The mean over bound outputs of the mean squared gradient of `mean(Z)` by the inputs. */
  override loss(_layers: readonly Layer[], _outputs: Outputs, context: GraphContext): tf.Scalar {
    if (this.matched.length === 0) throw new RegularizerError(this.id, regularizerMessages.notBound(this.id));
    const xs = this.inputs.map((name) => {
      const feed = context.feeds.get(name);
      if (!feed) {
        throw new RegularizerError(
          this.id,
          regularizerMessages.missingName(this.id, 'input', name, [...context.feeds.keys()]),
        );
      }
      return feed;
    });
    const terms = this.matched.map((target) => {
      const gradients = tf.grads((...values: tf.Tensor[]) => {
        const feeds = new Map(context.feeds);
        this.inputs.forEach((name, i) => feeds.set(name, values[i]));
        const outputs = context.rebuild(feeds);
        const value = outputs.get(target);
        if (!value) {
          throw new RegularizerError(
            this.id,
            regularizerMessages.missingName(this.id, 'output', target, [...outputs.keys()]),
          );
        }
        return tf.mean(value);
      })(xs);
      const count = gradients.reduce((sum, gradient) => sum + gradient.size, 0);
      return tf.div(tf.addN(gradients.map((gradient) => tf.sum(tf.square(gradient)))), count);
    });
    return tf.div(tf.addN(terms), terms.length);
  }
}
