import { createHash } from 'node:crypto';
import type { LayerSpec } from '@tsnets/core';
import { axisValues } from './axes';
import type { ModelKind, SweepData, SweepSpec } from './spec';

/** One training run of a sweep: everything a process needs to run it, and nothing of the data itself. */
export interface Trial {
  /** Hash of everything below but `values`: the same trial has the same id in every run of the sweep. */
  id: string;
  /** Hash of the trial without its fold: the folds of one combination share it. */
  config: string;
  kind: ModelKind;
  layers: LayerSpec[];
  modelOptions: Record<string, unknown>;
  /** The training options and regularizer keywords (base options with this trial's axis values). */
  options: Record<string, unknown>;
  /** The network's and the batch order's seed. */
  seed: number;
  /** The held-out fold (0-based), or null without folds. */
  fold: number | null;
  folds: number | null;
  /** The swept values: each axis, and `architecture` and `seed` when there are several. */
  values: Record<string, unknown>;
  data: SweepData;
  plugins: string[];
}

/** JSON with sorted keys, so equal objects hash equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const hash = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 12);

/** Every combination of the given value lists (the first varies slowest). */
function product(lists: ReadonlyArray<readonly unknown[]>): unknown[][] {
  return lists.reduce<unknown[][]>((combos, list) => combos.flatMap((combo) => list.map((v) => [...combo, v])), [[]]);
}

/** Which axes are on a log scale (log ranges and log draws), for the plot. */
export function logAxes(spec: SweepSpec): string[] {
  return Object.entries(spec.axes ?? {})
    .filter(([name, axis]) => axisValues(name, axis).log)
    .map(([name]) => name);
}

/**
 * The trials of a (validated) sweep: every combination of architecture,
 * seed and axis values, times each fold when `folds` is set.
 */
export function expandTrials(spec: SweepSpec): Trial[] {
  const axes = Object.entries(spec.axes ?? {}).map(([name, axis]) => [name, axisValues(name, axis).values] as const);
  const architectures = spec.architectures ?? [spec.model.layers ?? []];
  const seeds = spec.seeds ?? [13];
  const folds = spec.folds ?? null;
  const data: SweepData = { valid: 0.2, seed: 13, ...spec.data };
  const trials: Trial[] = [];
  for (const [a, s, ...chosen] of product([architectures.map((_, i) => i), seeds, ...axes.map(([, v]) => v)])) {
    const values: Record<string, unknown> = {};
    axes.forEach(([name], i) => (values[name] = chosen[i]));
    if (architectures.length > 1) values.architecture = a;
    if (seeds.length > 1) values.seed = s;
    const base = {
      kind: spec.model.kind,
      layers: architectures[a as number],
      modelOptions: { ...(spec.model.options ?? {}) },
      options: { ...(spec.train ?? {}), ...Object.fromEntries(axes.map(([name], i) => [name, chosen[i]])) },
      seed: s as number,
      folds,
      data,
      plugins: [...(spec.plugins ?? [])],
    };
    const config = hash(base);
    for (const fold of folds === null ? [null] : Array.from({ length: folds }, (_, i) => i)) {
      trials.push({ id: hash({ ...base, fold }), config, ...base, fold, values });
    }
  }
  return trials;
}
