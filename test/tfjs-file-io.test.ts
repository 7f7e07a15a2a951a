import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Classifier, RandomState, tf } from 'tsnets';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'packages', 'tsnets', 'bin', 'tsnets.js');

/**
 * An app that installs only @tensorflow/tfjs and @tsnets/tfjs-file-io (links
 * to this repository's copies): no tsnets, no tfjs-node. It loads the
 * exported model from a path, predicts, saves it again with the same
 * handler, loads that copy and predicts once more.
 */
const APP_SCRIPT = `
const fs = require('node:fs');
const tf = require('@tensorflow/tfjs');
const { fileSystem } = require('@tsnets/tfjs-file-io');
(async () => {
  const [modelJson, inputs, copy] = process.argv.slice(2);
  const x = tf.tensor2d(JSON.parse(fs.readFileSync(inputs, 'utf8')));
  const model = await tf.loadLayersModel(fileSystem(modelJson));
  const first = model.predict(x).arraySync();
  await model.save(fileSystem(copy));
  const again = (await tf.loadLayersModel(fileSystem(copy))).predict(x).arraySync();
  let tsnets = 'absent';
  try { require.resolve('tsnets'); tsnets = 'present'; } catch {}
  console.log(JSON.stringify({ first, again, tsnets, backend: tf.getBackend() }));
})().catch((error) => { console.error(error); process.exitCode = 1; });
`;

function link(app: string, name: string, target: string): void {
  const at = path.join(app, 'node_modules', name);
  fs.mkdirSync(path.dirname(at), { recursive: true });
  fs.symlinkSync(fs.realpathSync(target), at, 'dir');
}

describe('@tsnets/tfjs-file-io: an exported model in an app with plain @tensorflow/tfjs', () => {
  it('loads from a path, predicts what tsnets predicts, and saves a copy that loads', async function () {
    this.timeout(180_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsnets-file-io-'));
    const net = new Classifier([6, [5, 'tanh'], 3], { rng: 4 });
    try {
      const rng = new RandomState(9);
      const x = Array.from({ length: 12 }, () => Array.from(rng.randn(6)));
      await net.save(path.join(dir, 'model.tsnets'));
      execFileSync(process.execPath, [CLI, 'export', path.join(dir, 'model.tsnets'), path.join(dir, 'web-model')], {
        stdio: 'pipe',
      });
      const app = path.join(dir, 'app');
      fs.mkdirSync(app);
      fs.writeFileSync(
        path.join(app, 'package.json'),
        JSON.stringify({ private: true, dependencies: { '@tensorflow/tfjs': '4.22.0', '@tsnets/tfjs-file-io': '*' } }),
      );
      link(app, '@tensorflow/tfjs', path.join(ROOT, 'node_modules', '@tensorflow', 'tfjs'));
      link(app, '@tsnets/tfjs-file-io', path.join(ROOT, 'packages', 'tfjs-file-io'));
      fs.writeFileSync(path.join(app, 'main.js'), APP_SCRIPT);
      fs.writeFileSync(path.join(dir, 'x.json'), JSON.stringify(x));
      const output = execFileSync(
        process.execPath,
        ['main.js', path.join(dir, 'web-model', 'model.json'), path.join(dir, 'x.json'), path.join(dir, 'copy')],
        { cwd: app, encoding: 'utf8', stdio: 'pipe' },
      );
      const { first, again, tsnets } = JSON.parse(output.trim().split('\n').pop() as string);
      expect(tsnets).to.equal('absent');
      const ours = tf.tidy(() => net.predictProba(x).arraySync() as number[][]);
      expect(first).to.have.length(12);
      first.forEach((row: number[], i: number) =>
        row.forEach((value, j) => expect(value).to.be.closeTo(ours[i][j], 1e-5)),
      );
      expect(again).to.deep.equal(first);
      expect(fs.readdirSync(path.join(dir, 'copy')).sort()).to.deep.equal(['model.json', 'weights.bin']);
    } finally {
      net.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
