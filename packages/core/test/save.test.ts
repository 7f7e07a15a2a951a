/** Saving and loading models: round trips (plain and gzipped) and files that must not load. */
import { expect } from 'chai';
import { promises as fs } from 'node:fs';
import { execFileSync } from 'node:child_process';
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
import { nodeModelFileSystem, saveNetwork, type ModelFileSystem } from '../src/graph/save';
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
        expect(await loadFails(join(dir, 'nope.json'))).to.match(/cannot be read \(ENOENT\)/);
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
        expect(await loadFails(path)).to.equal('the gzip data is truncated or corrupt.');
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

  describe('atomic save', () => {
    let net: Regressor;
    let sub: string;
    let target: string;
    const OLD = Buffer.from('the old model, byte for byte\n');

    before(() => {
      net = new Regressor(REG_LAYERS);
    });
    after(() => net.dispose());
    beforeEach(async () => {
      sub = await fs.mkdtemp(join(dir, 'atomic-'));
      target = join(sub, 'm.json');
      await fs.writeFile(target, OLD);
    });

    /** Saves with one file operation replaced; expects a ModelFileError naming the target, the old file intact, no temporary left. */
    async function saveFails(replace: Partial<ModelFileSystem>, reason: RegExp): Promise<void> {
      const files = { ...nodeModelFileSystem, ...replace };
      try {
        await saveNetwork(net, target, files);
      } catch (error) {
        expect(error, String(error)).to.be.instanceOf(ModelFileError);
        const failure = error as ModelFileError;
        expect([failure.path, failure.operation]).to.deep.equal([target, 'save']);
        expect(failure.message).to.include(`Cannot save model to "${target}"`).and.not.include('tsnets-tmp');
        expect(failure.reason).to.match(reason);
        expect(await fs.readFile(target)).to.deep.equal(OLD);
        expect(await fs.readdir(sub)).to.deep.equal(['m.json']);
        return;
      }
      throw new Error('the save should have failed');
    }

    const errno = (code: string): Error => Object.assign(new Error(`${code}: injected`), { code });

    it('a failing rename leaves the old file byte-identical and no temporary file', async () => {
      await saveFails({ rename: () => Promise.reject(errno('EXDEV')) }, /EXDEV/);
    });

    it('a write that fails half way (disk full) leaves the old file and no temporary file', async () => {
      const writeHalf = async (path: string, bytes: Uint8Array): Promise<void> => {
        await fs.writeFile(path, bytes.subarray(0, bytes.length >> 1));
        throw errno('ENOSPC');
      };
      await saveFails({ writeFile: writeHalf }, /the disk is full \(ENOSPC\)/);
    });

    it('says what each refusal of the file system means, and names an unknown one by its code', async () => {
      const reasons: Array<[string, RegExp]> = [
        ['EDQUOT', /^the disk quota is exhausted \(EDQUOT\)\. /],
        ['EACCES', /^permission denied \(EACCES\)\. /],
        ['EPERM', /^the operation is not permitted \(EPERM\)\. /],
        ['EROFS', /^the file system is read-only \(EROFS\)\. /],
        ['ENOTDIR', /^a part of the path is not a folder \(ENOTDIR\)\.$/],
        ['EISDIR', /^the target is a folder \(EISDIR\)\. /],
        ['EXDEV', /^the file system refused \(EXDEV\)\.$/],
      ];
      for (const [code, reason] of reasons) await saveFails({ rename: () => Promise.reject(errno(code)) }, reason);
    });

    it('gives the message of a failure without a code, and of a rejection that is not an Error', async () => {
      await saveFails({ rename: () => Promise.reject(new Error('no rename today')) }, /^no rename today\.$/);
      await saveFails({ rename: () => Promise.reject(undefined) }, /^undefined\.$/);
    });

    it('a failing fsync of the folder before the rename leaves the old file', async () => {
      await saveFails({ syncFolder: () => Promise.reject(errno('EIO')) }, /EIO/);
    });

    it('fsyncs the file and then its folder before renaming, and the folder after', async () => {
      const calls: string[] = [];
      const files: ModelFileSystem = {
        ...nodeModelFileSystem,
        writeFile: async (path, bytes) => {
          calls.push('write');
          await nodeModelFileSystem.writeFile(path, bytes);
        },
        syncFolder: async (path) => {
          calls.push(`sync ${path === sub ? 'folder' : path}`);
          await nodeModelFileSystem.syncFolder(path);
        },
        rename: async (from, to) => {
          calls.push('rename');
          await nodeModelFileSystem.rename(from, to);
        },
      };
      await saveNetwork(net, target, files);
      expect(calls).to.deep.equal(['write', 'sync folder', 'rename', 'sync folder']);
      // The real writeFile fsyncs the file it wrote before closing it.
      const probe = await fs.open(target, 'r');
      const proto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
      await probe.close();
      const sync = proto.sync;
      let synced = 0;
      proto.sync = function (this: unknown) {
        synced += 1;
        return sync.call(this);
      };
      try {
        await nodeModelFileSystem.writeFile(join(sub, 'probe'), Buffer.from('x'));
      } finally {
        proto.sync = sync;
      }
      expect(synced).to.equal(1);
    });

    it('removes temporary files of killed saves of the same target, and nothing else', async () => {
      const dead = `.m.json.2147483646-deadbeef.tsnets-tmp`; // no process has this pid
      const mine = `.m.json.${process.pid}-0badc0de.tsnets-tmp`; // this process, but no save is writing it
      const live = `.m.json.1-cafe.tsnets-tmp`; // pid 1 runs: a save in progress elsewhere
      const other = `.n.json.2147483646-deadbeef.tsnets-tmp`; // another target's
      // Names that only look like temporaries: no pid first, or more after the random part.
      const odd = [`.m.json.x2147483646-deadbeef.tsnets-tmp`, `.m.json.2147483646-deadbeef-x.tsnets-tmp`];
      for (const name of [dead, mine, live, other, ...odd, 'notes.txt']) await fs.writeFile(join(sub, name), 'partial');
      await net.save(target);
      expect((await fs.readdir(sub)).sort()).to.deep.equal([live, other, ...odd, 'm.json', 'notes.txt'].sort());
      expect(JSON.parse(await fs.readFile(target, 'utf8')).format).to.equal(FORMAT);
    });

    it('names the target, not the temporary file, when the folder does not exist', async () => {
      const missing = join(sub, 'no-such-folder', 'm.json');
      try {
        await net.save(missing);
        throw new Error('should fail');
      } catch (error) {
        expect(error).to.be.instanceOf(ModelFileError);
        expect((error as ModelFileError).path).to.equal(missing);
        expect((error as Error).message)
          .to.match(/folder does not exist \(ENOENT\)/)
          .and.not.include('tsnets-tmp');
      }
    });

    it(
      'refuses to save NaN parameters, which no load would accept',
      leakFree(async () => {
        const broken = new Regressor([2, 1]);
        const w = broken.find('out', 'w').variable;
        tf.tidy(() => w.assign(tf.fill(w.shape, NaN)));
        await saveFailsWith(broken, /"out.w": value 0 is NaN/);
        broken.dispose();
        expect(await fs.readFile(target)).to.deep.equal(OLD);
      }),
    );

    async function saveFailsWith(model: Network, reason: RegExp): Promise<void> {
      try {
        await model.save(target);
      } catch (error) {
        expect(error).to.be.instanceOf(ModelFileError);
        expect((error as ModelFileError).operation).to.equal('save');
        expect((error as ModelFileError).reason).to.match(reason);
        return;
      }
      throw new Error('the save should have failed');
    }

    it('on a full disk (a 64 KiB tmpfs), keeps the old file and names the target', async function () {
      const mount = await fs.mkdtemp(join(dir, 'full-'));
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount], { stdio: 'pipe' });
      } catch (error) {
        const reason = String((error as { stderr?: Buffer }).stderr ?? error).trim();
        console.log(`      (skipped: cannot mount a small tmpfs here: ${reason})`);
        this.skip();
      }
      try {
        const path = join(mount, 'm.json');
        const small = new Regressor([2, 1]);
        await small.save(path);
        small.dispose();
        const old = await fs.readFile(path);
        const big = new Regressor([NUM_INPUTS, 3000, 1]); // about 200 KB of JSON: more than the disk holds
        try {
          await big.save(path);
          throw new Error('the save should have failed on a full disk');
        } catch (error) {
          expect(error, String(error)).to.be.instanceOf(ModelFileError);
          expect((error as ModelFileError).path).to.equal(path);
          expect((error as ModelFileError).reason).to.match(/ENOSPC/);
        } finally {
          big.dispose();
        }
        expect(await fs.readFile(path)).to.deep.equal(old);
        expect(await fs.readdir(mount)).to.deep.equal(['m.json']);
      } finally {
        execFileSync('umount', [mount]);
      }
    });
  });
});
