import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ModelFileError } from '../errors/errors';
import { tf } from '../tf';
import type { LayerSpecObject } from './spec';
import type { Network, NetworkOptions } from './network';

/** The format name written into every model file. */
export const FORMAT = 'tsnets-model';
/** The newest format version this build reads and writes. */
export const FORMAT_VERSION = 1;

/** A network class that `load` can rebuild. */
export type ModelClass = new (layers: LayerSpecObject[], options?: NetworkOptions) => Network;

/** Model classes by the kind their files name. */
export const modelKinds = new Map<string, ModelClass>();

interface SavedParameter {
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
}

/** Describes a network as a document (parameters base64-encoded float32). */
export function toDocument(network: Network): ModelDocument {
  const params: Record<string, SavedParameter> = {};
  for (const param of network.params) {
    const values = param.variable.dataSync() as Float32Array;
    params[param.name] = {
      shape: param.shape,
      data: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64'),
    };
  }
  return {
    format: FORMAT,
    version: FORMAT_VERSION,
    kind: (network.constructor as unknown as { KIND: string }).KIND,
    rng: typeof network.rng === 'number' ? network.rng : 13,
    layers: network.layers.map((layer) => layer.toSpec()),
    losses: network.losses.map((loss) => loss.toSpec()),
    params,
  };
}

/** Writes the network to one file, atomically (a temporary file renamed into place); gzipped when the path ends in `.gz`. */
export async function saveNetwork(network: Network, path: string): Promise<void> {
  const json = Buffer.from(JSON.stringify(toDocument(network)));
  const bytes = path.endsWith('.gz') ? gzipSync(json) : json;
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

function parse(path: string, bytes: Buffer): ModelDocument {
  let text: Buffer = bytes;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      text = gunzipSync(bytes);
    } catch {
      throw new ModelFileError(path, 'the gzip data is truncated or corrupt.');
    }
  }
  let document: unknown;
  try {
    document = JSON.parse(text.toString('utf8'));
  } catch {
    throw new ModelFileError(path, 'it is not a tsnets model file (not JSON), or it is truncated.');
  }
  const doc = document as Partial<ModelDocument>;
  if (!doc || typeof doc !== 'object' || doc.format !== FORMAT) {
    throw new ModelFileError(
      path,
      `it is not a tsnets model file (format is ${JSON.stringify(doc?.format)}, expected "${FORMAT}").`,
    );
  }
  if (typeof doc.version !== 'number' || doc.version > FORMAT_VERSION) {
    throw new ModelFileError(
      path,
      `it has format version ${doc.version}, newer than this tsnets reads (${FORMAT_VERSION}). Upgrade tsnets.`,
    );
  }
  if (!Array.isArray(doc.layers) || !Array.isArray(doc.losses) || !doc.params || typeof doc.kind !== 'string') {
    throw new ModelFileError(path, 'the file is incomplete (missing layers, losses, params or kind).');
  }
  return doc as ModelDocument;
}

/** Rebuilds a network from a document. */
export function fromDocument(document: ModelDocument, path = '(document)'): Network {
  const Model = modelKinds.get(document.kind);
  if (!Model)
    throw new ModelFileError(
      path,
      `unknown model kind "${document.kind}" (known: ${[...modelKinds.keys()].join(', ')}).`,
    );
  const layers = document.layers.map((spec) => {
    const { form, ...rest } = spec;
    // Input layers keep their shape; derived sizes are recomputed on bind.
    return { ...rest, form } as LayerSpecObject;
  });
  const [first, ...others] = document.losses;
  const network = new Model(layers, { rng: document.rng, loss: first as never });
  for (const loss of others) network.addLoss(loss as never);
  for (const param of network.params) {
    const saved = document.params[param.name];
    if (!saved) {
      network.dispose();
      throw new ModelFileError(path, `parameter "${param.name}" is missing.`);
    }
    const bytes = Buffer.from(saved.data, 'base64');
    const count = param.shape.reduce((a, b) => a * b, 1);
    if (bytes.length !== count * 4 || saved.shape.join() !== param.shape.join()) {
      network.dispose();
      throw new ModelFileError(
        path,
        `parameter "${param.name}" has shape [${saved.shape}] and ${bytes.length} bytes; expected [${param.shape}].`,
      );
    }
    const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    tf.tidy(() => param.variable.assign(tf.tensor(values, param.shape, 'float32')));
  }
  return network;
}

/** Loads a network saved with `save`. */
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
