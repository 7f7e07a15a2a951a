/**
 * Sweeps through BullMQ on a real Redis (Debian's redis-server, started on a
 * free port by scripts/redis.js), with `tsnets worker` processes: both
 * workers share the trials, the best options match a sequential local run,
 * a worker SIGKILLed mid-trial has its trial finished by the other, and a
 * worker without a plugin fails the trial once, naming itself. Skipped, with
 * the reason, where redis-server is not installed.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweep, type SweepSpec } from '@tsnets/sweep';
import { MAIN, ROOT } from './cli-helpers';

interface Redis {
  url: string;
  stop(): Promise<void>;
}
const redisScript = require(join(ROOT, 'scripts', 'redis.js')) as {
  redisMissing(): string | undefined;
  startRedis(): Promise<Redis>;
};

/** A `tsnets worker` in a process group of its own (so SIGKILL takes its trial process too) and its output lines. */
interface StartedWorker {
  child: ChildProcess;
  pid: number;
  output: () => string;
  /** Resolves when a line matching `pattern` appears. */
  waitFor(pattern: RegExp): Promise<string>;
}

function startWorker(url: string, cwd = ROOT): Promise<StartedWorker> {
  const child = spawn(process.execPath, [MAIN, 'worker', '--queue', url, '--lock-duration', '3000'], {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const waiters: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const waiter of waiters.splice(0)) waiter();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const worker: StartedWorker = {
    child,
    pid: child.pid as number,
    output: () => text,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = text.split('\n').find((line) => pattern.test(line));
          if (found) return resolve(found);
          if (child.exitCode !== null) return reject(new Error(`worker exited:\n${text}`));
          waiters.push(check);
        };
        check();
      }),
  };
  return worker.waitFor(/waiting for trials/).then(() => worker);
}

function kill(worker: StartedWorker): void {
  try {
    process.kill(-worker.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

const spec = (overrides: Partial<SweepSpec> = {}): SweepSpec => ({
  model: { kind: 'classifier', layers: [64, [12, 'relu'], 10] },
  data: { source: 'digits', rows: 240, valid: 0.25 },
  train: { algo: 'adam', learning_rate: 0.01, max_updates: 6, validate_every: 1, patience: 2 },
  axes: { hidden_l1: [0, 0.3], weight_l2: { log: [1e-4, 1e-1], count: 2 } },
  ...overrides,
});

const pidOf = (worker: string): number => Number(worker.split(':').pop());

describe('sweeps through Redis with tsnets worker', function () {
  this.timeout(150000);
  let redis: Redis | undefined;
  const workers: StartedWorker[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'tsnets-queue-test-'));

  before(async function () {
    const missing = redisScript.redisMissing();
    if (missing) {
      (this.test?.parent as { skipReason?: string } | undefined)!.skipReason = missing;
      this.skip();
    }
    redis = await redisScript.startRedis();
  });

  afterEach(() => {
    for (const worker of workers.splice(0)) kill(worker);
  });

  after(async () => {
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a 2x2 sweep on two workers, both taking trials, with the best options of a sequential run', async () => {
    const url = (redis as Redis).url;
    workers.push(...(await Promise.all([startWorker(url), startWorker(url)])));
    const out = join(dir, 'two');
    const queued = await sweep(spec(), { queue: url, out });
    expect(queued.failed).to.deep.equal([]);
    expect(queued.results).to.have.length(4);
    expect(new Set(queued.results.map((r) => pidOf(r.worker)))).to.deep.equal(new Set(workers.map((w) => w.pid)));
    expect(readFileSync(join(out, 'results.csv'), 'utf8').trim().split('\n')).to.have.length(5);
    expect(queued.model).to.equal(join(out, 'best.tsnets.gz'));

    const local = await sweep(spec(), { workers: 1 });
    expect(queued.best?.values).to.deep.equal(local.best?.values);
    expect(queued.results.map((r) => r.validLoss)).to.deep.equal(local.results.map((r) => r.validLoss));
  });

  it('a worker SIGKILLed mid-trial has its trial finished by the other', async () => {
    const url = (redis as Redis).url;
    const [a, b] = await Promise.all([startWorker(url), startWorker(url)]);
    workers.push(a, b);
    const longer = spec({ train: { ...spec().train, max_updates: 30, patience: 30 }, axes: { hidden_l1: [0, 0.3] } });
    const running = sweep(longer, { queue: url });
    const started = await a.waitFor(/^trial \w+: started/);
    const trial = /^trial (\w+)/.exec(started)?.[1];
    kill(a);
    const result = await running;
    expect(result.failed).to.deep.equal([]);
    expect(result.results).to.have.length(2);
    const rescued = result.results.find((r) => r.id === trial);
    expect(pidOf(rescued?.worker ?? '')).to.equal(b.pid);
    expect(b.output()).to.include(`trial ${trial}: started`);
  });

  it('SIGINT, even right after the ready line, stops a worker cleanly (exit 0)', async () => {
    const worker = await startWorker((redis as Redis).url);
    workers.push(worker);
    worker.child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => worker.child.on('exit', (exit) => resolve(exit)));
    expect(code, worker.output()).to.equal(0);
    expect(worker.output()).to.match(/stopped after SIGINT/);
  });

  it('a worker without a plugin the sweep needs fails the trial once, naming the worker and the reason', async () => {
    const url = `${(redis as Redis).url}/1`;
    const bare = mkdtempSync(join(dir, 'bare-'));
    const worker = await startWorker(url, bare);
    workers.push(worker);
    const needsPlugin = spec({
      plugins: ['@tsnets/plugin-weight-inverse'],
      train: { ...spec().train, weightinverse: 0.001 } as SweepSpec['train'],
      axes: { hidden_l1: [0] },
    });
    const result = await sweep(needsPlugin, { queue: url });
    expect(result.results).to.deep.equal([]);
    expect(result.failed).to.have.length(1);
    expect(result.failed[0].worker).to.equal(`${hostname()}:${worker.pid}`);
    expect(result.failed[0].reason).to.include('Plugin "@tsnets/plugin-weight-inverse" is not available on worker');
    const starts = worker.output().match(/: started/g) ?? [];
    expect(starts).to.have.length(1);
  });
});
