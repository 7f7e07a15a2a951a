import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { main, type JobResult } from '../sparse-features';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ROWS = 1500;
const EPOCHS = 2;
/** features.png: 100 tiles of 28x28 zoomed twice in a 10x10 grid, 1 px borders, under a two-line caption strip. */
const TILE = 56;
const STRIP = 32;

describe('examples/sparse-features (the main job on 1500 rows, two epochs a run)', function () {
  this.timeout(120000);
  let dir: string;
  let result: JobResult;
  const lines: string[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tsnets-sparse-features-'));
    result = await main({
      outDir: dir,
      rows: ROWS,
      autoencoderEpochs: EPOCHS,
      classifierEpochs: EPOCHS,
      log: (line) => lines.push(line),
    });
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the data, both runs with their regularizers, and where it wrote', () => {
    const text = lines.join('\n');
    expect(text).to.include(`MNIST: ${ROWS} train, ${ROWS} valid, ${ROWS} test rows`);
    expect(text).to.match(/sparse autoencoder 784-1000-784/);
    expect(text).to.match(/regularizers: hidden_l1 0\.1 on hid1:out; weightinverse [\d.e-]+ on hid1\.w/);
    expect(text).to.match(/regularizers: hidden_dropout on hid1:out/);
    expect(text).to.match(/epoch +1 +loss/);
    expect(text).to.match(/held-out test accuracy [01]\.\d{4}/);
    expect(lines[lines.length - 1]).to.include(dir);
    expect(result.outDir).to.equal(dir);
  });

  it('writes features.png: a caption strip over 100 tiles of 28x28, each scaled symmetrically about zero', async () => {
    const bytes = await readFile(join(dir, 'features.png'));
    expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).to.equal(true);
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).to.deep.equal([10 * (TILE + 1) + 1, STRIP + 10 * (TILE + 1) + 1]);
    const gray = (x: number, y: number) => png.data[4 * (y * png.width + x)];
    // The caption is white text on the border gray.
    const strip: number[] = [];
    for (let y = 0; y < STRIP; y++) for (let x = 0; x < png.width; x++) strip.push(gray(x, y));
    expect(new Set(strip)).to.deep.equal(new Set([64, 255]));
    // Each tile's largest weights in magnitude are white (positive) or black (negative).
    for (let row = 0; row < 10; row++) {
      for (let col = 0; col < 10; col++) {
        const [left, top] = [1 + col * (TILE + 1), STRIP + 1 + row * (TILE + 1)];
        expect(gray(left - 1, top + 5), 'border').to.equal(64);
        const tile: number[] = [];
        for (let y = top; y < top + TILE; y++) for (let x = left; x < left + TILE; x++) tile.push(gray(x, y));
        expect(Math.min(...tile) === 0 || Math.max(...tile) === 255, `tile ${row},${col}`).to.equal(true);
      }
    }
  });

  it('writes training.svg: error and penalty of the autoencoder, the classifier, the best epochs', async () => {
    const svg = await readFile(join(dir, 'training.svg'), 'utf8');
    expect(svg.trimStart()).to.match(/^<\?xml[^>]*\?>\s*<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.trimEnd()).to.match(/<\/svg>$/);
    // XML-ish: every opened element closes, in order.
    const stack: string[] = [];
    for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-z]+)\b[^>]*?(\/?)>/g)) {
      if (closing) expect(stack.pop()).to.equal(name);
      else if (!selfClosing) stack.push(name);
    }
    expect(stack).to.deep.equal([]);
    const panels = svg.split('<g>').slice(1);
    expect(panels).to.have.length(2);
    const labels = panels.map((panel) => [...panel.matchAll(/<polyline data-label="([^"]+)"/g)].map((m) => m[1]));
    expect(labels).to.deep.equal([
      ['reconstruction error', 'validation', 'penalty (loss - err)', 'validation'],
      ['cross-entropy', 'validation', 'valid error rate'],
    ]);
    for (const panel of panels) {
      expect(panel).to.match(/<line class="best"/);
      expect(panel).to.match(/best: epoch [0-2]</);
      for (const [, points] of panel.matchAll(/<polyline[^>]* points="([^"]+)"/g)) {
        const pairs = points.split(' ').map((p) => p.split(',').map(Number));
        // Training: one point an epoch; validation: also one before the first epoch.
        expect(pairs.length).to.be.within(EPOCHS, EPOCHS + 1);
        for (const pair of pairs) expect(pair.every(Number.isFinite)).to.equal(true);
      }
    }
  });

  it('writes report.md with the held-out numbers in range', async () => {
    const report = await readFile(join(dir, 'report.md'), 'utf8');
    const value = (label: string) => {
      const match = report.match(new RegExp(`\\| ${label} \\| (-?[\\d.]+) \\|`));
      expect(match, label).to.not.equal(null);
      return Number((match as RegExpMatchArray)[1]);
    };
    const mse = value('reconstruction mse');
    const r2 = value('reconstruction R²');
    const sparsity = value('hidden activations below 0.1');
    const accuracy = value('classifier accuracy');
    expect(mse).to.be.within(0, 1);
    expect(r2).to.be.at.most(1);
    expect(sparsity).to.be.within(0, 1);
    expect(value('hidden units that never fire')).to.be.within(0, 1000);
    // Even two short epochs learn something: better than the mean image, far above chance (0.1).
    expect(r2).to.be.above(0);
    expect(accuracy).to.be.above(0.5);
    expect(accuracy).to.be.closeTo(result.accuracy, 1e-4);
    expect(sparsity).to.be.closeTo(result.sparsity, 1e-4);
    expect(report).to.include('`hidden_l1: 0.1`').and.include('`weightinverse: ');
  });
});

describe('examples/sparse-features on the command line', function () {
  this.timeout(120000);
  const script = join(__dirname, '..', 'sparse-features.js');

  it('exits 1 when the held-out accuracy is below 0.98 (300 rows, one epoch a run)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tsnets-sparse-features-cli-'));
    try {
      const args = [script, dir, '--rows', '300', '--autoencoder-epochs', '1', '--classifier-epochs', '1'];
      const { status, stdout, stderr } = spawnSync(process.execPath, args, { encoding: 'utf8' });
      expect(stdout).to.include('MNIST: 300 train, 300 valid, 300 test rows');
      expect(stderr).to.match(/held-out accuracy 0\.\d{4} is below 0\.98/);
      expect(status).to.equal(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 with a message for a count that is not a whole number', () => {
    const { status, stderr } = spawnSync(process.execPath, [script, '--rows', 'many'], { encoding: 'utf8' });
    expect(stderr).to.include('--rows takes a whole number above 0, not "many".');
    expect(status).to.equal(1);
  });
});
