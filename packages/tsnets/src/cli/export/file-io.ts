import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tf } from '@tsnets/core';

const WEIGHTS_FILE = 'weights.bin';

/**
 * A TensorFlow.js save handler that writes `DIR/model.json` and
 * `DIR/weights.bin`, the layout `tf.loadLayersModel('file://DIR/model.json')`
 * reads (the union package has no file system handler of its own in Node).
 */
export function fileSaveHandler(dir: string): tf.io.IOHandler {
  return tf.io.withSaveHandler(async (artifacts) => {
    mkdirSync(dir, { recursive: true });
    const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0));
    const modelJson = {
      format: artifacts.format ?? 'layers-model',
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy ?? null,
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
    };
    writeFileSync(path.join(dir, WEIGHTS_FILE), Buffer.from(weights));
    writeFileSync(path.join(dir, 'model.json'), JSON.stringify(modelJson));
    return {
      modelArtifactsInfo: {
        dateSaved: new Date(),
        modelTopologyType: 'JSON',
        weightDataBytes: weights.byteLength,
      },
    };
  });
}

/** A TensorFlow.js load handler for a `model.json` written by `fileSaveHandler` (or by tfjs-node). */
export function fileLoadHandler(modelJsonPath: string): tf.io.IOHandler {
  return {
    load: async () => {
      const modelJson = JSON.parse(readFileSync(modelJsonPath, 'utf8')) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const buffers = manifest.flatMap((group) =>
          group.paths.map((file) => {
            const bytes = readFileSync(path.join(path.dirname(modelJsonPath), file));
            return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
          }),
        );
        return [specs, tf.io.concatenateArrayBuffers(buffers)];
      });
    },
  };
}

let registered = false;

/**
 * Lets `tf.loadLayersModel('file://DIR/model.json')` work with the union
 * package in Node (tfjs-node registers its own `file://` handler; this one is
 * only needed without it). Safe to call more than once.
 */
export function registerFileLoader(): void {
  if (registered) return;
  registered = true;
  // A router answers null for URLs it does not handle (the typings omit it).
  const router = (url: string | string[]): tf.io.IOHandler | null => {
    const text = Array.isArray(url) ? url[0] : url;
    return typeof text === 'string' && text.startsWith('file://')
      ? fileLoadHandler(text.slice('file://'.length))
      : null;
  };
  tf.io.registerLoadRouter(router as (url: string | string[]) => tf.io.IOHandler);
}
