import { expect } from 'chai';
import { PNG } from 'pngjs';
import { drawText, textWidth } from '../lib/caption';
import { tilesPng } from '../lib/tiles';

/** A 4 x 3 matrix, row-major: three units of 2x2 weights each (column 1 is -2, 1, 0, 2). */
const WEIGHTS = [1, -2, 0, 1, 1, 0, 1, 0, 0, 1, 2, 0];

function grayAt(png: PNG, x: number, y: number): number {
  return png.data[4 * (y * png.width + x)];
}

describe('examples/lib tiles and caption', () => {
  it('draws only the chosen units, in order, zero at mid-gray and the largest magnitude at an end', () => {
    const png = PNG.sync.read(tilesPng(WEIGHTS, 4, 3, { tile: [2, 2], units: [1] }));
    expect([png.width, png.height]).to.deep.equal([4, 4]);
    // Column 1 (-2, 1, 0, 2) over its largest magnitude 2: 127.5 + 127.5 * (-1, 0.5, 0, 1).
    expect([grayAt(png, 1, 1), grayAt(png, 2, 1), grayAt(png, 1, 2), grayAt(png, 2, 2)]).to.deep.equal([
      0, 191, 128, 255,
    ]);
  });

  it('scales a tile to the 99th percentile of its magnitudes, so one extreme weight does not gray the rest', () => {
    const column = Array.from({ length: 100 }, (_, i) => (i === 0 ? 100 : i === 1 ? -1 : 0.5));
    const png = PNG.sync.read(tilesPng(column, 100, 1, { tile: [10, 10] }));
    // The 99th percentile is 1 (the -1), so 100 clips to white and 0.5 is 127.5 + 63.75.
    expect([grayAt(png, 1, 1), grayAt(png, 2, 1), grayAt(png, 3, 1)]).to.deep.equal([255, 0, 191]);
  });

  it('puts a caption strip above the tiles', () => {
    const png = PNG.sync.read(tilesPng(WEIGHTS, 4, 3, { tile: [2, 2], units: [0, 2], caption: ['I'] }));
    // One line: 5 font rows and 2 of spacing at scale 2, plus a 4 px margin.
    expect([png.width, png.height]).to.deep.equal([7, 18 + 4]);
    // The top bar of the I (`111`) is white from x = 4, 6 px wide, but the image is only 7 wide.
    expect([grayAt(png, 3, 4), grayAt(png, 4, 4), grayAt(png, 6, 5)]).to.deep.equal([64, 255, 255]);
  });

  it('draws glyph bits left to right and measures text', () => {
    const pixels = new Uint8Array(12 * 5);
    drawText(pixels, 12, 'L1', { x: 0, y: 0, scale: 1, gray: 9 });
    const row = (y: number) => [...pixels.subarray(y * 12, y * 12 + 8)].map((v) => (v ? 1 : 0)).join('');
    // L is 4,4,4,4,7 (100 ... 111); 1 is 2,6,2,2,7 (010, 110, ...), one blank column apart.
    expect([row(0), row(1), row(4)]).to.deep.equal(['10000100', '10001100', '11101110']);
    expect(textWidth('L1', 2)).to.equal(14);
  });
});
