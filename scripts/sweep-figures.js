'use strict';
// The figures of docs/sweeps.md: examples/digits-sweep.json (16 trials) run three ways, each into a fresh
// folder: 1 local trial process, 2 local trial processes, and through a private Redis (scripts/redis.js) with
// two local `tsnets worker` processes. Prints the processor, the load average and each wall-clock time.
// Run after `npx tsc -b`: node scripts/sweep-figures.js
const { spawn, spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { loadavg, tmpdir } = require('node:os');
const { join } = require('node:path');
const { startRedis } = require('./redis');

const ROOT = join(__dirname, '..');
const MAIN = join(ROOT, 'packages', 'tsnets', 'dist', 'src', 'cli', 'main.js');
const SPEC = join(ROOT, 'examples', 'digits-sweep.json');

/** The sum of the trials' own training seconds in a results.csv (what the trials cost, apart from start-up and waiting). */
function trialSeconds(out) {
  const [header, ...lines] = readFileSync(join(out, 'results.csv'), 'utf8').trim().split('\n');
  const column = header.split(',').indexOf('seconds');
  return lines.reduce((sum, line) => sum + Number(line.split(',')[column]), 0);
}

function timed(args) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [MAIN, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`tsnets ${args.join(' ')} failed:\n${run.stderr}${run.stdout}`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const best = run.stdout.split('\n').find((line) => line.startsWith('best:'));
  return { seconds, best, trials: trialSeconds(args[args.indexOf('--out') + 1]) };
}

function startWorker(url) {
  const child = spawn(process.execPath, [MAIN, 'worker', '--queue', url], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve) => {
    child.stdout.on('data', (chunk) => {
      if (/waiting for trials/.test(String(chunk))) resolve(child);
    });
  });
}

async function main() {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  process.stdout.write(
    `processor: ${cpu}; load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'tsnets-sweep-figures-'));
  try {
    const rows = [];
    for (const workers of [1, 2]) {
      const out = join(dir, `local-${workers}`);
      rows.push([`local, --workers ${workers}`, timed(['sweep', SPEC, '--out', out, '--workers', String(workers)])]);
    }
    const redis = await startRedis();
    const workers = await Promise.all([startWorker(redis.url), startWorker(redis.url)]);
    try {
      rows.push(['Redis, 2 tsnets workers', timed(['sweep', SPEC, '--out', join(dir, 'queue'), '--queue', redis.url])]);
    } finally {
      for (const worker of workers) worker.kill('SIGKILL');
      await redis.stop();
    }
    for (const [what, { seconds, trials, best }] of rows) {
      const speedup = (rows[0][1].seconds / seconds).toFixed(2);
      process.stdout.write(
        `${what}: ${seconds.toFixed(1)} s, ${speedup}x; trials' own ${trials.toFixed(1)} s (${best})\n`,
      );
    }
    process.stdout.write(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
