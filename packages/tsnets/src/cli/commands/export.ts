import * as path from 'node:path';
import { Network } from '@tsnets/core';
import { exportLayersModel } from '../export/layers-model';
import { processOutput } from '../output';

/** `tsnets export MODEL DIR`: writes the model as a TensorFlow.js LayersModel (`DIR/model.json`, `DIR/weights.bin`). */
export async function exportModel(modelPath: string, dir: string): Promise<void> {
  const network = await Network.load(modelPath);
  try {
    await exportLayersModel(network, dir);
  } finally {
    network.dispose();
  }
  processOutput(false).status(`wrote ${path.join(dir, 'model.json')} and ${path.join(dir, 'weights.bin')}`);
}
