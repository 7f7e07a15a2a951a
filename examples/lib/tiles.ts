import { PNG } from 'pngjs';

/** How `tilesPng` lays out the tiles. */
export interface TileOptions {
  /** Each tile's height and width in source pixels, e.g. `[8, 8]` for the UCI digits. */
  tile: readonly [number, number];
  /** Tiles per row; default the ceiling of the square root of the tile count. */
  columns?: number;
  /** Output pixels per source pixel; default 1. */
  zoom?: number;
}

/**
 * A grayscale PNG of a weight matrix's columns as a grid of image tiles: the
 * `rows x cols` matrix `weights` (row-major, as `tf.Tensor.dataSync()` gives
 * it) holds one unit's incoming weights per column, and each column is
 * reshaped to `tile`. Each tile is scaled on its own (its smallest weight
 * black, its largest white) so weak units stay visible; tiles are separated
 * and framed by a 1 px dark-gray border.
 *
 * ```ts
 * const w = net.find('hid1', 'w').variable; // [64, 256]
 * writeFileSync('features.png', tilesPng(w.dataSync(), w.shape[0], w.shape[1], { tile: [8, 8], zoom: 4 }));
 * ```
 */
export function tilesPng(weights: ArrayLike<number>, rows: number, cols: number, options: TileOptions): Buffer {
  const [tileH, tileW] = options.tile;
  if (tileH * tileW !== rows) throw new Error(`A ${tileH}x${tileW} tile needs ${tileH * tileW} rows, not ${rows}.`);
  if (weights.length !== rows * cols) throw new Error(`Expected ${rows * cols} weights, got ${weights.length}.`);
  const zoom = options.zoom ?? 1;
  const columns = options.columns ?? Math.ceil(Math.sqrt(cols));
  const gridRows = Math.ceil(cols / columns);
  const width = columns * (tileW * zoom + 1) + 1;
  const height = gridRows * (tileH * zoom + 1) + 1;
  const png = new PNG({ width, height });
  png.data = Buffer.alloc(width * height, 64); // one gray byte per pixel; 64 is the border

  for (let unit = 0; unit < cols; unit++) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < rows; i++) {
      const value = weights[i * cols + unit];
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    const range = max - min || 1;
    const left = (unit % columns) * (tileW * zoom + 1) + 1;
    const top = Math.floor(unit / columns) * (tileH * zoom + 1) + 1;
    for (let i = 0; i < rows; i++) {
      const gray = Math.round((255 * (weights[i * cols + unit] - min)) / range);
      const y0 = top + Math.floor(i / tileW) * zoom;
      const x0 = left + (i % tileW) * zoom;
      for (let dy = 0; dy < zoom; dy++) png.data.fill(gray, (y0 + dy) * width + x0, (y0 + dy) * width + x0 + zoom);
    }
  }
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8 });
}
