import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/**
 * The JSON document of a saved model file (gzipped or not), read as data
 * only, to see which plugin ids it names before loading it; undefined when
 * it cannot be read or parsed (then `Network.load` reports why).
 */
export function readModelDocument(path: string): Record<string, unknown> | undefined {
  try {
    let bytes = readFileSync(path);
    if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    const document: unknown = JSON.parse(bytes.toString('utf8'));
    return document !== null && typeof document === 'object' && !Array.isArray(document)
      ? (document as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
