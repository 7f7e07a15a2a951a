import {
  OPTIMIZER_DEFAULTS,
  OptionError,
  UnknownNameError,
  closeMatches,
  isRegistered,
  lookup,
  messages,
  normalizeKey,
  registeredIds,
  registeredNames,
  type MonitorSpec,
  type OptimizerSettings,
  type TrainData,
  type TrainOptions,
} from '@tsnets/core';
import type { DependencyContainer } from 'tsyringe';

/** Every training option, resolved and checked. */
export interface TrainingSettings extends Omit<OptimizerSettings, 'rng'> {
  algo: string;
  subalgo: string;
  batchSize: number;
  patience: number;
  validateEvery: number;
  minImprovement: number;
  /** Epochs at most (Infinity: until patience runs out). */
  maxUpdates: number;
  /** Batches per epoch (default: one pass over the data). */
  iterationSize?: number;
  monitors?: MonitorSpec;
  /** Parameters whose gradient norms validations report: true for all, or globs. */
  monitorGradients: boolean | string | readonly string[];
  rng: number;
  signal?: AbortSignal;
  valid?: TrainData;
  /** Checkpoint interval: epochs when positive, minutes when negative, 0 off. */
  saveEvery: number;
  /** Checkpoint path (`{}` becomes a timestamp). */
  saveProgress?: string;
}

type Check = (value: unknown) => string | undefined;

const positive: Check = (v) =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : 'a finite number > 0';
const nonNegative: Check = (v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? undefined : 'a finite number >= 0';
const count: Check = (v) => (Number.isInteger(v) && (v as number) >= 1 ? undefined : 'a whole number >= 1');
const countOrZero: Check = (v) => (Number.isInteger(v) && (v as number) >= 0 ? undefined : 'a whole number >= 0');
const fraction: Check = (v) => (typeof v === 'number' && v >= 0 && v < 1 ? undefined : 'a number in [0, 1)');
const bool: Check = (v) => (typeof v === 'boolean' ? undefined : 'true or false');
const text: Check = (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'a non-empty string');
const object: Check = (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? undefined : 'an object');
const seed: Check = (v) =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffffffff ? undefined : 'an integer seed in [0, 2^32)';
const signal: Check = (v) => (v instanceof AbortSignal ? undefined : 'an AbortSignal');
const globs: Check = (v) =>
  typeof v === 'boolean' ||
  (typeof v === 'string' && v.length > 0) ||
  (Array.isArray(v) && v.length > 0 && v.every((p) => typeof p === 'string' && p.length > 0))
    ? undefined
    : 'true, false, a glob string or an array of them';
const anything: Check = () => undefined;
const real: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : 'a finite number');

/** Each option: its canonical name, its setting, its check, its default and what it means (the command line's help). */
const OPTIONS: ReadonlyArray<[string, keyof TrainingSettings, Check, unknown, string]> = [
  [
    'algo',
    'algo',
    text,
    'rmsprop',
    'optimizer (sgd, nag, rmsprop, rprop, adagrad, adadelta, adam, esgd) or strategy (layerwise, pretrain, sample)',
  ],
  ['subalgo', 'subalgo', text, 'rmsprop', 'optimizer of each layerwise or pretrain stage'],
  ['learning_rate', 'learningRate', positive, OPTIMIZER_DEFAULTS.learningRate, 'step size, > 0'],
  ['momentum', 'momentum', fraction, OPTIMIZER_DEFAULTS.momentum, 'momentum in [0, 1), on top of any optimizer'],
  ['nesterov', 'nesterov', bool, OPTIMIZER_DEFAULTS.nesterov, "Nesterov's form of the momentum"],
  ['batch_size', 'batchSize', count, 32, 'rows per batch'],
  ['patience', 'patience', countOrZero, 5, 'validations without improvement tolerated before stopping'],
  ['validate_every', 'validateEvery', count, 10, 'epochs between validations'],
  [
    'min_improvement',
    'minImprovement',
    nonNegative,
    0,
    'relative drop of the validation loss that counts as an improvement',
  ],
  [
    'max_gradient_norm',
    'maxGradientNorm',
    nonNegative,
    OPTIMIZER_DEFAULTS.maxGradientNorm,
    "rescale each parameter's gradient to at most this norm (0: off)",
  ],
  [
    'max_gradient_elem',
    'maxGradientElem',
    nonNegative,
    OPTIMIZER_DEFAULTS.maxGradientElem,
    'clip each gradient element to +- this (0: off)',
  ],
  [
    'rms_halflife',
    'rmsHalflife',
    positive,
    OPTIMIZER_DEFAULTS.rmsHalflife,
    'averaging halflife in steps of rmsprop, adadelta and esgd',
  ],
  [
    'rms_regularizer',
    'rmsRegularizer',
    nonNegative,
    OPTIMIZER_DEFAULTS.rmsRegularizer,
    'epsilon of rmsprop, adadelta and esgd',
  ],
  [
    'beta1_halflife',
    'beta1Halflife',
    positive,
    OPTIMIZER_DEFAULTS.beta1Halflife,
    "adam's first-moment halflife in steps",
  ],
  [
    'beta2_halflife',
    'beta2Halflife',
    positive,
    OPTIMIZER_DEFAULTS.beta2Halflife,
    "adam's second-moment halflife in steps",
  ],
  ['rprop_increase', 'rpropIncrease', positive, OPTIMIZER_DEFAULTS.rpropIncrease, "rprop's step growth factor"],
  ['rprop_decrease', 'rpropDecrease', positive, OPTIMIZER_DEFAULTS.rpropDecrease, "rprop's step shrink factor"],
  ['rprop_min_step', 'rpropMinStep', nonNegative, OPTIMIZER_DEFAULTS.rpropMinStep, "rprop's smallest step"],
  ['rprop_max_step', 'rpropMaxStep', positive, OPTIMIZER_DEFAULTS.rpropMaxStep, "rprop's largest step"],
  ['max_updates', 'maxUpdates', count, Infinity, 'epochs at most (default: until patience runs out)'],
  ['iteration_size', 'iterationSize', count, undefined, 'batches per epoch (default: one pass over the data)'],
  ['monitors', 'monitors', object, undefined, 'extra values to watch by glob, e.g. {"hid1:out": [0.1]}'],
  [
    'monitor_gradients',
    'monitorGradients',
    globs,
    false,
    "report each matched parameter's gradient norm at each validation: true, or globs such as *.w",
  ],
  ['rng', 'rng', seed, undefined, "seed of the batch order and of random optimizers (default: the model's)"],
  ['signal', 'signal', signal, undefined, 'an AbortSignal that ends training after the current batch'],
  ['valid', 'valid', anything, undefined, 'validation data (default: the training data)'],
  ['save_every', 'saveEvery', real, 0, 'checkpoint every N epochs, or every -N minutes when negative (0: off)'],
  ['save_progress', 'saveProgress', text, undefined, 'checkpoint path; {} becomes the time in seconds'],
];

/** The canonical (snake_case) names of every training option. */
export const OPTION_NAMES: readonly string[] = OPTIONS.map(([name]) => name);

/** What a training option means and its default, in one line: the command line's help. */
export function describeOption(name: string): string | undefined {
  const entry = BY_KEY.get(normalizeKey(name));
  if (!entry) return undefined;
  const [, , , fallback, meaning] = entry;
  return fallback === undefined || fallback === Infinity ? meaning : `${meaning} (default ${String(fallback)})`;
}

const BY_KEY = new Map(OPTIONS.map((entry) => [normalizeKey(entry[0]), entry]));

/** The training settings with their defaults (`rng` from the network). */
export function defaultSettings(rng: number): TrainingSettings {
  const settings: Record<string, unknown> = { rng };
  for (const [, key, , fallback] of OPTIONS) if (fallback !== undefined) settings[key] = fallback;
  return settings as unknown as TrainingSettings;
}

/**
 * Splits user options into checked training settings and regularizer
 * keywords. Keys compare after lowercasing and dropping `_` and `-`; a key
 * that is neither an option nor a registered regularizer is an `OptionError`
 * naming close matches.
 */
export function resolveOptions(
  options: TrainOptions,
  networkRng: number,
  scope: DependencyContainer,
): { settings: TrainingSettings; regularizers: Record<string, unknown> } {
  const settings = defaultSettings(networkRng) as unknown as Record<string, unknown>;
  const regularizers: Record<string, unknown> = {};
  const spellings = new Map<string, string>();
  for (const [key, value] of Object.entries((options ?? {}) as Record<string, unknown>)) {
    if (value === undefined) continue;
    const normalized = normalizeKey(key);
    const earlier = spellings.get(normalized);
    if (earlier !== undefined) throw new OptionError(messages.optionTwice(earlier, key), key, [earlier]);
    spellings.set(normalized, key);
    const entry = BY_KEY.get(normalized);
    if (entry) {
      const [name, setting, check] = entry;
      const expected = check(value);
      if (expected) throw new OptionError(messages.badOption(name, describe(value), expected), name);
      settings[setting] = value;
    } else if (normalizeKey(key) === 'regularizers' || isRegistered('regularizer', key, scope)) {
      regularizers[key] = value;
    } else {
      throw unknownKeyword(key, scope);
    }
  }
  const resolved = settings as unknown as TrainingSettings;
  if (resolved.saveEvery !== 0 && resolved.saveProgress === undefined) {
    throw new OptionError(
      messages.badOption('save_every', resolved.saveEvery, 'save_progress as well (the path checkpoints go to)'),
      'save_every',
    );
  }
  return { settings: resolved, regularizers };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && value !== null) return Object.prototype.toString.call(value);
  return String(value);
}

/** The error for a key that is neither an option nor a regularizer: close matches among both, and a plugin that provides it. */
function unknownKeyword(key: string, scope: DependencyContainer): OptionError {
  const regularizers = registeredNames('regularizer');
  const suggestions = closeMatches(key, [...OPTION_NAMES, ...regularizers]);
  let plugin: string | undefined;
  try {
    lookup('regularizer', key, scope);
  } catch (error) {
    if (error instanceof UnknownNameError) plugin = error.plugin;
  }
  return new OptionError(
    messages.unknownOption(key, suggestions, OPTION_NAMES, registeredIds('regularizer'), plugin),
    key,
    suggestions,
  );
}
