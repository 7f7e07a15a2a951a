'use strict';
// npm run mutation [-- PACKAGE...]: StrykerJS on each named package (trainer, optimizers, regularizers, core),
// one after another, with stryker/PACKAGE.config.mjs; without a name, on all of them. The build is done first.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const ALL = ['trainer', 'optimizers', 'regularizers', 'core'];
const names = process.argv.slice(2);
for (const name of names) {
  if (!ALL.includes(name)) {
    process.stderr.write(`mutation: no config for "${name}"; the packages are ${ALL.join(', ')}\n`);
    process.exit(2);
  }
}
for (const name of names.length > 0 ? names : ALL) {
  const config = path.join('stryker', `${name}.config.mjs`);
  if (!existsSync(config)) throw new Error(`missing ${config}`);
  const run = spawnSync('npx', ['stryker', 'run', config], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
