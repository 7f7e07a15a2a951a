import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { skipBecause } from './fixtures';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs a script in a fresh Node process from the repo root (a clean tfjs engine) and parses its JSON output. */
function runFresh(script: string, env: NodeJS.ProcessEnv = {}): Record<string, unknown> {
  const { TSNETS_BACKEND: _ignored, ...rest } = process.env;
  const out = execFileSync(process.execPath, ['-e', script], {
    cwd: ROOT,
    env: { ...rest, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out.trim().split('\n').pop() as string) as Record<string, unknown>;
}

/** Whether @tsnets/backend-native's addon is built on this machine. */
function nativeBuilt(): boolean {
  return (
    runFresh(`console.log(JSON.stringify({ built: require('@tsnets/backend-native').available() }))`).built === true
  );
}

const TRAIN = `
  const net = new t.Regressor([3, 4, 2]);
  const trainer = new t.Trainer(net);
  let started = '';
  trainer.on('start', (info) => (started = info.backend));
  await trainer.train([[[1, 2, 3], [4, 5, 6]], [[1, 0], [0, 1]]], { max_updates: 1 });
`;

describe('backend choice', function () {
  this.timeout(60000);

  const STAND_IN = `(async () => {
    const t = require('tsnets');
    const before = t.tf.getBackend();
    ${TRAIN}
    console.log(JSON.stringify({ before, started, after: t.tf.getBackend() }));
  })()`;

  it('ready() replaces the cpu stand-in with the native backend when it is built, and the start event names it', function () {
    if (!nativeBuilt()) skipBecause(this, 'the native addon is not built here');
    const result = runFresh(STAND_IN);
    expect(result).to.deep.equal({ before: 'cpu', started: 'tsnets-native', after: 'tsnets-native' });
  });

  it('ready() falls back to wasm when the native addon is off or missing', () => {
    const result = runFresh(STAND_IN, { TSNETS_NATIVE: 'off' });
    expect(result).to.deep.equal({ before: 'cpu', started: 'wasm', after: 'wasm' });
  });

  it('keeps a backend the app set itself', () => {
    const result = runFresh(`(async () => {
      const t = require('tsnets');
      const { MathBackendCPU } = require('@tensorflow/tfjs-backend-cpu');
      t.tf.registerBackend('app-backend', () => new MathBackendCPU());
      for (const kernel of t.tf.getKernelsForBackend('cpu')) t.tf.registerKernel({ ...kernel, backendName: 'app-backend' });
      await t.tf.setBackend('app-backend');
      const chosen = await t.ready();
      ${TRAIN}
      console.log(JSON.stringify({ chosen, started, after: t.tf.getBackend() }));
    })()`);
    expect(result).to.deep.equal({ chosen: 'app-backend', started: 'app-backend', after: 'app-backend' });
  });

  it('TSNETS_BACKEND still decides over the default', () => {
    const result = runFresh(
      `(async () => {
        const t = require('tsnets');
        ${TRAIN}
        console.log(JSON.stringify({ started, after: t.tf.getBackend() }));
      })()`,
      { TSNETS_BACKEND: 'cpu' },
    );
    expect(result).to.deep.equal({ started: 'cpu', after: 'cpu' });
  });
});
