/** Registration: the native backend's kernel table, and how the package reports a missing addon. */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { available, BACKEND_NAME, registerNativeBackend, unavailableReason } from '../src/index';
import { addonMissing, skipBecause } from './helpers';

describe('registration', () => {
  it('reports the addon available when it is built', function () {
    if (!available()) skipBecause(this, addonMissing());
    expect(unavailableReason()).to.equal(undefined);
    expect(registerNativeBackend()).to.equal(true);
  });

  it('copies every kernel of the cpu backend', function () {
    if (!available()) skipBecause(this, addonMissing());
    const names = (backend: string) => new Set(tf.getKernelsForBackend(backend).map((k) => k.kernelName));
    const native = names(BACKEND_NAME);
    for (const name of names('cpu')) expect(native.has(name), name).to.equal(true);
  });

  it('without the addon reports why and registers nothing', () => {
    const entry = path.join(__dirname, '..', 'src', 'index.js');
    const script =
      `const tf = require('@tensorflow/tfjs-core'); const m = require(${JSON.stringify(entry)});` +
      `console.log(JSON.stringify([m.available(), m.unavailableReason(), tf.findBackendFactory('${BACKEND_NAME}')]));`;
    const out = execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TSNETS_NATIVE: 'off' } });
    const [ok, reason, factory] = JSON.parse(out.toString());
    expect(ok).to.equal(false);
    expect(reason).to.match(/TSNETS_NATIVE=off/);
    expect(factory).to.equal(null);
  });
});
