import { tf } from '../tf';
import { matchNames } from '../util/glob';
import type { Layer } from './layers/layer';
import type { Outputs } from './outputs';

/** A named function of a tensor giving a scalar. */
export type MonitorFunction = (value: tf.Tensor) => tf.Scalar;

/**
 * What to watch during training, by glob over output names, then parameter
 * names: thresholds (`[0.1, 0.9]` gives `hid1:out<0.1`, the fraction below
 * 0.1), or labelled functions (`{ mean: fn }` gives `hid1:out:mean`).
 */
export type MonitorSpec = Record<
  string,
  number | readonly (number | readonly [string, MonitorFunction])[] | Record<string, MonitorFunction>
>;

function levels(spec: MonitorSpec[string]): Array<[string, MonitorFunction]> {
  const entries =
    typeof spec === 'number'
      ? [spec]
      : Array.isArray(spec)
        ? spec
        : Object.entries(spec as Record<string, MonitorFunction>);
  return entries.map((level) => {
    if (typeof level === 'number') {
      return [`<${level}`, (x: tf.Tensor) => tf.mean(tf.cast(tf.less(x, level), 'float32'))] as [
        string,
        MonitorFunction,
      ];
    }
    const [label, fn] = level as readonly [string, MonitorFunction];
    return [`:${label}`, fn] as [string, MonitorFunction];
  });
}

/** The user monitors' values, by name, from a graph's outputs and the layers' parameters. */
export function monitorValues(
  spec: MonitorSpec | undefined,
  outputs: Outputs,
  layers: readonly Layer[],
): Array<[string, tf.Scalar]> {
  if (!spec) return [];
  const values: Array<[string, tf.Scalar]> = [];
  const outputNames = [...outputs.keys()].sort();
  const params = layers.flatMap((layer) => layer.params);
  for (const [pattern, levelSpec] of Object.entries(spec)) {
    const targets: Array<[string, tf.Tensor]> = [
      ...matchNames(outputNames, pattern).map((name): [string, tf.Tensor] => [name, outputs.get(name) as tf.Tensor]),
      ...matchNames(
        params.map((p) => p.name),
        pattern,
      ).map((name): [string, tf.Tensor] => [
        name,
        (params.find((p) => p.name === name) as { variable: tf.Variable }).variable,
      ]),
    ];
    for (const [name, tensor] of targets) {
      for (const [suffix, fn] of levels(levelSpec)) values.push([`${name}${suffix}`, fn(tensor)]);
    }
  }
  return values;
}
