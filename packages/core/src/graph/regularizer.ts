import { RegularizerError } from '../errors/errors';
import { messages } from '../errors/messages';
import { idOf } from '../registry/registry';
import { RandomState } from '../rng/random-state';
import { tf } from '../tf';
import { matchNames, type Pattern } from '../util/glob';
import { closeMatches } from '../util/suggest';
import type { Layer } from './layers/layer';
import type { Parameter } from './parameter';
import type { Outputs } from './outputs';

/** Options every regularizer takes; subclasses add their own. */
export interface RegularizerOptions {
  /** Factor of the penalty in the training objective (>= 0). */
  weight?: number;
  /** Shell globs choosing the parameters or outputs it acts on. */
  pattern?: Pattern;
  /** Seed of the generator for random rewrites (noise, dropout); default 13. */
  rng?: number;
  [option: string]: unknown;
}

/** What a regularizer sees of the graph besides its layers and outputs. */
export interface GraphContext {
  /** True in training steps (and at predict time when the regularizer was asked for). */
  readonly training: boolean;
  /** The input tensors, by input layer name. */
  readonly feeds: ReadonlyMap<string, tf.Tensor>;
  /** Connects the clean graph (no rewrites) on other inputs, e.g. to differentiate outputs by inputs. */
  rebuild(feeds: ReadonlyMap<string, tf.Tensor>): Outputs;
}

/** What `bind` learns of the network a regularizer is used with. */
export interface NetworkNames {
  readonly layers: readonly Layer[];
  /** Every parameter name (`hid1.w`), in layer order. */
  readonly params: readonly string[];
  /** Every output name of the clean graph (`hid1:out`), in the order layers produce them. */
  readonly outputs: readonly string[];
}

/**
 * A regularizer adds a penalty to the training loss (`loss`) and/or rewrites
 * a layer's outputs as the graph is built (`modifyGraph`, for noise and
 * dropout). Register one with `@regularizer('id')` so training options can
 * name it; `bind` resolves its patterns against a network before use.
 */
export abstract class Regularizer {
  readonly weight: number;
  readonly pattern?: Pattern;
  readonly options: RegularizerOptions;
  /** The names `bind` matched (parameters or outputs). */
  protected matched: string[] = [];
  private generator?: RandomState;

  constructor(options: RegularizerOptions = {}) {
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new RegularizerError(
        this.id,
        messages.badRegularizerOption(this.id, 'options', options, 'an object or a number'),
      );
    }
    this.options = options;
    const own = (this.constructor as typeof Regularizer).optionNames;
    if (own) {
      const known = ['weight', 'pattern', 'rng', ...own];
      for (const key of Object.keys(options)) {
        if (known.includes(key)) continue;
        const suggestions = closeMatches(key, known);
        const hint = suggestions.length ? `"${suggestions[0]}"` : known.map((k) => `"${k}"`).join(', ');
        throw new RegularizerError(
          this.id,
          messages.badRegularizerOption(this.id, 'option', key, `one of its options (did you mean ${hint}?)`),
        );
      }
    }
    const weight = options.weight ?? 0;
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new RegularizerError(
        this.id,
        messages.badRegularizerOption(this.id, 'weight', weight, 'a finite number >= 0'),
      );
    }
    this.weight = weight;
    const pattern = options.pattern;
    const isPattern =
      typeof pattern === 'string' || (Array.isArray(pattern) && pattern.every((p) => typeof p === 'string'));
    if (pattern !== undefined && !isPattern) {
      throw new RegularizerError(
        this.id,
        messages.badRegularizerOption(
          this.id,
          'pattern',
          pattern,
          "a glob string such as 'hid*:out' or an array of them",
        ),
      );
    }
    this.pattern = pattern;
  }

  /** What the regularizer does, in one line (the command line's help and listings show it). */
  static readonly summary?: string;

  /**
   * The options a class takes besides `weight`, `pattern` and `rng`. When a
   * class declares them, any other key is a `RegularizerError` with a close
   * match; classes that declare nothing are not checked.
   */
  static readonly optionNames?: readonly string[];

  /**
   * Turns a keyword's value into options for one or more instances. By
   * default a number is the weight and an object the options; noise and
   * dropout read a number as a level and an object as `{ glob: level }`.
   */
  static fromValue(value: unknown): RegularizerOptions[] {
    return [typeof value === 'number' ? { weight: value } : (value as RegularizerOptions)];
  }

  /** The id this class is registered under (the lowercased class name when unregistered). */
  get id(): string {
    return idOf('regularizer', this.constructor as typeof Regularizer) ?? this.constructor.name.toLowerCase();
  }

  /** True when the graph rewrite applies to training steps only (noise, dropout). */
  get trainOnly(): boolean {
    return false;
  }

  /** The parameter or output names this regularizer acts on (after `bind`). */
  targets(): string[] {
    return [...this.matched];
  }

  /**
   * Resolves patterns against a network, before any work. The default binds
   * nothing; subclasses call `matchParams` or `matchOutputs`.
   */
  bind(_network: NetworkNames): void {}

  /** Matches the pattern (or `fallback`) against names, throwing when it matches nothing. */
  protected match(names: readonly string[], fallback: Pattern, what: string): string[] {
    const pattern = this.pattern ?? fallback;
    const found = matchNames(names, pattern);
    if (found.length === 0) {
      throw new RegularizerError(this.id, messages.patternMatchesNothing(this.id, pattern, what, names));
    }
    this.matched = found;
    return found;
  }

  /** Matches the pattern (default `*`) against the network's weight matrices (rank-2 parameters). */
  protected matchMatrices(network: NetworkNames): string[] {
    const matrices = network.layers.flatMap((layer) => layer.params).filter((param) => param.shape.length === 2);
    return this.match(
      matrices.map((param) => param.name),
      '*',
      'weight matrices (rank-2 parameters)',
    );
  }

  /** The parameters matched at bind time, in that order; an error naming this regularizer when unbound or gone. */
  protected matchedParameters(layers: readonly Layer[]): Parameter[] {
    const all = layers.flatMap((layer) => layer.params);
    if (this.matched.length === 0) {
      throw new RegularizerError(
        this.id,
        messages.regularizerFailed(this.id, 'loss', 'it was not bound to a network (call bind)'),
      );
    }
    return this.matched.map((name) => {
      const found = all.find((param) => param.name === name);
      if (!found) {
        throw new RegularizerError(
          this.id,
          messages.notFound(
            'parameter',
            name,
            all.map((param) => param.name),
          ),
        );
      }
      return found;
    });
  }

  /**
   * Restarts the seeded generator from `seed`. Networks call it on
   * regularizers asked for at predict time without an `rng`, which are new
   * instances on every call: without it each call would draw the same noise
   * and dropout masks (seed 13), and Monte Carlo dropout would not vary.
   */
  reseed(seed: number): void {
    this.generator = new RandomState(seed);
  }

  /** A seed for one random draw, from this regularizer's seeded generator. */
  protected seed(): number {
    this.generator ??= new RandomState(this.options.rng ?? 13);
    return this.generator.nextSeed();
  }

  /** Rewrites the outputs of one layer in place as it is connected. */
  modifyGraph?(outputs: Outputs, layer: Layer, context: GraphContext): void;

  /** The penalty, a scalar; multiplied by `weight` and added to the loss. */
  loss?(layers: readonly Layer[], outputs: Outputs, context: GraphContext): tf.Scalar;
}
