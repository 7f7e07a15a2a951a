import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A fresh temporary directory and a function that removes it. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tsnets-datasets-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const CODES = {
  uint8: [0x08, 1],
  int8: [0x09, 1],
  int16: [0x0b, 2],
  int32: [0x0c, 4],
  float32: [0x0d, 4],
  float64: [0x0e, 8],
} as const;

/** The bytes of an IDX file, written by hand (big-endian) independently of the loader. */
export function idxBytes(dtype: keyof typeof CODES, shape: number[], values: number[]): Buffer {
  const [code, size] = CODES[dtype];
  const out = Buffer.alloc(4 + 4 * shape.length + values.length * size);
  out[2] = code;
  out[3] = shape.length;
  shape.forEach((d, i) => out.writeUInt32BE(d, 4 + 4 * i));
  const start = 4 + 4 * shape.length;
  values.forEach((v, i) => {
    const at = start + i * size;
    if (dtype === 'uint8') out.writeUInt8(v, at);
    else if (dtype === 'int8') out.writeInt8(v, at);
    else if (dtype === 'int16') out.writeInt16BE(v, at);
    else if (dtype === 'int32') out.writeInt32BE(v, at);
    else if (dtype === 'float32') out.writeFloatBE(v, at);
    else out.writeDoubleBE(v, at);
  });
  return out;
}

/** Writes `bytes` to `dir/name`, gzipped when `gzip` is set; returns the path. */
export function writeFile(dir: string, name: string, bytes: Buffer | string, gzip = false): string {
  const path = join(dir, name);
  writeFileSync(path, gzip ? gzipSync(bytes) : bytes);
  return path;
}

/** The error `fn` rejects with (fails the test when it resolves). */
export async function rejection(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** The error `fn` throws (fails the test when it returns). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
