/** Saving and loading models: round trips (plain and gzipped) and files that must not load. */
import { expect } from 'chai';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  Autoencoder,
  Classifier,
  FORMAT,
  FORMAT_VERSION,
  ModelFileError,
  Network,
  Regressor,
  tf,
  type LayerSpec,
} from '../src/index';
import { AE_LAYERS, CLF_LAYERS, INPUTS, NUM_INPUTS, REG_LAYERS, leakFree, take } from './helpers';

let dir: string;

before(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'tsnets-core-save-'));
});

after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Loads `path` expecting a ModelFileError naming it; returns the error's reason. */
async function loadFails(path: string): Promise<string> {
  try {
    const net = await Network.load(path);
    net.dispose();
  } catch (error) {
    expect(error).to.be.instanceOf(ModelFileError);
    expect((error as ModelFileError).path).to.equal(path);
    expect((error as Error).message).to.include(path);
    return (error as ModelFileError).reason;
  }
  throw new Error(`loading ${path} should have failed`);
}

type Model = new (layers: LayerSpec[], options?: { rng?: number }) => Network;

describe('save and load', () => {
  const models: Array<[string, Model, LayerSpec[], string]> = [
    ['Regressor', Regressor, REG_LAYERS, 'model.json'],
    ['Classifier', Classifier, CLF_LAYERS, 'model.json.gz'],
    ['Autoencoder', Autoencoder, AE_LAYERS, 'model.json'],
    [
      'tied, prelu and maxout autoencoder',
      Autoencoder,
      [NUM_INPUTS, [5, 'prelu'], [3, 'maxout:2+norm:z'], 'tied', 'tied'],
      'tied.gz',
    ],
    [
      'multi-input regressor',
      Regressor,
      [NUM_INPUTS, 8, { size: 4, inputs: ['hid1', 'in'], activation: 'lgrelu' }],
      'multi',
    ],
  ];
  for (const [what, Model, layers, file] of models) {
    it(
      `round-trips a ${what} (${file}): same class, parameters and predictions`,
      leakFree(async () => {
        const path = join(dir, file);
        const net = new Model(layers, { rng: 21 });
        await net.save(path);
        const loaded = await Network.load(path);
        expect(loaded).to.be.instanceOf(Model);
        expect(loaded.constructor).to.equal(net.constructor);
        expect(loaded.layers.map((l) => [l.name, l.form, l.size, l.activate.name, l.inputs])).to.deep.equal(
          net.layers.map((l) => [l.name, l.form, l.size, l.activate.name, l.inputs]),
        );
        expect(loaded.params.map((p) => p.name)).to.deep.equal(net.params.map((p) => p.name));
        loaded.params.forEach((p, i) => expect(p.value()).to.deep.equal(net.params[i].value()));
        expect(loaded.losses.map((l) => [l.form, l.outputName, l.target, l.weighted])).to.deep.equal(
          net.losses.map((l) => [l.form, l.outputName, l.target, l.weighted]),
        );
        expect(take(loaded.predict(INPUTS))).to.deep.equal(take(net.predict(INPUTS)));
        loaded.dispose();
        net.dispose();
      }),
    );
  }

  it(
    'keeps a trained-looking change to the parameters (not re-initialized on load)',
    leakFree(async () => {
      const path = join(dir, 'changed.json');
      const net = new Regressor(REG_LAYERS);
      const w = net.find('hid1', 'w').variable;
      tf.tidy(() => w.assign(tf.mul(w, 3)));
      await net.save(path);
      const loaded = await Network.load(path);
      expect(loaded.find('hid1', 'w').value()).to.deep.equal(net.find('hid1', 'w').value());
      expect(take(loaded.predict(INPUTS))).to.deep.equal(take(net.predict(INPUTS)));
      loaded.dispose();
      net.dispose();
    }),
  );

  it(
    'writes a gzipped file for .gz and plain JSON otherwise, with format and version',
    leakFree(async () => {
      const net = new Classifier(CLF_LAYERS);
      await net.save(join(dir, 'a.gz'));
      await net.save(join(dir, 'a.json'));
      net.dispose();
      const gz = await fs.readFile(join(dir, 'a.gz'));
      expect([gz[0], gz[1]]).to.deep.equal([0x1f, 0x8b]);
      const doc = JSON.parse(gunzipSync(gz).toString('utf8'));
      expect(doc).to.include({ format: FORMAT, version: FORMAT_VERSION, kind: 'classifier', rng: 13 });
      expect(Object.keys(doc.params)).to.deep.equal(['hid1.w', 'hid1.b', 'hid2.w', 'hid2.b', 'out.w', 'out.b']);
      expect(JSON.parse(await fs.readFile(join(dir, 'a.json'), 'utf8'))).to.deep.equal(doc);
    }),
  );

  it(
    'writes atomically: no temporary file is left, and an existing file is replaced',
    leakFree(async () => {
      const sub = await fs.mkdtemp(join(dir, 'atomic-'));
      const path = join(sub, 'm.json');
      await fs.writeFile(path, 'old');
      const net = new Regressor([2, 1]);
      await net.save(path);
      net.dispose();
      expect(await fs.readdir(sub)).to.deep.equal(['m.json']);
      expect(JSON.parse(await fs.readFile(path, 'utf8')).format).to.equal(FORMAT);
    }),
  );

  describe('files that do not load', () => {
    let saved: Buffer;

    before(async () => {
      const net = new Regressor(REG_LAYERS);
      await net.save(join(dir, 'good.json'));
      net.dispose();
      saved = await fs.readFile(join(dir, 'good.json'));
    });

    it(
      'a missing file',
      leakFree(async () => {
        expect(await loadFails(join(dir, 'nope.json'))).to.match(/cannot be read/);
      }),
    );

    it(
      'a truncated file',
      leakFree(async () => {
        const path = join(dir, 'truncated.json');
        await fs.writeFile(path, saved.subarray(0, saved.length >> 1));
        expect(await loadFails(path)).to.match(/truncated/);
      }),
    );

    it(
      'a truncated gzip file',
      leakFree(async () => {
        const path = join(dir, 'truncated.gz');
        const gz = gzipSync(saved);
        await fs.writeFile(path, gz.subarray(0, gz.length >> 1));
        expect(await loadFails(path)).to.match(/truncated|corrupt/);
      }),
    );

    it(
      'an empty file',
      leakFree(async () => {
        const path = join(dir, 'empty.json');
        await fs.writeFile(path, '');
        await loadFails(path);
      }),
    );

    it(
      'a foreign file (not JSON, or JSON of another format)',
      leakFree(async () => {
        const text = join(dir, 'foreign.txt');
        await fs.writeFile(text, 'hello, world');
        expect(await loadFails(text)).to.match(/not a tsnets model file/);
        const keras = join(dir, 'foreign.json');
        await fs.writeFile(keras, JSON.stringify({ format: 'layers-model', modelTopology: {} }));
        expect(await loadFails(keras)).to.match(/not a tsnets model file.*layers-model/);
        const array = join(dir, 'array.json');
        await fs.writeFile(array, '[1, 2, 3]');
        expect(await loadFails(array)).to.match(/not a tsnets model file/);
      }),
    );

    it(
      'a newer format version',
      leakFree(async () => {
        const path = join(dir, 'newer.json');
        const doc = JSON.parse(saved.toString('utf8'));
        await fs.writeFile(path, JSON.stringify({ ...doc, version: FORMAT_VERSION + 1 }));
        expect(await loadFails(path)).to.match(new RegExp(`version ${FORMAT_VERSION + 1}.*Upgrade`));
      }),
    );

    it(
      'an unknown model kind',
      leakFree(async () => {
        const path = join(dir, 'kind.json');
        const doc = JSON.parse(saved.toString('utf8'));
        await fs.writeFile(path, JSON.stringify({ ...doc, kind: 'gan' }));
        expect(await loadFails(path)).to.match(/unknown model kind "gan"/);
      }),
    );

    it(
      'a file missing a parameter, or with one of the wrong size (frees what it built)',
      leakFree(async () => {
        const doc = JSON.parse(saved.toString('utf8'));
        const missing = join(dir, 'missing-param.json');
        const { 'hid2.w': _, ...params } = doc.params;
        await fs.writeFile(missing, JSON.stringify({ ...doc, params }));
        expect(await loadFails(missing)).to.match(/"hid2\.w" is missing/);
        const wrong = join(dir, 'wrong-param.json');
        const short = { shape: [8, 12], data: Buffer.from(new Float32Array(5).buffer).toString('base64') };
        await fs.writeFile(wrong, JSON.stringify({ ...doc, params: { ...doc.params, 'hid2.w': short } }));
        expect(await loadFails(wrong)).to.match(/shape \[8,12\] needs 96 float32 values/);
      }),
    );

    it(
      'a file without layers',
      leakFree(async () => {
        const path = join(dir, 'incomplete.json');
        const { layers: _, ...doc } = JSON.parse(saved.toString('utf8'));
        await fs.writeFile(path, JSON.stringify(doc));
        expect(await loadFails(path)).to.match(/expected a non-empty array of layer specs/);
      }),
    );
  });
});
