import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Network, Regressor } from 'tsnets';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * A process that saves ever-changing models of about 4 MB to one path, in a
 * loop, and prints `saved N` after each save; the test kills it with
 * SIGKILL at some point during the loop. Where a kill lands is chance (the
 * write is a small part of each save); the injected failures of
 * packages/core/test/save.test.ts pin the atomic write down exactly.
 */
const SAVER = `
const { Regressor, tf } = require('tsnets');
const target = process.argv[1]; // node -e CODE TARGET
(async () => {
  const net = new Regressor([1000, 1000, 10], { rng: 1 });
  for (let i = 1; ; i++) {
    const w = net.find('hid1', 'w').variable;
    tf.tidy(() => w.assign(tf.add(w, 0.001)));
    await net.save(target);
    process.stdout.write('saved ' + i + '\\n');
  }
})();
`;

/** Starts the saver and kills it with SIGKILL after `delayMs` past its first save; the number of saves it reported. */
function killMidSave(target: string, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', SAVER, target], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let saves = 0;
    let timer: NodeJS.Timeout | undefined;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      saves = Number(/saved (\d+)\n?$/.exec(chunk.toString().trim())?.[1] ?? saves);
      timer ??= setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`the saver ended by itself:\n${stderr}`));
      else resolve(saves);
    });
  });
}

describe('a save killed part-way (SIGKILL) never leaves a model file that fails to load', function () {
  this.timeout(300_000);

  it('after kills at several points of the save loop, the file loads as one of the saved models', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsnets-save-kill-'));
    const target = path.join(dir, 'model.tsnets.gz');
    try {
      for (const delay of [5, 23, 37, 61, 80, 113, 150, 260]) {
        const saves = await killMidSave(target, delay);
        expect(saves, 'the saver completed a save before the kill').to.be.at.least(1);
        const loaded = await Network.load(target);
        expect(loaded).to.be.instanceOf(Regressor);
        // Each save adds 0.001 to every weight of hid1; the file holds a whole save's worth.
        const w = loaded.find('hid1', 'w').variable.dataSync();
        const start = new Regressor([1000, 1000, 10], { rng: 1 });
        const w0 = start.find('hid1', 'w').variable.dataSync();
        const steps = Math.round((w[0] - w0[0]) / 0.001);
        expect(steps).to.be.at.least(1);
        for (const i of [1, 4_999, 999_999]) expect(w[i] - w0[i]).to.be.closeTo(steps * 0.001, 1e-4);
        start.dispose();
        loaded.dispose();
      }
      // A later save of the same target clears what killed saves left behind.
      const net = new Regressor([3, 2]);
      await net.save(target);
      net.dispose();
      expect(fs.readdirSync(dir)).to.deep.equal(['model.tsnets.gz']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
