import type { ArrayInput } from '../graph/data';
import type { MonitorSpec } from '../graph/monitors';
import type { Regularizer, RegularizerOptions } from '../graph/regularizer';

/** A source of batches: called once per batch, returns that batch's arrays. */
export type BatchSource = () => ArrayInput[];

/** Training data: `[x]`, `[x, y]`, `[x, y, w]` (as the model requires), or a batch source. */
export type TrainData = readonly ArrayInput[] | BatchSource;

/**
 * The settings of one training run, with theanets' names. snake_case is
 * canonical; camelCase works too (`learningRate`), and at run time so does
 * kebab-case, since keys compare after lowercasing and dropping `_` and `-`.
 */
export interface TrainingOptions {
  /** An optimizer id (`sgd`, `nag`, `rmsprop`, `rprop`, `adagrad`, `adadelta`, `adam`, `esgd`) or a strategy (`layerwise`, `pretrain`, `sample`). Default `'rmsprop'`. */
  algo?: string;
  /** The optimizer of each `layerwise` / `pretrain` stage. Default `'rmsprop'`. */
  subalgo?: string;
  /** Step size, > 0. Default `1e-4`. */
  learning_rate?: number;
  /** Momentum in [0, 1), on top of any optimizer. Default `0`. */
  momentum?: number;
  /** Nesterov's form of the momentum. Default `false`. */
  nesterov?: boolean;
  /** Rows per batch, a whole number >= 1. Default `32`. */
  batch_size?: number;
  /** Validations in a row without an improvement tolerated before stopping. Default `5`. */
  patience?: number;
  /** Epochs between validations, >= 1. Default `10`. */
  validate_every?: number;
  /** The relative drop of the validation loss that counts as an improvement (`best - loss > best * min_improvement`). Default `0`. */
  min_improvement?: number;
  /** Rescales each parameter's gradient to at most this norm; `0` is off. Default `0`. */
  max_gradient_norm?: number;
  /** Clips each gradient element to ± this; `0` is off. Default `0`. */
  max_gradient_elem?: number;
  /** Averaging halflife (in steps) of rmsprop, adadelta and esgd. Default `14`. */
  rms_halflife?: number;
  /** The epsilon of rmsprop, adadelta and esgd. Default `1e-8`. */
  rms_regularizer?: number;
  /** Adam's first-moment halflife (in steps). Default `7`. */
  beta1_halflife?: number;
  /** Adam's second-moment halflife (in steps). Default `69`. */
  beta2_halflife?: number;
  /** Rprop's step growth factor. Default `1.01`. */
  rprop_increase?: number;
  /** Rprop's step shrink factor. Default `0.99`. */
  rprop_decrease?: number;
  /** Rprop's smallest step. Default `0`. */
  rprop_min_step?: number;
  /** Rprop's largest step. Default `100`. */
  rprop_max_step?: number;
  /** Epochs at most. Default: no limit (patience ends training). */
  max_updates?: number;
  /** Batches per epoch. Default: one pass over the data (with a batch source: one call). */
  iteration_size?: number;
  /** Extra values to watch, by glob over output, then parameter names: `{ 'hid1:out': [0.1, 0.9] }`. */
  monitors?: MonitorSpec;
  /**
   * Reports, at each validation, the L2 norm of the gradient of the loss by
   * each matched parameter, in the validation's `gradients` (`{ 'hid1.w':
   * 0.031 }`): `true` for every parameter, or globs over parameter names
   * (`'*.w'`, `['hid1.*', 'out.b']`). A glob that matches nothing is an
   * error. It costs one backward pass per validation batch. theanets (through
   * downhill) takes `true` only and reports the squared norms as `∂NAME`.
   * Default `false`.
   */
  monitor_gradients?: boolean | string | readonly string[];
  /** Seed of the batch order and of random optimizers, an integer in [0, 2³²). Default: the model's `rng` (13). */
  rng?: number;
  /** Aborting it ends training after the current batch, with the best parameters restored. */
  signal?: AbortSignal;
  /** Validation data, in the same forms as the training data. Default: the training data. */
  valid?: TrainData;
  /** Saves the model every this many epochs, or every `-save_every` minutes when negative (theanets' checkpoints); needs `save_progress`. Default `0` (off). */
  save_every?: number;
  /** Where checkpoints go; `{}` in the path is replaced by a timestamp. Written atomically like `save`. */
  save_progress?: string;
}

/** A regularizer keyword's value: its weight (or level), or an object of constructor options. */
export type RegularizerValue<Options extends RegularizerOptions = RegularizerOptions> = number | Options;

/** A keyword's value for noise and dropout by glob: a level for the default outputs, or levels by glob (`{ 'hid?:out': 0.2 }`). */
export type LevelsByGlob = number | Record<string, number>;

/**
 * Regularizer keywords, by name. The built-in ones are declared by
 * `@tsnets/regularizers`; a plugin adds its own by declaration merging, so
 * its keyword type-checks once its types are imported:
 *
 * ```ts
 * declare module '@tsnets/core' {
 *   interface RegularizerKeywords {
 *     weightinverse?: RegularizerValue;
 *   }
 * }
 * ```
 */
export interface RegularizerKeywords {
  /** Regularizer instances, or an object of keywords. */
  regularizers?: readonly Regularizer[] | RegularizerKeywords;
}

/** `learning_rate` -> `learningRate`. */
export type CamelCase<Key extends string> = Key extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : Key;

/** The same fields under their camelCase names. */
export type CamelCased<T> = { [Key in keyof T as Key extends string ? CamelCase<Key> : never]: T[Key] };

/** Everything `train` and `itertrain` take: training options and regularizer keywords, snake_case or camelCase. */
export type TrainOptions = TrainingOptions &
  RegularizerKeywords &
  CamelCased<TrainingOptions> &
  CamelCased<RegularizerKeywords>;
