import { OptionError } from '../errors/errors';
import { messages } from '../errors/messages';
import { tf } from '../tf';
import { matchNames } from '../util/glob';
import type { Layer } from './layers/layer';
import type { Outputs } from './outputs';
import type { NetworkNames } from './regularizer';

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

const isThreshold = (level: unknown): boolean => typeof level === 'number' && !Number.isNaN(level);
const isLabelled = (level: unknown): boolean =>
  Array.isArray(level) && level.length === 2 && typeof level[0] === 'string' && typeof level[1] === 'function';

/**
 * Checks a monitor spec against a network before training: every glob must
 * match an output or a parameter, and every level must be a number, a
 * `[label, function]` pair, or an object of functions. (theanets skips a
 * glob that matches nothing; a typo would then watch nothing in silence.)
 */
export function checkMonitors(spec: MonitorSpec, names: NetworkNames): void {
  const all = [...names.outputs, ...names.params];
  for (const [pattern, levelSpec] of Object.entries(spec)) {
    if (matchNames(all, pattern).length === 0) {
      throw new OptionError(messages.monitorMatchesNothing(pattern, all), 'monitors');
    }
    const functions = levelSpec !== null && typeof levelSpec === 'object' && !Array.isArray(levelSpec);
    const entries: unknown[] = functions
      ? Object.values(levelSpec)
      : Array.isArray(levelSpec)
        ? levelSpec
        : [levelSpec];
    for (const level of entries) {
      const fine = functions ? typeof level === 'function' : isThreshold(level) || isLabelled(level);
      if (!fine) throw new OptionError(messages.badMonitorLevel(pattern, level), 'monitors');
    }
  }
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
