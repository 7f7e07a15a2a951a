import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network, tf } from '@tsnets/core';
import '../src/index';
import { finish, run, start, waitForOutput, type Run } from './cli-helpers';

const SMALL = ['--model', 'classifier', '--layers', '64,32:relu,10', '--data', 'digits', '--algo', 'adam'];
/** Trains until stopped: validation after every epoch, no patience or epoch limit in reach. */
const ENDLESS = [...SMALL, '--validate-every', '1', '--max-updates', '100000', '--patience', '100000'];
const FIRST_EPOCH = /epoch\s+1 /;

/** Loads a saved model and checks that its parameters are finite and it predicts for two examples. */
async function expectLoads(file: string): Promise<void> {
  const net = await Network.load(file);
  try {
    for (const param of net.params) {
      expect(
        tf.tidy(() => tf.all(tf.isFinite(param.variable)).dataSync()[0]),
        param.name,
      ).to.equal(1);
    }
    expect(tf.tidy(() => net.predict(tf.ones([2, 64])).shape[0])).to.equal(2);
  } finally {
    net.dispose();
  }
}

describe('cli: training is never thrown away', function () {
  this.timeout(120000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(join(tmpdir(), 'tsnets-save-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const signals: Array<[NodeJS.Signals, number]> = [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ];
  for (const [signal, code] of signals) {
    it(`${signal} after the first epoch stops after the batch, saves the best parameters and exits ${code}`, async () => {
      const saved = join(dir, 'interrupted.tsnets');
      const child = start(['train', ...ENDLESS, '--save', saved]);
      const done = finish(child);
      await waitForOutput(child, FIRST_EPOCH);
      child.kill(signal);
      const result = await done;
      expect(result.code, result.stderr).to.equal(code);
      expect(result.stdout).to.match(new RegExp(`stopped after \\d+ epochs \\(interrupted by ${signal}\\)`));
      expect(result.stdout).to.include(`saved ${saved}`);
      await expectLoads(saved);
    });
  }

  it('a second stop signal exits at once, with its own code', async () => {
    const saved = join(dir, 'twice.tsnets');
    const child = start(['train', ...ENDLESS, '--save', saved]);
    const done = finish(child);
    await waitForOutput(child, FIRST_EPOCH);
    // Back to back, both are pending at once; the kernel delivers them in either order.
    child.kill('SIGTERM');
    child.kill('SIGHUP');
    const result = await done;
    const again = /(SIGHUP|SIGTERM) again: exiting now/.exec(result.stderr);
    expect(again, result.stderr).to.not.equal(null);
    expect(result.code, result.stderr).to.equal(again?.[1] === 'SIGHUP' ? 129 : 143);
    expect(result.stdout).to.not.match(/^saved /m);
  });

  const targets: Array<[string, (dir: string) => string, RegExp]> = [
    [
      'a missing folder',
      (d) => join(d, 'missing', 'model.tsnets'),
      /--save: the folder of ".*missing\/model\.tsnets".*does not exist/,
    ],
    ['a folder', (d) => d, /--save: ".*" is a folder/],
    [
      'a folder that is a file',
      (d) => {
        fs.writeFileSync(join(d, 'file'), '');
        return join(d, 'file', 'model.tsnets');
      },
      /--save: the folder of .* is not a folder/,
    ],
  ];
  for (const [what, target, message] of targets) {
    it(`--save into ${what} is a usage error (exit 2) before training starts`, async () => {
      const result = await run(['train', ...SMALL, '--max-updates', '1', '--save', target(dir)]);
      expect(result.code, result.stderr).to.equal(2);
      expect(result.stderr.trim().split('\n')).to.have.length(1);
      expect(result.stderr).to.match(message);
      expect(result.stdout).to.not.match(/epoch/);
    });
  }

  /** The fallback file a failed save names on stderr, checked to lie in `rescue`. */
  function fallbackOf(result: Run, rescue: string, code: string): string {
    const match = /could not write ".*" \((\w+)\); the trained model was saved to (\S+) instead/.exec(result.stderr);
    expect(match, result.stderr).to.not.equal(null);
    expect(match?.[1]).to.equal(code);
    const fallback = match?.[2] as string;
    expect(fallback.startsWith(rescue), fallback).to.equal(true);
    expect(fallback).to.match(/model\.tsnets$/);
    return fallback;
  }

  it('a save that fails after training (its folder replaced by a file) goes to a fallback path it names', async () => {
    const folder = join(dir, 'out');
    const rescue = join(dir, 'rescue');
    fs.mkdirSync(folder);
    fs.mkdirSync(rescue);
    const child = start(['train', ...ENDLESS, '--save', join(folder, 'model.tsnets')], {
      env: { ...process.env, TMPDIR: rescue },
    });
    const done = finish(child);
    await waitForOutput(child, FIRST_EPOCH);
    fs.rmSync(folder, { recursive: true });
    fs.writeFileSync(folder, 'not a folder any more');
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code, result.stderr).to.equal(1);
    expect(result.stderr.trim().split('\n')).to.have.length(1);
    await expectLoads(fallbackOf(result, rescue, 'ENOTDIR'));
  });

  describe('on a full disk', () => {
    let mounted: string | undefined;
    before(function () {
      const point = fs.mkdtempSync(join(tmpdir(), 'tsnets-full-'));
      try {
        // 8 KiB: less than the model file of the small classifier (about 13 KB).
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8k', 'tmpfs', point], { stdio: 'pipe' });
        mounted = point;
      } catch (error) {
        fs.rmSync(point, { recursive: true, force: true });
        console.log(`      skipped: cannot mount a small tmpfs here (${(error as Error).message.split('\n')[0]})`);
        this.skip();
      }
    });
    after(() => {
      if (!mounted) return;
      execFileSync('umount', [mounted]);
      fs.rmSync(mounted, { recursive: true, force: true });
    });

    it('a save that fails with ENOSPC goes to a fallback path it names', async () => {
      const rescue = join(dir, 'rescue');
      fs.mkdirSync(rescue);
      const target = join(mounted as string, 'model.tsnets');
      const result = await run(['train', ...SMALL, '--max-updates', '2', '--save', target], {
        env: { ...process.env, TMPDIR: rescue },
      });
      expect(result.code, result.stderr).to.equal(1);
      expect(fs.readdirSync(mounted as string)).to.deep.equal([]); // no temporary file left behind
      await expectLoads(fallbackOf(result, rescue, 'ENOSPC'));
    });
  });

  it('a NaN stop still saves the best parameters with --save (exit 1)', async () => {
    const saved = join(dir, 'diverged.tsnets');
    const result = await run([
      'train',
      '--model',
      'regressor',
      '--layers',
      '64,32:relu,1',
      '--data',
      'digits',
      '--algo',
      'sgd',
      '--learning-rate',
      '1e6',
      '--max-updates',
      '5',
      '--save',
      saved,
    ]);
    expect(result.code, result.stderr).to.equal(1);
    expect(result.stderr).to.match(/The training loss became (NaN|Infinity)/);
    expect(result.stdout).to.match(/saved the best parameters \(valid loss [0-9.]+\) to /);
    await expectLoads(saved);
  });
});
