import { createHash } from 'node:crypto';

/**
 * The checksum of a model file's parameters: `sha256:` and the hex SHA-256 of
 * a canonical form, for each parameter in name order (by UTF-16 code units)
 * the JSON of its name and shape, a line break, and its float32 values as
 * little-endian bytes. It covers the values themselves, so it does not
 * depend on how the document was formatted or compressed.
 */
export function parameterChecksum(
  params: Readonly<Record<string, { shape: readonly number[] }>>,
  values: ReadonlyMap<string, Float32Array>,
): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(params).sort()) {
    hash.update(`${JSON.stringify(name)} ${JSON.stringify(params[name].shape)}\n`);
    hash.update(littleEndian(values.get(name) ?? new Float32Array(0)));
  }
  return `sha256:${hash.digest('hex')}`;
}

/** The float32 values as little-endian bytes (a view where the machine is little-endian). */
export function littleEndian(values: Float32Array): Buffer {
  const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) return bytes;
  const swapped = Buffer.from(bytes);
  swapped.swap32();
  return swapped;
}
