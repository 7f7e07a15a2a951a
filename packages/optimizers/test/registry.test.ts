import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { create, lookup, type Optimizer } from '@tsnets/core';
import { OPTIMIZERS_PACKAGE, registerOptimizers } from '../src/index';
import { OPTIMIZER_CLASSES, settingsWith } from './helpers';

describe('optimizer registry', () => {
  for (const [id, Class] of OPTIMIZER_CLASSES) {
    it(`resolves ${id} to its class, from ${OPTIMIZERS_PACKAGE}`, () => {
      const optimizer = create<Optimizer>('optimizer', id, [settingsWith()]);
      // The class itself, not a subclass or a parent (NAG is an SGD): instanceOf would pass those.
      expect(optimizer.constructor).to.equal(Class);
      expect(lookup('optimizer', id).target).to.equal(Class);
      expect(lookup('optimizer', id).package).to.equal('@tsnets/optimizers');
      optimizer.dispose();
    });
  }

  it('registers idempotently', () => {
    expect(() => {
      registerOptimizers();
      registerOptimizers();
    }).not.to.throw();
  });

  it('registers nothing when only base is imported', () => {
    const base = path.join(__dirname, '..', 'src', 'base.js');
    const script =
      `require(${JSON.stringify(base)}); const core = require('@tsnets/core');` +
      `process.stdout.write(JSON.stringify([core.isRegistered('optimizer', 'sgd'), typeof require(${JSON.stringify(base)}).registerOptimizers]));`;
    const output = execFileSync(process.execPath, ['--require', 'reflect-metadata', '-e', script], {
      cwd: path.join(__dirname, '..', '..'),
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).to.deep.equal([false, 'function']);
  });
});
