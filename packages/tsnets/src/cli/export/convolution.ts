import { tf, type Convolution, type Layer, type Pooling } from '@tsnets/core';
import { UsageError } from '../errors';
import { cliMessages } from '../messages';
import type { Exported } from './recurrent';

/** Forms `imageLayers` exports. */
export const IMAGE_FORMS: ReadonlySet<string> = new Set(['conv1', 'conv2', 'pool1', 'pool2', 'flatten']);

const none = (): tf.Tensor[] => [];
const copies =
  (layer: Layer, ...keys: string[]) =>
  (): tf.Tensor[] =>
    keys.map((key) => tf.clone(layer.find(key).variable));

/**
 * The tfjs-layers layers computing what a convolution, pooling or flatten
 * layer computes: `conv1d`/`conv2d` (tsnets keeps filters in their layout),
 * with zero padding first for `full` (2-d only: tfjs-layers has no 1-d padding); `maxPooling*`/`averagePooling*`,
 * with an activation layer after when it is not linear; `flatten`.
 */
export function imageLayers(layer: Layer, activation: string, inputShape?: number[]): Exported[] {
  const first = inputShape ? { inputShape } : {};
  const exported: Exported[] = [];
  if (layer.form === 'flatten') return [{ layer: tf.layers.flatten(first), weights: none }];
  const axes = layer.form.endsWith('1') ? 1 : 2;
  if (layer.form.startsWith('conv')) {
    const conv = layer as Convolution;
    let padding: 'valid' | 'same' = conv.mode === 'same' ? 'same' : 'valid';
    if (conv.mode === 'full') {
      if (axes === 1)
        throw new UsageError(
          cliMessages.cannotExport(layer.name, 'tfjs-layers has no 1-d zero padding for border_mode "full"'),
        );
      const pads = conv.filterSize.map((f) => [f - 1, f - 1] as [number, number]);
      exported.push({
        layer: tf.layers.zeroPadding2d({ padding: pads as [[number, number], [number, number]], ...first }),
        weights: none,
      });
      padding = 'valid';
    }
    const options = {
      filters: layer.size,
      kernelSize: axes === 1 ? conv.filterSize[0] : conv.filterSize,
      strides: axes === 1 ? conv.stride[0] : conv.stride,
      padding,
      activation: activation as 'linear',
      ...(exported.length ? {} : first),
    };
    exported.push({
      layer: axes === 1 ? tf.layers.conv1d(options) : tf.layers.conv2d(options),
      weights: copies(layer, 'w', 'b'),
    });
    return exported;
  }
  const pool = layer as Pooling;
  const options = {
    poolSize: axes === 1 ? pool.poolSize[0] : (pool.poolSize as [number, number]),
    strides: axes === 1 ? pool.stride[0] : (pool.stride as [number, number]),
    padding: pool.borderMode as 'valid' | 'same',
    ...first,
  };
  const makers = {
    max: [tf.layers.maxPooling1d, tf.layers.maxPooling2d],
    mean: [tf.layers.averagePooling1d, tf.layers.averagePooling2d],
  } as const;
  const make = makers[pool.mode][axes - 1] as (args: typeof options) => tf.layers.Layer;
  exported.push({ layer: make(options), weights: none });
  if (activation !== 'linear') {
    exported.push({ layer: tf.layers.activation({ activation: activation as 'relu' }), weights: none });
  }
  return exported;
}
