import { RandomState, tf, type TrainData, type TrainingRun } from '@tsnets/core';
import type { TrainingSettings } from './options';
import { TrainingStrategy } from './strategy';
import type { Trainer } from './trainer';

/** Picks `n` rows with reservoir sampling, each scaled to unit norm; pads with jittered copies when there are fewer. */
function reservoir(rows: Float32Array[], n: number, rng: RandomState): Float32Array[] {
  const unit = (row: Float32Array) => {
    const norm = Math.sqrt(row.reduce((s, v) => s + v * v, 0)) || 1;
    return row.map((v) => v / norm);
  };
  const pool: Float32Array[] = [];
  rows.forEach((row, i) => {
    if (pool.length < n) pool.push(unit(row));
    else {
      const j = rng.randomInterval(i);
      if (j < n) pool[j] = unit(row);
    }
  });
  const size = pool.length;
  const width = pool[0].length;
  const std = new Float32Array(width).map((_, c) => {
    const mean = pool.reduce((s, r) => s + r[c], 0) / size;
    return Math.sqrt(pool.reduce((s, r) => s + (r[c] - mean) ** 2, 0) / size);
  });
  while (pool.length < n) {
    const base = pool[rng.randomInterval(size - 1)];
    pool.push(base.map((v, c) => v + std[c] * rng.gauss()));
  }
  return pool;
}

function rowsOf(tensor: tf.Tensor): Float32Array[] {
  const values = tensor.dataSync() as Float32Array;
  const width = tensor.shape[tensor.rank - 1];
  return Array.from({ length: values.length / width }, (_, i) => values.slice(i * width, (i + 1) * width));
}

/**
 * Sets weights from data, as theanets' sample trainer: every weight matrix
 * reading the input gets unit-norm input rows as its columns, and the output
 * layer's weights get unit-norm target rows. Yields the monitors once.
 */
export class Sample extends TrainingStrategy {
  async *run(
    trainer: Trainer,
    data: TrainData,
    settings: TrainingSettings,
    _regularizers: Record<string, unknown>,
  ): TrainingRun {
    const network = trainer.network;
    const arrays = typeof data === 'function' ? data() : data;
    const rng = new RandomState(settings.rng);
    const slots = network.slots();
    const tensors = tf.tidy(() => network.prepare(arrays, slots).map((t) => tf.clone(t)));
    try {
      const inputs = rowsOf(tensors[0]);
      const inputSize = tensors[0].shape[tensors[0].rank - 1];
      const targetSlot = slots.findIndex((slot) => slot.role === 'target' && slot.dtype === 'float32');
      const outputLayer = network.layers[network.layers.length - 1];
      if (targetSlot >= 0) {
        const targets = rowsOf(tensors[targetSlot]);
        for (const param of outputLayer.params) {
          const [rows, cols] = param.shape;
          if (param.shape.length === 2 && cols === targets[0].length) {
            const pool = reservoir(targets, rows, rng);
            tf.tidy(() =>
              param.variable.assign(
                tf.tensor2d(
                  pool.flatMap((r) => Array.from(r)),
                  [rows, cols],
                ),
              ),
            );
          }
        }
      }
      for (const layer of network.layers) {
        for (const param of layer.params) {
          const [rows, cols] = param.shape;
          if (
            param.shape.length === 2 &&
            rows === inputSize &&
            layer.inputLayers.size === 1 &&
            [...layer.inputLayers.values()][0] === network.inputs[0]
          ) {
            const pool = reservoir(inputs, cols, rng);
            const values = new Float32Array(rows * cols);
            pool.forEach((column, c) => column.forEach((v, r) => (values[r * cols + c] = v)));
            tf.tidy(() => param.variable.assign(tf.tensor2d(values, [rows, cols])));
          }
        }
      }
    } finally {
      for (const tensor of tensors) tensor.dispose();
    }
    const monitors = trainer.evaluateData(network, arrays, settings);
    yield [monitors, monitors];
    return { train: monitors, valid: monitors, best: { epoch: 0, loss: monitors.loss }, reason: 'done', epochs: 0 };
  }
}
