/**
 * Property: whatever happens to a saved model file (entries deleted or
 * replaced by values of other types, huge sizes, NaN, flipped characters in
 * the parameter data or anywhere in the text, truncation), `load` gives a
 * model identical to the saved one or throws a ModelFileError (an
 * UnknownNameError for an id that is not registered), never anything else,
 * and leaves the number of live tensors as it was. Seeded: a failure prints
 * the seed and path to replay it.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Autoencoder,
  ModelFileError,
  Network,
  Regressor,
  UnknownNameError,
  fromDocument,
  tf,
  toDocument,
  type ModelDocument,
} from '../src/index';
import { INPUTS, NUM_INPUTS, take } from './helpers';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every path into a JSON value, e.g. ['layers', 1, 'size']. */
function pathsOf(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const paths = [prefix];
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      paths.push(...pathsOf(value[key], [...prefix, Array.isArray(value) ? Number(key) : key]));
    }
  }
  return paths;
}

function parentOf(doc: Json, path: Array<string | number>): [Json, string | number] {
  let node = doc;
  for (const key of path.slice(0, -1)) node = node[key];
  return [node, path[path.length - 1]];
}

/** Values a damaged or hostile file may hold where something else belongs. */
const hostile = fc.constantFrom<unknown>(
  null,
  undefined,
  0,
  -1,
  12,
  1.5,
  1e7,
  1e9,
  2 ** 31,
  NaN,
  Infinity,
  '',
  'x',
  '12',
  'maxout:1000000000',
  [],
  [12],
  [1e9],
  [-3, 4],
  {},
  { shape: [2], data: 'AAAAAAAAAAA=' },
  true,
);

type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'flip'; param: number; position: number; char: string }
  | { kind: 'nan'; param: number; index: number; value: number }
  | { kind: 'resize'; layer: number; size: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: hostile }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('flip' as const),
    param: fc.nat(),
    position: fc.nat(),
    char: fc.constantFrom('A', 'B', '/', '+', '=', '!', 'z', '0'),
  }),
  fc.record({
    kind: fc.constant('nan' as const),
    param: fc.nat(),
    index: fc.nat(),
    value: fc.constantFrom(NaN, Infinity, -Infinity),
  }),
  fc.record({
    kind: fc.constant('resize' as const),
    layer: fc.nat(),
    size: fc.constantFrom(0, 3, 9, 1e5, 1e7, 1e9, 2 ** 24 + 1),
  }),
);

function mutate(doc: Json, m: Mutation): void {
  const params = doc.params !== null && typeof doc.params === 'object' ? Object.keys(doc.params) : [];
  if (params.length === 0 && (m.kind === 'flip' || m.kind === 'nan')) return;
  if (m.kind === 'replace' || m.kind === 'delete') {
    const paths = pathsOf(doc).slice(1);
    const [parent, key] = parentOf(doc, paths[m.at % paths.length]);
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else parent[key] = structuredClone(m.value);
  } else if (m.kind === 'flip') {
    const saved = doc.params[params[m.param % params.length]];
    if (typeof saved?.data !== 'string' || saved.data.length === 0) return;
    const i = m.position % saved.data.length;
    saved.data = saved.data.slice(0, i) + m.char + saved.data.slice(i + 1);
  } else if (m.kind === 'nan') {
    const saved = doc.params[params[m.param % params.length]];
    if (typeof saved?.data !== 'string') return;
    const bytes = Buffer.from(saved.data, 'base64');
    if (bytes.length < 4) return;
    bytes.writeFloatLE(m.value, 4 * (m.index % Math.floor(bytes.length / 4)));
    saved.data = bytes.toString('base64');
  } else {
    const layers = Array.isArray(doc.layers) ? doc.layers : [];
    const layer = layers[m.layer % Math.max(layers.length, 1)];
    if (layer === null || typeof layer !== 'object') return;
    layer.size = m.size;
    layer.shape = Array.isArray(layer.shape) ? [...layer.shape.slice(0, -1), m.size] : [m.size];
  }
}

/** Loads with `load`, then checks the outcome: an identical model, or a typed error; no tensor kept. */
function expectIdenticalOrRefused(original: Network, load: () => Network | Promise<Network>): Promise<void> | void {
  const before = tf.memory().numTensors;
  const started = Date.now();
  const judge = (loaded: Network | undefined, error: unknown): void => {
    // Small models load in milliseconds; a declared size that is believed costs seconds or more.
    expect(Date.now() - started, 'milliseconds to load or refuse').to.be.below(2000);
    if (error !== undefined) {
      if (!(error instanceof ModelFileError || error instanceof UnknownNameError)) throw error;
      expect(tf.memory().numTensors, 'tensors after a refused load').to.equal(before);
      return;
    }
    const model = loaded as Network;
    expect(model.params.map((p) => p.name)).to.deep.equal(original.params.map((p) => p.name));
    model.params.forEach((p, i) => expect(p.value()).to.deep.equal(original.params[i].value()));
    expect(take(model.predict(INPUTS))).to.deep.equal(take(original.predict(INPUTS)));
    model.dispose();
    expect(tf.memory().numTensors, 'tensors after disposing the loaded model').to.equal(before);
  };
  let result: Network | Promise<Network>;
  try {
    result = load();
  } catch (error) {
    return judge(undefined, error);
  }
  if (result instanceof Promise)
    return result.then(
      (model) => judge(model, undefined),
      (error) => judge(undefined, error),
    );
  return judge(result, undefined);
}

describe('model files, property-based', () => {
  const nets: Array<[string, Network]> = [];
  let dir: string;

  before(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'tsnets-model-property-'));
    nets.push(['regressor', new Regressor([NUM_INPUTS, [6, 'tanh'], 5], { rng: 3 })]);
    nets.push([
      'maxout and tied autoencoder',
      new Autoencoder([NUM_INPUTS, [5, 'prelu'], [3, 'maxout:2'], 'tied', 'tied']),
    ]);
    nets.push([
      'multi-input regressor',
      new Regressor([NUM_INPUTS, 4, { size: 3, inputs: ['hid1', 'in'] }], { weighted: true }),
    ]);
  });
  after(async () => {
    for (const [, net] of nets) net.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('a mutated document loads identical or is refused with a typed error, leaking nothing', () => {
    fc.assert(
      fc.property(fc.nat(nets.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, mutations) => {
        const net = nets[which][1];
        const doc = JSON.parse(JSON.stringify(toDocument(net)));
        for (const m of mutations) mutate(doc, m);
        expectIdenticalOrRefused(net, () => fromDocument(doc as ModelDocument, 'm.json'));
      }),
      { seed: 20261127, numRuns: 1000 },
    );
  });

  it('a file with a flipped byte or cut short loads identical or is refused with a ModelFileError naming it', async () => {
    const saved = await Promise.all(
      nets.map(async ([, net], i) => {
        await net.save(join(dir, `m${i}.json`));
        return fs.readFile(join(dir, `m${i}.json`));
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.nat(nets.length - 1),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.boolean(),
        async (which, position, byte, truncate) => {
          const bytes = Buffer.from(saved[which]);
          const at = position % bytes.length;
          const path = join(dir, 'mutated.json');
          if (truncate) await fs.writeFile(path, bytes.subarray(0, at));
          else {
            bytes[at] = byte;
            await fs.writeFile(path, bytes);
          }
          await expectIdenticalOrRefused(nets[which][1], () =>
            Network.load(path).catch((error: unknown) => {
              if (error instanceof ModelFileError) expect(error.path).to.equal(path);
              throw error;
            }),
          );
        },
      ),
      { seed: 20261128, numRuns: 500 },
    );
  });
});
