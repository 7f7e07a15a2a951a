import { RandomState } from '@tsnets/core';
import { EmptyAxisError, SweepSpecError } from './errors';
import { sweepMessages } from './messages';
import type { Axis, LogAxis, RandomAxis } from './spec';

/** The values of one axis, and whether they lie on a log scale (the plot's x axis follows). */
export interface AxisValues {
  values: unknown[];
  log: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const finitePair = (value: unknown): value is [number, number] =>
  Array.isArray(value) &&
  value.length === 2 &&
  value.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
  value[0] <= value[1];

/** Rounds to 6 significant digits, so log-spaced values read well in tables and hash the same everywhere. */
const tidy = (value: number): number => Number(value.toPrecision(6));

function bad(axis: string, value: unknown, expected: string): SweepSpecError {
  return new SweepSpecError(sweepMessages.badSpecValue(`axis "${axis}"`, JSON.stringify(value), expected), axis);
}

function count(axis: string, value: unknown, fallback?: number): number {
  const n = value ?? fallback;
  if (n === 0) throw new EmptyAxisError(axis);
  if (!Number.isInteger(n) || (n as number) < 0) throw bad(axis, value, 'a whole number of values >= 1 ("count")');
  return n as number;
}

function logRange(axis: string, spec: LogAxis): number[] {
  if (!finitePair(spec.log) || spec.log[0] <= 0) throw bad(axis, spec.log, 'a [low, high] pair of numbers > 0');
  const n = count(axis, spec.count, 5);
  const [lo, hi] = spec.log.map(Math.log10);
  if (n === 1) return [tidy(spec.log[0])];
  return Array.from({ length: n }, (_, i) => tidy(10 ** (lo + ((hi - lo) * i) / (n - 1))));
}

function randomDraws(axis: string, spec: RandomAxis): number[] {
  if (!finitePair(spec.random) || (spec.log && spec.random[0] <= 0)) {
    throw bad(axis, spec.random, spec.log ? 'a [low, high] pair of numbers > 0' : 'a [low, high] pair of numbers');
  }
  const n = count(axis, spec.count);
  const rng = new RandomState(spec.seed ?? 13);
  const [lo, hi] = spec.log ? spec.random.map(Math.log10) : spec.random;
  return Array.from(rng.rand(n), (u) => tidy(spec.log ? 10 ** (lo + (hi - lo) * u) : lo + (hi - lo) * u));
}

/**
 * The values of an axis: a list as given, a log range (`{ log: [lo, hi],
 * count }`) spread evenly in log space, or seeded uniform draws
 * (`{ random: [lo, hi], count, seed, log }`). An empty list or a count of 0
 * is an `EmptyAxisError`; any other form a `SweepSpecError`.
 */
export function axisValues(axis: string, spec: Axis): AxisValues {
  if (Array.isArray(spec)) {
    if (spec.length === 0) throw new EmptyAxisError(axis);
    return { values: [...(spec as unknown[])], log: false };
  }
  if (isObject(spec) && 'log' in spec && !('random' in spec)) {
    const extra = Object.keys(spec).filter((key) => key !== 'log' && key !== 'count');
    if (extra.length) throw bad(axis, spec, 'a log range { "log": [low, high], "count": N }');
    return { values: logRange(axis, spec as LogAxis), log: true };
  }
  if (isObject(spec) && 'random' in spec) {
    const extra = Object.keys(spec).filter((key) => !['random', 'count', 'seed', 'log'].includes(key));
    if (extra.length) throw bad(axis, spec, 'random draws { "random": [low, high], "count": N, "seed": S }');
    const random = spec as RandomAxis;
    return { values: randomDraws(axis, random), log: random.log === true };
  }
  throw bad(
    axis,
    spec,
    'a list of values, { "log": [low, high], "count": N } or { "random": [low, high], "count": N }',
  );
}
