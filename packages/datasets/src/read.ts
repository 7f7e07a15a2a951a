import { readFile } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { DataError } from '@tsnets/core';
import { datasetMessages } from './messages';

const gunzipAsync = promisify(gunzip);

/** Whether `bytes` start with the gzip magic number (0x1f 0x8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The contents of the file at `path`, decompressed when it is gzip (known by
 * its first bytes, whatever its name). Failures throw a `DataError` naming
 * the file.
 */
export async function readFileBytes(path: string): Promise<Uint8Array> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (error) {
    throw new DataError(datasetMessages.unreadable(path, (error as Error).message), path);
  }
  return gunzipIfNeeded(raw, path);
}

/** `bytes` decompressed when they are gzip, else as they are; `name` labels errors. */
export async function gunzipIfNeeded(bytes: Uint8Array, name: string): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    return await gunzipAsync(bytes);
  } catch (error) {
    throw new DataError(datasetMessages.badGzip(name, (error as Error).message), name);
  }
}
