import { shapeLabel, type GemmMeasurement, type GemmShape } from './gemm';
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
  return aligned(header, cells, 3);
}

/** Columns padded to their widest cell: the first `textColumns` left-aligned, the rest (numbers) right-aligned. */
function aligned(header: readonly string[], cells: readonly string[][], textColumns: number): string {
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const format = (line: readonly string[]) =>
    line.map((cell, i) => (i < textColumns ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(format)].join('\n');
}

/** One row of the GEMM section: a shape's median GFLOP/s on one instruction set, native and OpenBLAS. */
export interface GemmRow {
  isa: string;
  shape: string;
  role: string;
  /** The addon's median GFLOP/s over the rounds; NaN when none was measured. */
  native: number;
  /** OpenBLAS sgemm's median GFLOP/s over the rounds; NaN when none was measured. */
  openblas: number;
  /** native / openblas. */
  ratio: number;
  /** The kernels that ran, e.g. `avx512` and `OpenBLAS SkylakeX`. */
  nativeKernel: string;
  openblasKernel: string;
}

/** The GEMM rows, per instruction set in `isas` and per shape, from every round's measurements. */
export function summarizeGemm(
  isas: readonly string[],
  shapes: readonly GemmShape[],
  measurements: readonly GemmMeasurement[],
): GemmRow[] {
  return isas.flatMap((isa) =>
    shapes.map((shape) => {
      const label = shapeLabel(shape);
      const of = (name: string) => measurements.filter((m) => m.name === name && m.isa === isa);
      const speed = (name: string) =>
        median(of(name).flatMap((m) => m.results.filter((r) => r.shape === label).map((r) => r.gflops)));
      const kernel = (name: string) => of(name)[0]?.kernel ?? '-';
      const [native, openblas] = [speed('gemm/native'), speed('gemm/openblas')];
      return {
        isa,
        shape: label,
        role: shape.role,
        native,
        openblas,
        ratio: native / openblas,
        nativeKernel: kernel('gemm/native'),
        openblasKernel: kernel('gemm/openblas'),
      };
    }),
  );
}

/** The GEMM section as text, in the layout of `formatTable`. */
export function formatGemmTable(rows: readonly GemmRow[]): string {
  const header = ['isa', 'M x N x K', 'product', 'native GFLOP/s', 'OpenBLAS GFLOP/s', 'native / OpenBLAS'];
  const cells = rows.map((row) => [
    row.isa,
    row.shape,
    row.role,
    fixed(row.native, 1),
    fixed(row.openblas, 1),
    Number.isFinite(row.ratio) ? row.ratio.toFixed(2) : '-',
  ]);
  return aligned(header, cells, 3);
}

/** The rows with their ratios, as `--json`'s closing summary reports them (NaN, with no reference, becomes null). */
export function rowsWithRatios(rows: readonly Row[]): (Row & { vsTfjsLayers: number; vsPytorch: number })[] {
  return rows.map((row) => ({
    ...row,
    vsTfjsLayers: ratioTo(rows, row, 'tfjs-layers'),
    vsPytorch: ratioTo(rows, row, 'pytorch'),
  }));
}
