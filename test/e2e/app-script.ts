/**
 * The plain Node script the packed-install test runs inside a fresh app: it
 * uses only the installed packages, as a user's program would.
 */
export const APP_SCRIPT = String.raw`'use strict';
const core = require('@tsnets/core');
require('@tsnets/losses');
require('@tsnets/optimizers');
require('@tsnets/trainer');
if (process.argv.includes('--regularizers')) require('@tsnets/regularizers');

const out = {};
// Before loadPlugins: the unknown-name error must name the installed plugin (lazy manifest scan).
try {
  core.lookup('regularizer', 'weightinverse');
  out.hint = 'registered too early';
} catch (error) {
  out.hint = error.plugin || null;
  out.hintMessage = error.message;
}

/** Sum over rank-2 parameters of sum over columns of 1 / squared column norm, in plain JS. */
function weightInverse(params) {
  let total = 0;
  for (const param of params) {
    if (param.shape.length !== 2) continue;
    const [rows, cols] = param.shape;
    const values = param.value();
    for (let j = 0; j < cols; j++) {
      let squared = 0;
      for (let i = 0; i < rows; i++) squared += values[i * cols + j] * values[i * cols + j];
      total += 1 / squared;
    }
  }
  return total;
}

(async () => {
  await core.ready();
  const draws = new core.RandomState(13).randn(64 * 4);
  const x = Array.from({ length: 64 }, (_, i) => Array.from(draws.slice(i * 4, i * 4 + 4)));
  const net = new core.Autoencoder([4, [8, 'linear'], [4, 'tied']]);
  // The trainer's unknown-option error names the plugin too.
  out.optionError = await net.train([x], { weightinverse: 0.001 }).then(
    () => 'trained without the plugin',
    (error) => error.name + ': ' + error.message,
  );
  out.loaded = core.loadPlugins().map(({ name, version, provides }) => ({ name, version, provides }));
  out.penalty = weightInverse(net.params);
  out.valid = [];
  for await (const [, valid] of net.itertrain([x], { weightinverse: 0.001, max_updates: 20, validate_every: 5 })) {
    out.valid.push(valid);
  }
  out.backend = core.tf.getBackend();
  out.registered = core.registeredIds('regularizer');
  net.dispose();
  process.stdout.write(JSON.stringify(out));
})().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exitCode = 1;
});
`;
