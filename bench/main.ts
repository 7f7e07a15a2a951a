/**
 * Training speed of tsnets against a tfjs-layers `model.fit` of the same network and against PyTorch on the CPU,
 * on two workloads (bench/workloads.ts). Each measurement is its own child process (bench/runners/, and
 * bench/torch_runner.py), so peak memory is per runner; every round runs each runner once in a fixed order, so slow
 * drifts in the machine's load hit all of them alike. Prints medians over the rounds.
 *
 *   npm run bench                     # the table, 5 rounds
 *   npm run bench -- --rounds 3
 *   npm run bench -- --json           # one JSON object per measurement (with its round and the machine), nothing else on stdout
 *   npm run bench -- --accuracy       # also the time to 98% MNIST test accuracy (about 40 s on tsnets-native, 2 to 4 minutes on wasm)
 *   npm run bench -- --only char-lstm,char-gru   # only these workloads
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AccuracyResult } from './accuracy';
import { runJsonChild } from './child';
import type { Measurement } from './measurement';
import { allRunners, nativeAvailable, torchPython } from './lineup';
import { BENCH_THREADS, machine } from './threads';
import { formatTable, summarize, type Row } from './table';
import { REGULARIZED, TIME_TO_ACCURACY, WORKLOADS, workload } from './workloads';

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
    accuracy: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});

/** The tsnets backend with the highest median speed on the first workload (the one most like the MNIST classifier). */
function fastestBackend(rows: readonly Row[]): string {
  const tsnets = rows.filter((row) => row.workload === WORKLOADS[0].name && row.runner === 'tsnets');
  const best = tsnets.reduce<Row | undefined>(
    (a, b) => (a && !(b.stepsPerSecond > a.stepsPerSecond) ? a : b),
    undefined,
  );
  return best && Number.isFinite(best.stepsPerSecond) ? best.backend : 'wasm';
}

/** For each workload measured with regularizers: their speed as a share of tsnets' plain speed on that backend. */
function regularizerCost(rows: readonly Row[]): string[] {
  return WORKLOADS.filter((w) => w.regularizers).map((w) => {
    const regularized = rows.find((r) => r.workload === w.name && r.runner === REGULARIZED);
    const backend = regularized?.backend ?? 'wasm';
    const plain = rows.find((r) => r.workload === w.name && r.runner === 'tsnets' && r.backend === backend);
    const share = (regularized?.stepsPerSecond ?? NaN) / (plain?.stepsPerSecond ?? NaN);
    const keywords = Object.entries(w.regularizers ?? {})
      .map(([key, value]) => `${key} ${value}`)
      .join(' + ');
    return `${w.name} with ${keywords}: ${Number.isFinite(share) ? `${(share * 100).toFixed(0)}%` : '-'} of tsnets' plain speed on ${backend}.`;
  });
}

async function timeToAccuracy(backend: string): Promise<string> {
  const script = join(__dirname, 'accuracy.js');
  const result = await runJsonChild<AccuracyResult>(process.execPath, [script, backend]);
  const { target, maxEpochs, title } = TIME_TO_ACCURACY;
  const when = `after ${result.epoch} epochs, ${result.seconds.toFixed(1)} s of training`;
  const outcome = result.reached
    ? `test accuracy ${result.accuracy.toFixed(4)} >= ${target} ${when}`
    : `${target} not reached in ${maxEpochs} epochs; best test accuracy ${result.accuracy.toFixed(4)} ${when}`;
  return `time to accuracy (${title}; tsnets on ${backend}): ${outcome}`;
}

async function main(): Promise<void> {
  const rounds = Number(flags.rounds);
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new Error(`--rounds takes a whole number >= 1, got ${flags.rounds}.`);
  const python = torchPython();
  const dataDir = mkdtempSync(join(tmpdir(), 'tsnets-bench-'));
  try {
    const only = flags.only?.split(',').map((name) => workload(name.trim()).name);
    const runners = (await allRunners(nativeAvailable(), python, dataDir)).filter(
      (runner) => !only || only.includes(runner.workload.name),
    );
    const host = machine();
    const measurements: Measurement[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const runner of runners) {
        const label = `round ${round}/${rounds}  ${runner.workload.name}/${runner.name} (${runner.backend})`;
        try {
          const measurement = await runJsonChild<Measurement>(runner.command, runner.args, runner.env);
          measurements.push(measurement);
          if (flags.json) console.log(JSON.stringify({ ...measurement, round, machine: host }));
          else console.error(`${label}  ${measurement.steps_per_s.toFixed(1)} steps/s`);
        } catch (error) {
          console.error(`${label}  failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }

    const rows = summarize(runners, measurements, rounds);
    if (!flags.json) {
      console.log();
      for (const w of WORKLOADS.filter((w) => !only || only.includes(w.name)))
        console.log(`${w.name}: ${w.title}; ${w.warmup} warm-up + ${w.steps} timed steps`);
      console.log();
      console.log(formatTable(rows));
      console.log();
      console.log(
        `Medians of the rounds that ran (of ${rounds} interleaved), each measurement a fresh process (peak RSS: the largest).`,
      );
      console.log(
        `Machine: ${host.cores} cores, ${host.cpu_model}, ${host.cpu_flags.join(' ') || 'no avx flags'}; ` +
          `native kernel ${host.native_kernel ?? '-'}; tsnets-native and PyTorch pinned to ${BENCH_THREADS} threads.`,
      );
      console.log(python ? `PyTorch: ${python}.` : 'PyTorch: no python with torch found; ratios to it are -.');
      for (const line of regularizerCost(rows)) console.log(line);
      if (!flags.accuracy)
        console.log('Time to accuracy (MNIST 784-500-10 to 98%, about 40 s on tsnets-native): run with --accuracy.');
    }
    if (flags.accuracy) {
      const line = await timeToAccuracy(fastestBackend(rows));
      // --json keeps stdout to the measurements.
      if (flags.json) console.error(line);
      else console.log(line);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
