/**
 * The model file document and its validator. A model file is data from
 * anywhere: `checkDocument` reads every entry, its type, its limits and its
 * agreement with the stored parameters before any layer or tensor is built,
 * and names the entry that is wrong (`layers[1].size`).
 */
import { ModelFileError } from '../errors/errors';
import { messages } from '../errors/messages';
import { INIT_KEY, OPTION_KEYS } from './spec';
import { parameterChecksum } from './model-checksum';
import { checkHistory } from './model-history';
import type { TrainingHistory } from './history';

/** The format name written into every model file. */
export const FORMAT = 'tsnets-model';
/**
 * The newest format version this build reads and writes. Version 2 added the
 * parameter `checksum`; version 1 files (without one) still load.
 */
export const FORMAT_VERSION = 2;

/** Limits on what a model file may declare; larger values are refused before anything is built. */
export const MODEL_LIMITS = {
  /** Units of one layer, and values of one example of its output (2^24). */
  units: 1 << 24,
  /** Values of one parameter (2^28, 1 GiB of float32). */
  parameterValues: 1 << 28,
  /** Layers of one network. */
  layers: 10_000,
  /** Axes of a layer's or a parameter's shape. */
  rank: 8,
  /** Pieces of a `maxout:K` activation. */
  maxoutPieces: 1 << 16,
} as const;

/** One stored parameter: its shape and its float32 values, little-endian, base64-encoded. */
export interface SavedParameter {
  shape: number[];
  data: string;
}

/** The JSON document of a model file. */
export interface ModelDocument {
  format: string;
  version: number;
  kind: string;
  rng: number;
  layers: Record<string, unknown>[];
  losses: Record<string, unknown>[];
  params: Record<string, SavedParameter>;
  /** `sha256:<hex>` of the parameters (see `parameterChecksum`); required from version 2. */
  checksum?: string;
  /** Classifiers: a name per class, when the model has them. */
  classNames?: string[];
  /** The training runs the model went through (see `TrainingHistory`); optional in every version. */
  history?: TrainingHistory[];
}

/** A document that passed `checkDocument`, with its parameter values decoded. */
export interface CheckedDocument {
  document: ModelDocument;
  values: Map<string, Float32Array>;
  /** The training history, checked, with `null` read back as NaN (empty when the file has none). */
  history: TrainingHistory[];
}

// What a layer spec may hold; a saved one carries no rng, since every layer draws from the network's.
const LAYER_KEYS = new Set([...OPTION_KEYS].filter((key) => key !== 'rng'));
// Padding only at the end; the length checks do the rest. (A pattern with a repeated group overflows
// the stack on the megabytes of a large layer.)
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const FEEDFORWARD_FORMS = new Set(['feedforward', 'ff', 'classifier', 'softmax']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isCount = (value: unknown, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max;

const entryOf = (name: string): string => `params[${JSON.stringify(name)}]`;

/** Reads one document for one file; `fail` throws a `ModelFileError` naming the file and the entry. */
class DocumentCheck {
  constructor(readonly path: string) {}

  fail(entry: string | undefined, reason: string): never {
    throw new ModelFileError(this.path, reason, entry);
  }

  type(entry: string, value: unknown, expected: string): never {
    return this.fail(entry, messages.modelEntryType(expected, value));
  }

  string(entry: string, value: unknown): string {
    if (typeof value !== 'string' || value === '') this.type(entry, value, 'a non-empty string');
    return value;
  }

  count(entry: string, value: unknown, max: number, what: string): number {
    if (typeof value === 'number' && Number.isInteger(value) && value > max)
      this.fail(entry, messages.modelEntryLimit(value, max, what));
    if (!isCount(value, max)) this.type(entry, value, `a whole number from 1 to ${max}`);
    return value;
  }

  shape(entry: string, value: unknown, maxValues: number): number[] {
    if (!Array.isArray(value) || value.length === 0 || value.length > MODEL_LIMITS.rank)
      this.type(entry, value, `an array of 1 to ${MODEL_LIMITS.rank} sizes`);
    let product = 1;
    value.forEach((d, i) => {
      // -1 is a free time axis (recurrent models); the last axis is always a size.
      if (d === -1 && i < value.length - 1) return;
      product *= this.count(`${entry}[${i}]`, d, maxValues, 'values');
      if (product > maxValues) this.fail(entry, messages.modelEntryLimit(product, maxValues, 'values in all'));
    });
    return value as number[];
  }
}

/**
 * Checks a parsed model document completely: every entry's type, the limits
 * of `MODEL_LIMITS`, the layer graph (names, inputs, partners), that every
 * size the layers declare agrees with the stored parameter shapes, the
 * parameter data (length, finite values) and, from version 2, its checksum.
 * Creates no tensor; throws a `ModelFileError` naming `path` and the entry.
 */
export function checkDocument(value: unknown, path: string, kinds: ReadonlySet<string>): CheckedDocument {
  // Annotated, so that TypeScript narrows after `check.fail(...)` (which never returns).
  const check: DocumentCheck = new DocumentCheck(path);
  if (!isObject(value) || value.format !== FORMAT) {
    const format = isObject(value) ? value.format : undefined;
    return check.fail(
      undefined,
      `it is not a tsnets model file (format is ${JSON.stringify(format)}, expected "${FORMAT}").`,
    );
  }
  const { version } = value;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > FORMAT_VERSION)
    check.fail('version', messages.modelVersion(version, FORMAT_VERSION));
  const kind = check.string('kind', value.kind);
  if (!kinds.has(kind)) check.fail('kind', `unknown model kind "${kind}" (known: ${[...kinds].join(', ')}).`);
  const rng = value.rng;
  if (typeof rng !== 'number' || !Number.isInteger(rng) || rng < 0 || rng > 0xffffffff)
    check.type('rng', rng, 'a whole number from 0 to 2^32 - 1');

  const names = value.classNames;
  if (
    names !== undefined &&
    (!kind.endsWith('classifier') || !Array.isArray(names) || !names.every((n) => typeof n === 'string'))
  )
    check.type('classNames', names, 'an array of strings, in a classifier');

  const params = checkParams(check, value.params);
  const layers = checkLayers(check, value.layers);
  checkSizes(check, layers, params);
  checkLosses(check, value.losses, layers);

  const values = new Map<string, Float32Array>();
  for (const [name, saved] of Object.entries(params)) values.set(name, decode(check, name, saved));
  if (version >= 2 || value.checksum !== undefined) {
    const stored = value.checksum;
    if (typeof stored !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(stored))
      check.type('checksum', stored, 'a string "sha256:" followed by 64 hexadecimal digits');
    const computed = parameterChecksum(params, values);
    if (computed !== stored) check.fail('checksum', messages.modelChecksum(stored, computed));
  }
  for (const [name, data] of values) {
    const bad = data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) check.fail(`${entryOf(name)}.data`, messages.modelNonFinite(bad, data[bad]));
  }
  const history = checkHistory(value.history, (entry, expected, found) => check.type(entry, found, expected));
  return { document: value as unknown as ModelDocument, values, history };
}

function checkParams(check: DocumentCheck, value: unknown): Record<string, SavedParameter> {
  if (!isObject(value)) check.type('params', value, 'an object of parameters by name');
  for (const [name, saved] of Object.entries(value)) {
    const entry = entryOf(name);
    if (!isObject(saved)) check.type(entry, saved, 'an object { shape, data }');
    check.shape(`${entry}.shape`, saved.shape, MODEL_LIMITS.parameterValues);
    if (typeof saved.data !== 'string') check.type(`${entry}.data`, saved.data, 'a base64 string');
  }
  return value as unknown as Record<string, SavedParameter>;
}

interface CheckedLayer {
  form: string;
  name: string;
  size: number;
  shape: number[];
  inputs: string[];
  partner?: string;
  activation?: string;
}

function checkLayers(check: DocumentCheck, value: unknown): CheckedLayer[] {
  if (!Array.isArray(value) || value.length === 0) check.type('layers', value, 'a non-empty array of layer specs');
  if (value.length > MODEL_LIMITS.layers)
    check.fail('layers', messages.modelEntryLimit(value.length, MODEL_LIMITS.layers, 'layers'));
  const layers: CheckedLayer[] = [];
  value.forEach((spec: unknown, i) => {
    const entry = `layers[${i}]`;
    if (!isObject(spec)) check.type(entry, spec, 'a layer spec object');
    for (const [key, option] of Object.entries(spec)) {
      if (!LAYER_KEYS.has(key) && !INIT_KEY.test(key)) check.fail(`${entry}.${key}`, 'is not a layer option.');
      if (
        (INIT_KEY.test(key) || ['mean', 'std', 'sparsity', 'diagonal'].includes(key)) &&
        (typeof option !== 'number' || !Number.isFinite(option))
      )
        check.type(`${entry}.${key}`, option, 'a finite number');
    }
    const form = check.string(`${entry}.form`, spec.form).toLowerCase();
    if ((i === 0) !== (form === 'input'))
      check.fail(`${entry}.form`, i === 0 ? 'the first layer must be an input.' : 'only the first layer is an input.');
    const name = check.string(`${entry}.name`, spec.name);
    if (layers.some((layer) => layer.name === name)) check.fail(`${entry}.name`, `the name "${name}" is taken twice.`);
    const size = check.count(`${entry}.size`, spec.size, MODEL_LIMITS.units, 'units');
    const shape = check.shape(`${entry}.shape`, spec.shape, MODEL_LIMITS.units);
    // A channels-first input's shape is in the data's order, channels first.
    const units = spec.channels === 'first' ? shape[0] : shape[shape.length - 1];
    if (units !== size)
      check.fail(
        `${entry}.size`,
        `is ${size}, but the shape [${shape}] ${spec.channels === 'first' ? 'starts' : 'ends'} in ${units}.`,
      );
    if (!Array.isArray(spec.inputs)) check.type(`${entry}.inputs`, spec.inputs, 'an array of output names');
    const inputs = spec.inputs.map((input: unknown, k) => {
      const text = check.string(`${entry}.inputs[${k}]`, input);
      if (!layers.some((layer) => layer.name === text.split(':')[0]))
        check.fail(`${entry}.inputs[${k}]`, `"${text}" is not an output of an earlier layer.`);
      return text;
    });
    if (form !== 'input' && inputs.length === 0) check.fail(`${entry}.inputs`, 'a layer after the input needs inputs.');
    if (spec.activation !== undefined) check.string(`${entry}.activation`, spec.activation);
    if (spec.partner !== undefined) {
      const partner = check.string(`${entry}.partner`, spec.partner);
      if (!layers.some((layer) => layer.name === partner))
        check.fail(`${entry}.partner`, `"${partner}" is not an earlier layer.`);
    }
    layers.push({
      form,
      name,
      size,
      shape,
      inputs,
      partner: spec.partner as string | undefined,
      activation: spec.activation as string | undefined,
    });
  });
  return layers;
}

/** The sizes layers declare must be those of the parameters they will create, so building costs what the file holds. */
function checkSizes(check: DocumentCheck, layers: CheckedLayer[], params: Record<string, SavedParameter>): void {
  const byName = new Map(layers.map((layer) => [layer.name, layer]));
  // A bidirectional layer's parameters belong to its workers, NAME_fw and NAME_bw.
  const prefixes = (layer: CheckedLayer): string[] =>
    layer.form === 'bidirectional' ? [`${layer.name}_fw.`, `${layer.name}_bw.`] : [`${layer.name}.`];
  const owner = (name: string): CheckedLayer | undefined =>
    layers.find((layer) => prefixes(layer).some((prefix) => name.startsWith(prefix) && name.length > prefix.length));
  for (const name of Object.keys(params)) {
    if (!owner(name)) check.fail(entryOf(name), 'no layer of the model has this parameter.');
  }
  const expect = (layerEntry: string, name: string, shape: number[], declared: string): void => {
    const saved = params[name];
    if (!saved) check.fail(entryOf(name), `parameter "${name}" is missing (${layerEntry} needs it).`);
    if (saved.shape.join() !== shape.join())
      check.fail(`${layerEntry}.size`, messages.modelSizeMismatch(declared, `${name} has shape [${saved.shape}]`));
  };
  layers.forEach((layer, i) => {
    const entry = `layers[${i}]`;
    const declared = `the layer "${layer.name}" declares ${layer.size} units`;
    if (FEEDFORWARD_FORMS.has(layer.form)) {
      for (const input of layer.inputs) {
        const source = byName.get(input.split(':')[0]) as CheckedLayer;
        // A layer name alone means its `:out`, as `Layer.resolve` reads it.
        const key = layer.inputs.length === 1 ? 'w' : `w_${input.includes(':') ? input : `${input}:out`}`;
        expect(
          entry,
          `${layer.name}.${key}`,
          [source.size, layer.size],
          `${declared} and reads "${source.name}" of ${source.size}`,
        );
      }
    }
    if (FEEDFORWARD_FORMS.has(layer.form) || layer.form === 'tied')
      expect(entry, `${layer.name}.b`, [layer.size], declared);
    for (const part of (layer.activation ?? '').split('+')) {
      const maxout = /^maxout:(.*)$/i.exec(part.trim());
      if (!maxout) continue;
      const pieces = Number(maxout[1]);
      if (!isCount(pieces, MODEL_LIMITS.maxoutPieces))
        check.type(`${entry}.activation`, layer.activation, `maxout:K with K from 1 to ${MODEL_LIMITS.maxoutPieces}`);
      expect(entry, `${layer.name}.slope`, [layer.size, pieces], `${declared} with ${pieces} maxout pieces`);
    }
  });
}

function checkLosses(check: DocumentCheck, value: unknown, layers: CheckedLayer[]): void {
  if (!Array.isArray(value) || value.length === 0) check.type('losses', value, 'a non-empty array of loss specs');
  value.forEach((spec: unknown, i) => {
    const entry = `losses[${i}]`;
    if (!isObject(spec)) check.type(entry, spec, 'a loss spec object');
    check.string(`${entry}.form`, spec.form);
    if (spec.weight !== undefined && (typeof spec.weight !== 'number' || !Number.isFinite(spec.weight)))
      check.type(`${entry}.weight`, spec.weight, 'a finite number');
    if (spec.weighted !== undefined && typeof spec.weighted !== 'boolean')
      check.type(`${entry}.weighted`, spec.weighted, 'true or false');
    if (spec.target !== undefined && spec.target !== 'array' && spec.target !== 'input')
      check.type(`${entry}.target`, spec.target, '"array" or "input"');
    if (spec.outputName !== undefined) {
      const output = check.string(`${entry}.outputName`, spec.outputName);
      if (!layers.some((layer) => layer.name === output.split(':')[0]))
        check.fail(`${entry}.outputName`, `"${output}" is not an output of a layer of the model.`);
    }
  });
}

function decode(check: DocumentCheck, name: string, saved: SavedParameter): Float32Array {
  const entry = `${entryOf(name)}.data`;
  const count = saved.shape.reduce((a, b) => a * b, 1);
  // Four base64 characters hold three bytes: compare lengths before decoding anything.
  const characters = 4 * Math.ceil((count * 4) / 3);
  if (saved.data.length !== characters)
    check.fail(
      entry,
      `holds ${saved.data.length} base64 characters, but shape [${saved.shape}] needs ${count} float32 values ` +
        `(${characters} characters). The file is truncated or damaged.`,
    );
  if (!BASE64.test(saved.data)) check.fail(entry, 'is not valid base64. The file is damaged.');
  const bytes = Buffer.from(saved.data, 'base64');
  // Padding in the wrong place decodes to fewer bytes than the length promised.
  if (bytes.length !== count * 4)
    check.fail(
      entry,
      `decodes to ${bytes.length} bytes, not the ${count * 4} of shape [${saved.shape}]. The file is damaged.`,
    );
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
