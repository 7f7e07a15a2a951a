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
 *   npm run bench -- --only char-lstm,char-gru   # only these workloads (`gemm`: the GEMM section)
 *   npm run bench -- --no-gemm        # without the GEMM section
 *
 * The GEMM section times the native addon's GEMM on the autoencoder step's products against OpenBLAS sgemm (through
 * numpy, in a python child) with the same instruction set and threads, in the same rounds (bench/gemm.ts).
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
import { GEMM_SHAPES, gemmIsas, gemmRunners, openblasPython, type GemmMeasurement } from './gemm';
import { formatGemmTable, formatTable, rowsWithRatios, summarize, summarizeGemm, type Row } from './table';
import { REGULARIZED, TIME_TO_ACCURACY, WORKLOADS, workload } from './workloads';

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
    accuracy: { type: 'boolean', default: false },
    only: { type: 'string' },
    'no-gemm': { type: 'boolean', default: false },
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
    const names = flags.only?.split(',').map((name) => name.trim());
    const only = names?.filter((name) => name !== 'gemm').map((name) => workload(name).name);
    const runners = (await allRunners(nativeAvailable(), python, dataDir)).filter(
      (runner) => !only || only.includes(runner.workload.name),
    );
    const host = machine();
    const isas = gemmIsas(host.cpu_flags);
    const withGemm = !flags['no-gemm'] && (!names || names.includes('gemm'));
    const blasPython = withGemm ? openblasPython() : undefined;
    const gemm = withGemm ? gemmRunners(isas, nativeAvailable(), blasPython) : [];
    const measurements: Measurement[] = [];
    const gemmMeasurements: GemmMeasurement[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const runner of gemm) {
        const label = `round ${round}/${rounds}  ${runner.name} (${runner.backend})`;
        try {
          const measurement = await runJsonChild<GemmMeasurement>(runner.command, runner.args, runner.env);
          gemmMeasurements.push(measurement);
          if (flags.json) console.log(JSON.stringify({ ...measurement, round, machine: host }));
          else console.error(`${label}  ${measurement.results.map((r) => r.gflops.toFixed(0)).join(' ')} GFLOP/s`);
        } catch (error) {
          console.error(`${label}  failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
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
    const gemmRows = summarizeGemm(gemm.length ? isas : [], GEMM_SHAPES, gemmMeasurements);
    if (flags.json)
      console.log(
        JSON.stringify({
          summary: { rows: rowsWithRatios(rows), gemm: gemmRows, regularizers: regularizerCost(rows) },
          machine: host,
        }),
      );
    else {
      console.log();
      for (const w of WORKLOADS.filter((w) => !only || only.includes(w.name)))
        console.log(`${w.name}: ${w.title}; ${w.warmup} warm-up + ${w.steps} timed steps`);
      console.log();
      if (rows.length) console.log(formatTable(rows), '\n');
      console.log(
        `Medians of the rounds that ran (of ${rounds} interleaved), each measurement a fresh process (peak RSS: the largest).`,
      );
      console.log(
        `Machine: ${host.cores} cores, ${host.cpu_model}, ${host.cpu_flags.join(' ') || 'no avx flags'}; ` +
          `native kernel ${host.native_kernel ?? '-'}; tsnets-native and PyTorch pinned to ${BENCH_THREADS} threads.`,
      );
      console.log(python ? `PyTorch: ${python}.` : 'PyTorch: no python with torch found; ratios to it are -.');
      for (const line of regularizerCost(rows)) console.log(line);
      if (gemmRows.length) {
        console.log();
        console.log(
          `GEMM: the native addon against OpenBLAS sgemm (numpy, ${blasPython ?? 'no python with numpy on OpenBLAS'}), ${BENCH_THREADS} threads, medians of the rounds:`,
        );
        console.log(formatGemmTable(gemmRows));
        const kernels = [...new Set(gemmRows.map((r) => `${r.isa}: ${r.nativeKernel} against ${r.openblasKernel}`))];
        console.log(`Kernels: ${kernels.join('; ')}.`);
      }
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
