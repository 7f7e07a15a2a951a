'use strict';
// Removes build output, so compiled copies of deleted tests cannot run.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const targets = [path.join(root, 'out')];
for (const group of ['packages', 'plugins']) {
  const dir = path.join(root, group);
  if (!fs.existsSync(dir)) continue;
  for (const name of fs.readdirSync(dir)) {
    targets.push(path.join(dir, name, 'dist'), path.join(dir, name, 'tsconfig.tsbuildinfo'));
  }
}
for (const target of targets) fs.rmSync(target, { recursive: true, force: true });
