import { closeMatches, normalizeKey, rootScope } from '@tsnets/core';
import { resolveOptions } from '@tsnets/trainer';
import { axisValues } from './axes';
import { inputWidth, loadReference, sweepRows } from './data';
import { FoldsError, SweepSpecError } from './errors';
import { sweepMessages } from './messages';
import { loadPlugins } from './plugins';
import { buildNetwork } from './run-trial';
import { SPEC_KEYS, type SweepSpec } from './spec';

const MODEL_KEYS = ['kind', 'layers', 'options'];
const DATA_KEYS = ['source', 'valid', 'rows', 'seed'];
const KINDS = ['regressor', 'classifier', 'autoencoder'];
/** Options a sweep sets itself, with where to set them instead. */
const OWN_OPTIONS: Record<string, string> = {
  rng: '"seeds"',
  signal: "sweep()'s signal",
  valid: '"data.valid" or "folds"',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isSeed = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffffffff;

function expect(ok: boolean, where: string, value: unknown, expected: string): void {
  if (!ok) throw new SweepSpecError(sweepMessages.badSpecValue(where, JSON.stringify(value), expected), where);
}

function knownKeys(where: string, value: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const suggestions = closeMatches(key, known);
    throw new SweepSpecError(sweepMessages.unknownSpecKey(where, key, suggestions, known), key, suggestions);
  }
}

/** The checks that need no data: forms, keys, axes, and every option through the trainer's own resolution. */
function checkForm(spec: SweepSpec): void {
  expect(isObject(spec), 'spec', spec, 'an object');
  knownKeys('spec', spec as unknown as Record<string, unknown>, SPEC_KEYS);
  expect(isObject(spec.model), 'model', spec.model, 'an object { "kind", "layers", "options" }');
  knownKeys('model', spec.model as unknown as Record<string, unknown>, MODEL_KEYS);
  expect(KINDS.includes(spec.model.kind), 'model.kind', spec.model.kind, KINDS.join(', ') + ' (one of)');
  expect(isObject(spec.data), 'data', spec.data, 'an object { "source", "valid", "rows", "seed" }');
  knownKeys('data', spec.data as unknown as Record<string, unknown>, DATA_KEYS);
  const { source, valid, rows, seed } = spec.data;
  expect(typeof source === 'string' && source.length > 0, 'data.source', source, 'a bundled set name or a file path');
  expect(
    valid === undefined || (typeof valid === 'number' && valid > 0 && valid < 1),
    'data.valid',
    valid,
    'in (0, 1)',
  );
  expect(rows === undefined || (Number.isInteger(rows) && rows >= 2), 'data.rows', rows, 'a whole number >= 2');
  expect(seed === undefined || isSeed(seed), 'data.seed', seed, 'an integer seed');
  const architectures = spec.architectures ?? (spec.model.layers ? [spec.model.layers] : undefined);
  expect(
    Array.isArray(architectures) && architectures.length > 0 && architectures.every(Array.isArray),
    spec.architectures ? 'architectures' : 'model.layers',
    architectures,
    'a non-empty list of layer lists, e.g. [[64, [32, "relu"], 10]]',
  );
  const seeds = spec.seeds;
  expect(
    seeds === undefined || (Array.isArray(seeds) && seeds.length > 0 && seeds.every(isSeed)),
    'seeds',
    seeds,
    'a non-empty list of integer seeds',
  );
  expect(
    spec.folds === undefined || (Number.isInteger(spec.folds) && spec.folds >= 2),
    'folds',
    spec.folds,
    'a whole number >= 2',
  );
  const plugins = spec.plugins ?? [];
  expect(
    Array.isArray(plugins) && plugins.every((p) => typeof p === 'string'),
    'plugins',
    plugins,
    'a list of package names',
  );
  loadPlugins(plugins, 'this machine (the sweep)');
  const train = spec.train ?? {};
  expect(isObject(train), 'train', train, 'an object of training options and regularizer keywords');
  const axes = spec.axes ?? {};
  expect(isObject(axes), 'axes', axes, 'an object { option: values }');
  for (const key of [...Object.keys(train), ...Object.keys(axes)]) {
    const own = OWN_OPTIONS[normalizeKey(key)];
    if (own)
      throw new SweepSpecError(
        sweepMessages.badSpecValue(`option "${key}"`, 'set here', `set by the sweep: use ${own}`),
        key,
      );
  }
  resolveOptions(train, 13, rootScope());
  for (const [name, axis] of Object.entries(axes)) {
    for (const value of axisValues(name, axis).values) resolveOptions({ ...train, [name]: value }, 13, rootScope());
  }
}

/**
 * Checks a sweep before any trial runs and returns the data's row count.
 * Malformed keys and values are `SweepSpecError`s (unknown keys name close
 * matches), unknown options and keywords the trainer's own `OptionError`s,
 * an empty axis an `EmptyAxisError`, unreadable data a `SweepDataError`,
 * more folds than examples a `FoldsError`, layers that do not fit the data a
 * `SweepSpecError`, and a plugin that cannot load a `PluginMissingError`.
 */
export async function validateSpec(spec: SweepSpec): Promise<number> {
  checkForm(spec);
  const dataset = await loadReference(spec.data.source, spec.model.kind);
  const rows = sweepRows(dataset, spec.data).length;
  if (spec.folds !== undefined && spec.folds > rows) throw new FoldsError(spec.folds, rows, spec.data.source);
  const architectures = spec.architectures ?? [spec.model.layers ?? []];
  architectures.forEach((layers, i) => {
    const network = buildNetwork({
      kind: spec.model.kind,
      layers,
      modelOptions: { ...(spec.model.options ?? {}) },
      seed: 13,
    });
    const outputs = network.layers[network.layers.length - 1].size;
    const first = network.layers[0].size;
    network.dispose();
    const width = inputWidth(dataset, spec.model.kind, outputs);
    if (first !== width) {
      const where = spec.architectures ? `architectures[${i}]` : 'model.layers';
      throw new SweepSpecError(sweepMessages.layersDoNotFit(i, first, spec.data.source, width), where);
    }
  });
  return rows;
}
