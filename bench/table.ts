import type { Measurement } from './measurement';
import type { Runner } from './lineup';
import { median } from './stats';

/** One row of the table: a runner's medians over the rounds. */
export interface Row {
  workload: string;
  runner: string;
  backend: string;
  /** Median steps per second; NaN when every round failed. */
  stepsPerSecond: number;
  /** The largest peak resident memory over the rounds. */
  peakRssMb: number;
}

/** The rows of `runners`, in their order, from the measurements that match each. */
export function summarize(runners: readonly Runner[], measurements: readonly Measurement[]): Row[] {
  return runners.map(({ workload, name, backend }) => {
    const own = measurements.filter((m) => m.name === `${workload.name}/${name}` && m.backend === backend);
    return {
      workload: workload.name,
      runner: name,
      backend,
      stepsPerSecond: median(own.map((m) => m.steps_per_s)),
      peakRssMb: own.length ? Math.max(...own.map((m) => m.peak_rss_mb)) : NaN,
    };
  });
}

/** `row`'s speed over the reference runner's on the same workload, or '-' when there is none. */
function ratio(rows: readonly Row[], row: Row, runner: string): string {
  const reference = rows.find((r) => r.workload === row.workload && r.runner === runner);
  const value = reference ? row.stepsPerSecond / reference.stepsPerSecond : NaN;
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : '-';
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : 'failed');

/** The table as text: text columns left-aligned, numbers right-aligned. */
export function formatTable(rows: readonly Row[]): string {
  const header = ['workload', 'runner', 'backend', 'steps/s', 'peak RSS MB', 'vs tfjs-layers', 'vs PyTorch'];
  const cells = rows.map((row) => [
    row.workload,
    row.runner,
    row.backend,
    fixed(row.stepsPerSecond, 1),
    fixed(row.peakRssMb, 0),
    ratio(rows, row, 'tfjs-layers'),
    ratio(rows, row, 'pytorch'),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const format = (line: string[]) =>
    line.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(format)].join('\n');
}
