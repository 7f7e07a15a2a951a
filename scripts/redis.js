'use strict';
// Starts a private redis-server (Debian's package) for tests and measurements: 127.0.0.1, a free port,
// no persistence (--save '' --appendonly no), its own temporary folder; stop() ends it and removes the folder.
// `node scripts/redis.js` starts one, prints its URL and runs until interrupted.
const { spawn, spawnSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

/** Why redis-server cannot run here, or undefined when it can. */
function redisMissing() {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.error)
    return `redis-server is not installed (${found.error.code}); scripts/ci/install-redis.sh installs it`;
  return undefined;
}

/** A TCP port that is free right now on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts redis-server; resolves to { url, port, pid, stop } once it accepts connections (within 10 s). */
async function startRedis() {
  const missing = redisMissing();
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(join(tmpdir(), 'tsnets-redis-'));
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${output}`)), 10000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (/Ready to accept connections/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}):\n${output}`));
    });
  });
  child.removeAllListeners('exit');
  const stop = () =>
    new Promise((resolve) => {
      const done = () => {
        rmSync(dir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    });
  return { url: `redis://127.0.0.1:${port}`, port, pid: child.pid, stop };
}

module.exports = { startRedis, redisMissing, freePort };

if (require.main === module) {
  startRedis().then(
    (redis) => {
      process.stdout.write(`${redis.url}\n`);
      const stop = () => redis.stop().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
