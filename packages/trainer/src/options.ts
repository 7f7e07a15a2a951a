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
const anything: Check = () => undefined;
const real: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : 'a finite number');

/** Each option: its canonical name, its setting, its check and its default. */
const OPTIONS: ReadonlyArray<[string, keyof TrainingSettings, Check, unknown]> = [
  ['algo', 'algo', text, 'rmsprop'],
  ['subalgo', 'subalgo', text, 'rmsprop'],
  ['learning_rate', 'learningRate', positive, OPTIMIZER_DEFAULTS.learningRate],
  ['momentum', 'momentum', fraction, OPTIMIZER_DEFAULTS.momentum],
  ['nesterov', 'nesterov', bool, OPTIMIZER_DEFAULTS.nesterov],
  ['batch_size', 'batchSize', count, 32],
  ['patience', 'patience', countOrZero, 5],
  ['validate_every', 'validateEvery', count, 10],
  ['min_improvement', 'minImprovement', nonNegative, 0],
  ['max_gradient_norm', 'maxGradientNorm', nonNegative, OPTIMIZER_DEFAULTS.maxGradientNorm],
  ['max_gradient_elem', 'maxGradientElem', nonNegative, OPTIMIZER_DEFAULTS.maxGradientElem],
  ['rms_halflife', 'rmsHalflife', positive, OPTIMIZER_DEFAULTS.rmsHalflife],
  ['rms_regularizer', 'rmsRegularizer', nonNegative, OPTIMIZER_DEFAULTS.rmsRegularizer],
  ['beta1_halflife', 'beta1Halflife', positive, OPTIMIZER_DEFAULTS.beta1Halflife],
  ['beta2_halflife', 'beta2Halflife', positive, OPTIMIZER_DEFAULTS.beta2Halflife],
  ['rprop_increase', 'rpropIncrease', positive, OPTIMIZER_DEFAULTS.rpropIncrease],
  ['rprop_decrease', 'rpropDecrease', positive, OPTIMIZER_DEFAULTS.rpropDecrease],
  ['rprop_min_step', 'rpropMinStep', nonNegative, OPTIMIZER_DEFAULTS.rpropMinStep],
  ['rprop_max_step', 'rpropMaxStep', positive, OPTIMIZER_DEFAULTS.rpropMaxStep],
  ['max_updates', 'maxUpdates', count, Infinity],
  ['iteration_size', 'iterationSize', count, undefined],
  ['monitors', 'monitors', object, undefined],
  ['rng', 'rng', seed, undefined],
  ['signal', 'signal', signal, undefined],
  ['valid', 'valid', anything, undefined],
  ['save_every', 'saveEvery', real, 0],
  ['save_progress', 'saveProgress', text, undefined],
];

/** The canonical (snake_case) names of every training option. */
export const OPTION_NAMES: readonly string[] = OPTIONS.map(([name]) => name);

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
