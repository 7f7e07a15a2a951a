import { PNG } from 'pngjs';
import { GLYPH, drawText } from './caption';

/** How `tilesPng` lays out the tiles. */
export interface TileOptions {
  /** Each tile's height and width in source pixels, e.g. `[28, 28]` for MNIST. */
  tile: readonly [number, number];
  /** The matrix columns to draw, in this order; default every column. */
  units?: readonly number[];
  /** Tiles per row; default the ceiling of the square root of the tile count. */
  columns?: number;
  /** Output pixels per source pixel; default 1. */
  zoom?: number;
  /** Lines of text for a strip above the grid (a 3x5 pixel font drawn twice its size). */
  caption?: readonly string[];
}

const BORDER = 64;
const TEXT_SCALE = 2;
const LINE_HEIGHT = (GLYPH.height + 2) * TEXT_SCALE;

/**
 * A grayscale PNG of a weight matrix's columns as a grid of image tiles: the
 * `rows x cols` matrix `weights` (row-major, as `tf.Tensor.dataSync()` gives
 * it) holds one unit's incoming weights per column, and each drawn column is
 * reshaped to `tile`. Each tile is scaled on its own and symmetrically: zero
 * is mid-gray, and the 99th percentile of the weights' magnitudes (and
 * beyond) white when positive, black when negative. Tiles are separated and
 * framed by a 1 px dark-gray border, under an optional caption strip (white
 * text on the border gray).
 *
 * ```ts
 * const w = net.find('hid1', 'w').variable; // [784, 1000]
 * writeFileSync('features.png', tilesPng(w.dataSync(), 784, 1000, { tile: [28, 28], units: [3, 14, 15] }));
 * ```
 */
export function tilesPng(weights: ArrayLike<number>, rows: number, cols: number, options: TileOptions): Buffer {
  const [tileH, tileW] = options.tile;
  if (tileH * tileW !== rows) throw new Error(`A ${tileH}x${tileW} tile needs ${tileH * tileW} rows, not ${rows}.`);
  if (weights.length !== rows * cols) throw new Error(`Expected ${rows * cols} weights, got ${weights.length}.`);
  const units = options.units ?? Array.from({ length: cols }, (_, i) => i);
  const bad = units.find((unit) => !(Number.isInteger(unit) && unit >= 0 && unit < cols));
  if (bad !== undefined) throw new Error(`Unit ${bad} is not a column of a matrix with ${cols} columns.`);
  const zoom = options.zoom ?? 1;
  const columns = options.columns ?? Math.ceil(Math.sqrt(units.length));
  const caption = options.caption ?? [];
  const strip = caption.length ? caption.length * LINE_HEIGHT + 2 * TEXT_SCALE : 0;
  const width = columns * (tileW * zoom + 1) + 1;
  const height = strip + Math.ceil(units.length / columns) * (tileH * zoom + 1) + 1;
  const png = new PNG({ width, height });
  png.data = Buffer.alloc(width * height, BORDER); // one gray byte per pixel

  caption.forEach((line, i) => {
    const at = { x: 2 * TEXT_SCALE, y: 2 * TEXT_SCALE + i * LINE_HEIGHT, scale: TEXT_SCALE, gray: 255 };
    drawText(png.data, width, line, at);
  });
  units.forEach((unit, index) => {
    const largest = contrastScale(weights, rows, cols, unit);
    const left = (index % columns) * (tileW * zoom + 1) + 1;
    const top = strip + Math.floor(index / columns) * (tileH * zoom + 1) + 1;
    for (let i = 0; i < rows; i++) {
      const scaled = Math.max(-1, Math.min(1, weights[i * cols + unit] / (largest || 1)));
      const gray = Math.round(127.5 + 127.5 * scaled);
      const y0 = top + Math.floor(i / tileW) * zoom;
      const x0 = left + (i % tileW) * zoom;
      for (let dy = 0; dy < zoom; dy++) png.data.fill(gray, (y0 + dy) * width + x0, (y0 + dy) * width + x0 + zoom);
    }
  });
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8 });
}

/**
 * The magnitude drawn as white or black in a unit's tile: the 99th
 * percentile of its weights' magnitudes, so that one extreme pixel does not
 * leave the stroke around it a faint gray. The few larger weights clip.
 */
function contrastScale(weights: ArrayLike<number>, rows: number, cols: number, unit: number): number {
  const magnitudes = Float64Array.from({ length: rows }, (_, i) => Math.abs(weights[i * cols + unit])).sort();
  return magnitudes[Math.floor(0.99 * (rows - 1))];
}
