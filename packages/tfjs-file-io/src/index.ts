/**
 * @tsnets/tfjs-file-io: a TensorFlow.js IO handler for files in Node, for
 * apps on plain `@tensorflow/tfjs`, whose `loadLayersModel` cannot read a
 * path in Node (only `@tensorflow/tfjs-node` registers `file://`). It has no
 * runtime dependency: pass its handler where TensorFlow.js takes a URL.
 *
 * @example
 * const model = await tf.loadLayersModel(fileSystem('web-model/model.json'));
 * await model.save(fileSystem('web-model'));
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { io } from '@tensorflow/tfjs-core';

const MODEL_FILE = 'model.json';
const WEIGHTS_FILE = 'weights.bin';

/**
 * A handler that saves to the folder `target` (`model.json` and
 * `weights.bin`, each written to a temporary file and renamed) and loads
 * from `target`, a `model.json` or the folder holding one.
 */
export function fileSystem(target: string): io.IOHandler {
  return {
    save: async (artifacts) => save(target, artifacts),
    load: async () => load(target),
  };
}

function save(dir: string, artifacts: io.ModelArtifacts): io.SaveResult {
  if (artifacts.modelTopology instanceof ArrayBuffer) {
    throw new Error(`fileSystem("${dir}"): a binary model topology cannot be saved as model.json.`);
  }
  mkdirSync(dir, { recursive: true });
  const weights = joined(artifacts.weightData);
  const modelJson: io.ModelJSON = {
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
    ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
    ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
  } as io.ModelJSON;
  writeAtomically(path.join(dir, WEIGHTS_FILE), weights);
  writeAtomically(path.join(dir, MODEL_FILE), Buffer.from(JSON.stringify(modelJson)));
  return {
    modelArtifactsInfo: {
      dateSaved: new Date(),
      modelTopologyType: 'JSON',
      modelTopologyBytes: JSON.stringify(artifacts.modelTopology ?? {}).length,
      weightSpecsBytes: JSON.stringify(artifacts.weightSpecs ?? []).length,
      weightDataBytes: weights.byteLength,
    },
  };
}

function load(target: string): io.ModelArtifacts {
  const file = statSync(target).isDirectory() ? path.join(target, MODEL_FILE) : target;
  const modelJson = JSON.parse(readFileSync(file, 'utf8')) as io.ModelJSON;
  if (modelJson.modelTopology === undefined) {
    throw new Error(`fileSystem("${target}"): ${file} has no modelTopology; it is not a TensorFlow.js model.json.`);
  }
  const manifest = modelJson.weightsManifest ?? [];
  const buffers = manifest.flatMap((group) =>
    group.paths.map((name) => readFileSync(path.join(path.dirname(file), name))),
  );
  return {
    modelTopology: modelJson.modelTopology,
    format: modelJson.format,
    generatedBy: modelJson.generatedBy,
    convertedBy: modelJson.convertedBy,
    trainingConfig: modelJson.trainingConfig,
    userDefinedMetadata: modelJson.userDefinedMetadata,
    weightSpecs: manifest.flatMap((group) => group.weights),
    weightData: arrayBuffer(Buffer.concat(buffers)),
  };
}

/** The weight data as one buffer (TensorFlow.js may hand it over in parts). */
function joined(data: io.WeightData | undefined): Buffer {
  if (data === undefined) return Buffer.alloc(0);
  const parts = Array.isArray(data) ? data : [data];
  return Buffer.concat(parts.map((part) => Buffer.from(part)));
}

function arrayBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function writeAtomically(file: string, bytes: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, file);
}
