import type { Measurement } from './measurement';
import type { Runner } from './lineup';
import { median } from './stats';

/** One row of the table: a runner's medians over the rounds. */
export interface Row {
  workload: string;
  runner: string;
  backend: string;
  /** Median steps per second over the rounds that succeeded; NaN when every round failed. */
  stepsPerSecond: number;
  /** The largest peak resident memory over the rounds. */
  peakRssMb: number;
  /** How many rounds the median came from. */
  rounds: number;
  /** How many rounds failed (ran no measurement). */
  failedRounds: number;
  /** The threads the runner computed with (the largest reported), NaN when none was measured. */
  threads: number;
}

/** The rows of `runners`, in their order, from the measurements that match each, out of `rounds` rounds. */
export function summarize(runners: readonly Runner[], measurements: readonly Measurement[], rounds: number): Row[] {
  return runners.map(({ workload, name, backend }) => {
    const own = measurements.filter((m) => m.name === `${workload.name}/${name}` && m.backend === backend);
    return {
      workload: workload.name,
      runner: name,
      backend,
      stepsPerSecond: median(own.map((m) => m.steps_per_s)),
      peakRssMb: own.length ? Math.max(...own.map((m) => m.peak_rss_mb)) : NaN,
      rounds: own.length,
      failedRounds: Math.max(0, rounds - own.length),
      threads: own.length ? Math.max(...own.map((m) => m.threads)) : NaN,
    };
  });
}

/** `row`'s speed over that of `runner` on the same workload; NaN when there is none or it failed. */
export function ratioTo(rows: readonly Row[], row: Row, runner: string): number {
  const reference = rows.find((r) => r.workload === row.workload && r.runner === runner);
  return reference ? row.stepsPerSecond / reference.stepsPerSecond : NaN;
}

const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}x` : '-');
const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : 'failed');

/** `5`, or `4 (1 failed)` for a row whose median misses rounds. */
function roundsCell(row: Row): string {
  return row.failedRounds > 0 ? `${row.rounds} (${row.failedRounds} failed)` : String(row.rounds);
}

/** The table as text: text columns left-aligned, numbers right-aligned. */
export function formatTable(rows: readonly Row[]): string {
  const header = [
    'workload',
    'runner',
    'backend',
    'threads',
    'steps/s',
    'rounds',
    'peak RSS MB',
    'vs tfjs-layers',
    'vs PyTorch',
  ];
  const cells = rows.map((row) => [
    row.workload,
    row.runner,
    row.backend,
    Number.isFinite(row.threads) ? String(row.threads) : '-',
    fixed(row.stepsPerSecond, 1),
    roundsCell(row),
    fixed(row.peakRssMb, 0),
    times(ratioTo(rows, row, 'tfjs-layers')),
    times(ratioTo(rows, row, 'pytorch')),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const format = (line: string[]) =>
    line.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(format)].join('\n');
}
