import { promises as fs } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConfigurationError, ModelFileError } from '../errors/errors';
import { messages } from '../errors/messages';
import { tf } from '../tf';
import { parameterChecksum, littleEndian } from './model-checksum';
import { checkDocument, FORMAT, FORMAT_VERSION, type ModelDocument, type SavedParameter } from './model-document';
import { nodeModelFileSystem, writeModelFile, type ModelFileSystem } from './model-write';
import type { LayerSpecObject } from './spec';
import type { Network, NetworkOptions } from './network';

export { FORMAT, FORMAT_VERSION, MODEL_LIMITS, checkDocument, type ModelDocument } from './model-document';
export { nodeModelFileSystem, writeModelFile, type ModelFileSystem } from './model-write';

/** A network class that `load` can rebuild. */
export type ModelClass = new (layers: LayerSpecObject[], options?: NetworkOptions) => Network;

/** Model classes by the kind their files name. */
export const modelKinds = new Map<string, ModelClass>();

/** Describes a network as a document (parameters base64-encoded float32, with their checksum). */
export function toDocument(network: Network): ModelDocument {
  const params: Record<string, SavedParameter> = {};
  const values = new Map<string, Float32Array>();
  for (const param of network.params) {
    const data = param.variable.dataSync() as Float32Array;
    values.set(param.name, data);
    params[param.name] = { shape: param.shape, data: littleEndian(data).toString('base64') };
  }
  return {
    format: FORMAT,
    version: FORMAT_VERSION,
    kind: (network.constructor as unknown as { KIND: string }).KIND,
    rng: typeof network.rng === 'number' ? network.rng : 13,
    layers: network.layers.map((layer) => layer.toSpec()),
    losses: network.losses.map((loss) => loss.toSpec()),
    params,
    checksum: parameterChecksum(params, values),
    ...classNamesOf(network),
    ...(network.history.length > 0 ? { history: network.history } : {}),
  };
}

/** A classifier's class names, as a document entry. */
function classNamesOf(network: Network): { classNames?: string[] } {
  const names = (network as { classNames?: readonly string[] }).classNames;
  return names ? { classNames: [...names] } : {};
}

/**
 * Writes the network to one file, atomically and durably (see
 * `writeModelFile`); gzipped when the path ends in `.gz`. Refuses a network
 * with non-finite parameters, which no load would accept. Every failure is a
 * `ModelFileError` naming `path`. `files` replaces the file operations (tests).
 */
export async function saveNetwork(
  network: Network,
  path: string,
  files: ModelFileSystem = nodeModelFileSystem,
): Promise<void> {
  for (const param of network.params) {
    const values = param.variable.dataSync();
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0)
      throw new ModelFileError(
        path,
        `parameter "${param.name}": ${messages.modelNonFinite(bad, values[bad])}`,
        undefined,
        'save',
      );
  }
  const json = Buffer.from(JSON.stringify(toDocument(network)));
  await writeModelFile(path, path.endsWith('.gz') ? gzipSync(json) : json, files);
}

function parse(path: string, bytes: Buffer): unknown {
  let text: Buffer = bytes;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      text = gunzipSync(bytes);
    } catch {
      throw new ModelFileError(path, 'the gzip data is truncated or corrupt.');
    }
  }
  try {
    return JSON.parse(text.toString('utf8'));
  } catch {
    throw new ModelFileError(path, 'it is not a tsnets model file (not JSON), or it is truncated.');
  }
}

/**
 * Rebuilds a network from a document. The whole document is checked first
 * (`checkDocument`), so a malformed one is a `ModelFileError` naming the entry
 * and creates no tensor; layer, activation and loss ids that are not
 * registered are `UnknownNameError`s, also before any tensor is kept.
 */
export function fromDocument(document: unknown, path = '(document)'): Network {
  const { document: doc, values, history } = checkDocument(document, path, new Set(modelKinds.keys()));
  const Model = modelKinds.get(doc.kind) as ModelClass;
  const layers = doc.layers.map((spec) => ({ ...spec }) as LayerSpecObject);
  let network: Network;
  try {
    const [first, ...others] = doc.losses;
    network = new Model(layers, {
      rng: doc.rng,
      loss: first as never,
      ...(doc.classNames ? { classNames: doc.classNames } : {}),
    });
    try {
      for (const loss of others) network.addLoss(loss as never);
    } catch (error) {
      network.dispose();
      throw error;
    }
  } catch (error) {
    // The network frees what it built when its constructor fails.
    if (error instanceof ConfigurationError) throw new ModelFileError(path, error.message, 'layers', 'load', error);
    throw error;
  }
  const fail = (entry: string, reason: string): never => {
    network.dispose();
    throw new ModelFileError(path, reason, entry);
  };
  const built = new Set(network.params.map((param) => param.name));
  for (const name of values.keys()) {
    if (!built.has(name)) fail(`params[${JSON.stringify(name)}]`, 'no layer of the model has this parameter.');
  }
  for (const param of network.params) {
    const entry = `params[${JSON.stringify(param.name)}]`;
    const saved = doc.params[param.name];
    if (!saved) fail(entry, `parameter "${param.name}" is missing.`);
    if (saved.shape.join() !== param.shape.join())
      fail(`${entry}.shape`, `parameter "${param.name}" has shape [${saved.shape}]; expected [${param.shape}].`);
  }
  for (const param of network.params) {
    const data = values.get(param.name) as Float32Array;
    tf.tidy(() => param.variable.assign(tf.tensor(data, param.shape, 'float32')));
  }
  network.history = history;
  return network;
}

/** Loads a network saved with `save`; every file that cannot be loaded is a `ModelFileError` naming `path`. */
export async function loadNetwork(path: string): Promise<Network> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    throw new ModelFileError(
      path,
      `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
    );
  }
  return fromDocument(parse(path, bytes), path);
}
