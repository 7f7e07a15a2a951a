/**
 * The soak test: trains for a given number of minutes on each available backend (tsnets-native, wasm), each in
 * its own child process, and prints the live tensor count and resident memory (sampled after a full garbage
 * collection, every 5 seconds) over time. Fails (exit 1) when
 * either grows after warm-up: any tensor more than the count right after warm-up, or resident memory over the
 * last quarter of the run above the first post-warm-up quarter by more than the tolerance. Not part of `npm test`.
 *
 *   npm run soak -- --minutes 2            # each backend for 2 minutes
 *   npm run soak -- --minutes 1 --backends wasm
 *   node out/bench/soak.js --child wasm --minutes 1   # one backend, JSON lines (what the parent runs)
 */
import { spawn } from 'node:child_process';
import 'tsnets';
import { Classifier, backendName, tf, useBackend } from '@tsnets/core';
import * as datasets from '@tsnets/datasets';
import { runChild } from './measurement';

/** One measurement of a child: seconds since the start, training rounds, live tensors and resident memory. */
export interface Sample {
  seconds: number;
  rounds: number;
  tensors: number;
  rssMB: number;
  /** The JavaScript heap in use (MB), to tell a JavaScript leak from native memory. */
  heapMB: number;
}

/** The part of the run that does not count: a fifth of it, at least 15 seconds. */
export function warmUpSeconds(totalSeconds: number): number {
  return Math.max(15, totalSeconds / 5);
}

/** Resident memory may rise this much (MB) over a run before it counts as growth: the larger of 24 MB and 10%. */
export function rssTolerance(baselineMB: number): number {
  return Math.max(24, baselineMB * 0.1);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)];
}

/** The verdict on one backend's samples: what grew after warm-up, if anything. */
export function judge(samples: readonly Sample[], totalSeconds: number): { problems: string[]; summary: string } {
  const after = samples.filter((sample) => sample.seconds >= warmUpSeconds(totalSeconds));
  if (after.length < 4) return { problems: ['too few samples after warm-up; run longer'], summary: '' };
  const quarter = Math.max(1, Math.floor(after.length / 4));
  const baseline = after[0].tensors;
  const firstRss = median(after.slice(0, quarter).map((sample) => sample.rssMB));
  const lastRss = median(after.slice(-quarter).map((sample) => sample.rssMB));
  const maxTensors = Math.max(...after.map((sample) => sample.tensors));
  const problems: string[] = [];
  if (maxTensors > baseline) problems.push(`tensors grew from ${baseline} to ${maxTensors} after warm-up`);
  if (lastRss - firstRss > rssTolerance(firstRss)) {
    problems.push(`resident memory grew from ${firstRss.toFixed(0)} MB to ${lastRss.toFixed(0)} MB after warm-up`);
  }
  const last = samples[samples.length - 1];
  const summary =
    `${last.rounds} rounds in ${last.seconds.toFixed(0)} s; tensors ${baseline} -> max ${maxTensors}; ` +
    `RSS median ${firstRss.toFixed(0)} MB (first quarter after warm-up) -> ${lastRss.toFixed(0)} MB (last quarter)`;
  return { problems, summary };
}

/** Child: trains the digits classifier in rounds of 5 epochs (a new trainer each) until time is up, sampling as it goes. */
async function child(backend: string, minutes: number): Promise<void> {
  await useBackend(backend);
  if (backendName() !== backend) throw new Error(`backend ${backend} did not start; ${backendName()} is active`);
  const [x, y] = datasets.toTensors(await datasets.digits());
  const net = new Classifier([64, 100, 10]);
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  // With --expose-gc (the parent passes it), measure live memory rather than when the collector last ran.
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const sample = (rounds: number) => {
    collect();
    const line: Sample = {
      seconds: Number(seconds().toFixed(1)),
      rounds,
      tensors: tf.memory().numTensors,
      rssMB: Number((process.memoryUsage().rss / 2 ** 20).toFixed(1)),
      heapMB: Number((process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)),
    };
    console.log(JSON.stringify(line));
  };
  let rounds = 0;
  let sampled = -Infinity;
  sample(rounds);
  while (seconds() < minutes * 60) {
    await net.train([x, y], {
      algo: 'adam',
      learning_rate: 1e-3,
      max_updates: 5,
      validate_every: 5,
      hidden_dropout: 0.2,
      weight_l2: 1e-4,
      batch_size: 32,
    });
    net.score(x, y);
    rounds += 1;
    if (seconds() - sampled >= 5) {
      sample(rounds);
      sampled = seconds();
    }
  }
  sample(rounds);
  net.dispose();
  tf.dispose([x, y]);
}

/** Runs one backend's child, echoing its samples; resolves to them, or undefined when the backend is unavailable. */
function soakOne(backend: string, minutes: number): Promise<Sample[] | undefined> {
  return new Promise((resolve) => {
    const proc = spawn(
      process.execPath,
      ['--expose-gc', __filename, '--child', backend, '--minutes', String(minutes)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const samples: Sample[] = [];
    let buffered = '';
    let errors = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const s = JSON.parse(line) as Sample;
        samples.push(s);
        console.log(
          `${backend.padEnd(13)} ${s.seconds.toFixed(0).padStart(5)} s  rounds ${String(s.rounds).padStart(5)}  ` +
            `tensors ${String(s.tensors).padStart(5)}  RSS ${s.rssMB.toFixed(0).padStart(5)} MB  heap ${s.heapMB.toFixed(0).padStart(4)} MB`,
        );
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    proc.on('close', (code) => {
      if (code === 0) return resolve(samples);
      console.log(`${backend}: unavailable or failed (exit ${code}): ${errors.trim().split('\n').slice(-3).join(' ')}`);
      resolve(undefined);
    });
  });
}

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const minutes = Number(flag(args, '--minutes') ?? '2');
  if (!(minutes > 0)) throw new Error('--minutes must be a positive number');
  const childBackend = flag(args, '--child');
  if (childBackend) return child(childBackend, minutes);

  const backends = (flag(args, '--backends') ?? 'tsnets-native,wasm').split(',');
  let failed = false;
  let ran = 0;
  for (const backend of backends) {
    const samples = await soakOne(backend, minutes);
    if (!samples) continue;
    ran += 1;
    const { problems, summary } = judge(samples, minutes * 60);
    console.log(`${backend}: ${summary}`);
    for (const problem of problems) console.log(`${backend}: FAIL: ${problem}`);
    if (problems.length > 0) failed = true;
  }
  if (ran === 0) {
    console.log('soak: no backend could run');
    failed = true;
  }
  console.log(failed ? 'soak: FAILED' : 'soak: no growth after warm-up');
  if (failed) process.exitCode = 1;
}

runChild(main);
