/** The bench's arithmetic: medians, ratios and the rounds behind each row, by hand. */
import { expect } from 'chai';
import type { Runner } from '../lineup';
import type { Measurement } from '../measurement';
import { median } from '../stats';
import { formatTable, ratioTo, summarize } from '../table';
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
