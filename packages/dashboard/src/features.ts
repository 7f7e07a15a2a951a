import { tf, type Network } from '@tsnets/core';

/** The first layer's weights as grayscale tiles, one per unit (`side` x `side` bytes, row-major), base64-encoded. */
export interface FeatureTiles {
  /** Pixels per side of a tile. */
  side: number;
  /** Tiles in `pixels`. */
  count: number;
  /** `count` tiles of `side * side` bytes each (0 black to 255 white, each tile scaled to its own range), base64. */
  pixels: string;
  /** Increases with each refresh, so a page can tell a new image. */
  version: number;
}

/**
 * The first weight matrix fed by the input as image tiles, when the input
 * size is a square of at least 4 (784 as 28 x 28); undefined otherwise.
 * Tiles show the first `limit` units.
 */
export function featureTiles(network: Network, version: number, limit = 64): FeatureTiles | undefined {
  const input = network.layers[0];
  const side = Math.round(Math.sqrt(input.size));
  if (side < 2 || side * side !== input.size) return undefined;
  const weights = network.params.find((p) => p.shape.length === 2 && p.shape[0] === input.size);
  if (!weights) return undefined;
  const units = Math.min(limit, weights.shape[1]);
  const columns = tf.tidy(() => tf.transpose(tf.slice(weights.variable, [0, 0], [input.size, units])));
  const values = columns.dataSync();
  columns.dispose();
  const bytes = new Uint8Array(units * input.size);
  for (let unit = 0; unit < units; unit++) {
    const tile = values.subarray(unit * input.size, (unit + 1) * input.size);
    let low = Infinity;
    let high = -Infinity;
    for (const v of tile) {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
    const range = high - low || 1;
    tile.forEach((v, i) => (bytes[unit * input.size + i] = Math.round((255 * (v - low)) / range)));
  }
  return { side, count: units, pixels: Buffer.from(bytes).toString('base64'), version };
}
