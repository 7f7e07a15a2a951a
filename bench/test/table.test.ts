/** The bench's arithmetic: medians, ratios and the rounds behind each row, by hand. */
import { expect } from 'chai';
import type { Runner } from '../lineup';
import type { Measurement } from '../measurement';
import { median } from '../stats';
import { gemmIsas, type GemmMeasurement, type GemmShape } from '../gemm';
import { formatGemmTable, formatTable, ratioTo, rowsWithRatios, summarize, summarizeGemm } from '../table';
import type { Workload } from '../workloads';

const W = { name: 'w' } as Workload;
const runner = (name: string, backend: string): Runner => ({ workload: W, name, backend, command: '', args: [] });
const measured = (name: string, backend: string, stepsPerSecond: number, rss = 100, threads = 2): Measurement => ({
  name: `w/${name}`,
  backend,
  steps_per_s: stepsPerSecond,
  peak_rss_mb: rss,
  threads,
});

describe('bench: median', () => {
  it('is the middle value of an odd count, whatever the order', () => {
    expect(median([30, 10, 20])).to.equal(20);
    expect(median([5])).to.equal(5);
  });

  it('is the mean of the middle two of an even count, sorted numerically', () => {
    // Sorted 2, 9, 10, 100: (9 + 10) / 2; a string sort (10, 100, 2, 9) would give (100 + 2) / 2.
    expect(median([100, 9, 2, 10])).to.equal(9.5);
  });

  it('is NaN for no values', () => {
    expect(median([])).to.be.NaN;
  });
});

describe('bench: rows and ratios', () => {
  const runners = [runner('tsnets', 'tsnets-native'), runner('tfjs-layers', 'wasm'), runner('pytorch', 'cpu')];
  // Three rounds; tsnets failed one, pytorch all.
  const measurements = [
    measured('tsnets', 'tsnets-native', 90, 300),
    measured('tfjs-layers', 'wasm', 20, 200, 1),
    measured('tsnets', 'tsnets-native', 110, 310),
    measured('tfjs-layers', 'wasm', 40, 210, 1),
    measured('tfjs-layers', 'wasm', 30, 190, 1),
    measured('tsnets', 'wasm', 999), // another backend: not tsnets-native's row
  ];
  const rows = summarize(runners, measurements, 3);

  it('takes each row median over its own rounds and counts them', () => {
    expect(
      rows.map((r) => [r.runner, r.stepsPerSecond, r.rounds, r.failedRounds, r.peakRssMb, r.threads]),
    ).to.deep.equal([
      ['tsnets', 100, 2, 1, 310, 2],
      ['tfjs-layers', 30, 3, 0, 210, 1],
      ['pytorch', NaN, 0, 3, NaN, NaN],
    ]);
  });

  it('divides medians: 100 / 30 against tfjs-layers, none against a failed PyTorch', () => {
    expect(ratioTo(rows, rows[0], 'tfjs-layers')).to.be.closeTo(100 / 30, 1e-12);
    expect(ratioTo(rows, rows[1], 'tfjs-layers')).to.equal(1);
    expect(ratioTo(rows, rows[0], 'pytorch')).to.be.NaN;
    expect(ratioTo(rows, rows[0], 'nobody')).to.be.NaN;
  });

  it('shows the rounds behind each median and marks rows with failed rounds', () => {
    const lines = formatTable(rows).split('\n');
    expect(lines[0]).to.match(/threads.*steps\/s.*rounds/);
    expect(lines[2]).to.match(/tsnets\s+tsnets-native\s+2\s+100\.0\s+2 \(1 failed\)\s+310\s+3\.33x\s+-$/);
    expect(lines[3]).to.match(/tfjs-layers\s+wasm\s+1\s+30\.0\s+3\s+210\s+1\.00x\s+-$/);
    expect(lines[4]).to.match(/pytorch\s+cpu\s+-\s+failed\s+0 \(3 failed\)\s+failed\s+-\s+-$/);
  });
});

describe('bench: GEMM rows', () => {
  const shapes: GemmShape[] = [
    { role: 'h = x W1', m: 64, n: 1000, k: 784, transA: false, transB: false },
    { role: 'dW1 = x^T dh', m: 784, n: 1000, k: 64, transA: true, transB: false },
  ];
  const gemm = (name: string, isa: 'avx512' | 'avx2', first: number, second: number): GemmMeasurement => ({
    name,
    isa,
    kernel: name === 'gemm/native' ? isa : 'OpenBLAS SkylakeX',
    threads: 2,
    results: [
      { shape: '64x1000x784 NN', gflops: first },
      { shape: '784x1000x64 TN', gflops: second },
    ],
  });
  // Three rounds on avx512; OpenBLAS ran one round on avx2, the addon none.
  const measurements = [
    gemm('gemm/native', 'avx512', 100, 150),
    gemm('gemm/openblas', 'avx512', 200, 100),
    gemm('gemm/native', 'avx512', 120, 170),
    gemm('gemm/openblas', 'avx512', 220, 140),
    gemm('gemm/native', 'avx512', 90, 160),
    gemm('gemm/openblas', 'avx512', 180, 120),
    gemm('gemm/openblas', 'avx2', 110, 110),
  ];
  const rows = summarizeGemm(['avx512', 'avx2'], shapes, measurements);

  it('takes each shape median over the rounds of its own library and instruction set, and divides them', () => {
    expect(rows.map((r) => [r.isa, r.shape, r.native, r.openblas, r.ratio])).to.deep.equal([
      ['avx512', '64x1000x784 NN', 100, 200, 0.5],
      ['avx512', '784x1000x64 TN', 160, 120, 160 / 120],
      ['avx2', '64x1000x784 NN', NaN, 110, NaN],
      ['avx2', '784x1000x64 TN', NaN, 110, NaN],
    ]);
    expect([rows[0].nativeKernel, rows[0].openblasKernel, rows[2].nativeKernel]).to.deep.equal([
      'avx512',
      'OpenBLAS SkylakeX',
      '-',
    ]);
  });

  it('prints a line per shape and instruction set with both speeds and their ratio', () => {
    const lines = formatGemmTable(rows).split('\n');
    expect(lines[0]).to.match(/isa\s+M x N x K\s+product\s+native GFLOP\/s\s+OpenBLAS GFLOP\/s\s+native \/ OpenBLAS/);
    expect(lines[2]).to.match(/^avx512\s+64x1000x784 NN\s+h = x W1\s+100\.0\s+200\.0\s+0\.50$/);
    expect(lines[3]).to.match(/^avx512\s+784x1000x64 TN\s+dW1 = x\^T dh\s+160\.0\s+120\.0\s+1\.33$/);
    expect(lines[4]).to.match(/^avx2\s+64x1000x784 NN\s+h = x W1\s+failed\s+110\.0\s+-$/);
  });

  it('compares on each instruction set the processor reports, AVX2 only with FMA', () => {
    expect(gemmIsas(['avx512f', 'avx2', 'fma'])).to.deep.equal(['avx512', 'avx2']);
    expect(gemmIsas(['avx2', 'fma'])).to.deep.equal(['avx2']);
    expect(gemmIsas(['avx2'])).to.deep.equal([]);
  });
});

describe('bench: the JSON summary', () => {
  it('gives every row its ratios to tfjs-layers and PyTorch', () => {
    const runners = [runner('tsnets', 'tsnets-native'), runner('tfjs-layers', 'wasm'), runner('pytorch', 'cpu')];
    const measurements = [
      measured('tsnets', 'tsnets-native', 120),
      measured('tfjs-layers', 'wasm', 30),
      measured('pytorch', 'cpu', 100),
    ];
    const rows = rowsWithRatios(summarize(runners, measurements, 1));
    expect(rows.map((r) => [r.runner, r.vsTfjsLayers, r.vsPytorch])).to.deep.equal([
      ['tsnets', 4, 1.2],
      ['tfjs-layers', 1, 0.3],
      ['pytorch', 100 / 30, 1],
    ]);
  });
});
