'use strict';
// Install script: builds the addon with node-gyp, and never fails the install.
// Without a compiler (or on an unsupported platform) the package still
// installs; at run time it reports available() === false and the reason.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

if (process.env.TSNETS_NATIVE_SKIP_BUILD) {
  console.log('@tsnets/backend-native: TSNETS_NATIVE_SKIP_BUILD is set, addon not built');
  process.exit(0);
}

// npm passes the path of its bundled node-gyp; otherwise use one on PATH.
const gyp = process.env.npm_config_node_gyp;
const [command, args] = gyp ? [process.execPath, [gyp, 'rebuild']] : ['node-gyp', ['rebuild']];
const result = spawnSync(command, args, {
  cwd: path.join(__dirname, '..'),
  stdio: ['ignore', 'pipe', 'pipe'],
  shell: !gyp && process.platform === 'win32',
  encoding: 'utf8',
});
if (result.status !== 0) {
  const why = result.error ? result.error.message : `node-gyp exited with ${result.status ?? result.signal}`;
  console.log(`@tsnets/backend-native: addon not built (${why}); the native backend will be unavailable`);
}
process.exit(0);
