import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { main, type JobResult } from '../sparse-features';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const EPOCHS = 3;

describe('examples/sparse-features (the main job, a few epochs)', function () {
  this.timeout(60000);
  let dir: string;
  let result: JobResult;
  const lines: string[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tsnets-sparse-features-'));
    result = await main({
      outDir: dir,
      autoencoderEpochs: EPOCHS,
      classifierEpochs: EPOCHS,
      log: (line) => lines.push(line),
    });
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints progress of both runs and where it wrote', () => {
    const text = lines.join('\n');
    expect(text).to.match(/sparse autoencoder/);
    expect(text).to.match(/regularizers: hidden_l1 0\.15 on hid1:out; weightinverse [\d.e-]+ on hid1\.w/);
    expect(text).to.match(/regularizers: hidden_dropout on hid1:out/);
    expect(text).to.match(/epoch +1 +loss/);
    expect(text).to.match(/held-out test accuracy 0\.\d{4}|held-out test accuracy 1\.0000/);
    expect(lines[lines.length - 1]).to.include(dir);
    expect(result.outDir).to.equal(dir);
  });

  it('writes features.png: one 8x8 tile per hidden unit with a 1 px border', async () => {
    const bytes = await readFile(join(dir, 'features.png'));
    expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).to.equal(true);
    const png = PNG.sync.read(bytes);
    // 256 units in a 16x16 grid of 8x8 tiles zoomed 6 times, plus 17 border lines each way.
    expect([png.width, png.height]).to.deep.equal([16 * 48 + 17, 16 * 48 + 17]);
    // The border is a flat gray; the tiles span black to white.
    const gray = (x: number, y: number) => png.data[4 * (y * png.width + x)];
    expect([gray(0, 0), gray(49, 10), gray(10, 49)]).to.deep.equal([64, 64, 64]);
    const tile: number[] = [];
    for (let y = 1; y <= 48; y++) for (let x = 1; x <= 48; x++) tile.push(gray(x, y));
    expect(Math.min(...tile)).to.equal(0);
    expect(Math.max(...tile)).to.equal(255);
  });

  it('writes training.svg: training and validation loss per epoch of both runs', async () => {
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
    for (const panel of panels) {
      const polylines = [...panel.matchAll(/<polyline class="(train|valid)"[^>]* points="([^"]+)"/g)];
      expect(polylines.map((m) => m[1])).to.deep.equal(['train', 'valid']);
      for (const [, , points] of polylines) {
        const pairs = points.split(' ').map((p) => p.split(',').map(Number));
        expect(pairs.length).to.be.within(1, EPOCHS + 1);
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
    expect(accuracy).to.be.within(0, 1);
    // Even three epochs learn something: far better than the mean image, far above chance (0.1).
    expect(r2).to.be.above(0);
    expect(accuracy).to.be.above(0.5);
    expect(accuracy).to.be.closeTo(result.accuracy, 1e-4);
    expect(sparsity).to.be.closeTo(result.sparsity, 1e-4);
  });
});
