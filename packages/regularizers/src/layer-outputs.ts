import { Input, RegularizerError, type Layer, type NetworkNames, type Outputs, type tf } from '@tsnets/core';
import { regularizerMessages } from './messages';

/** Which layers a default pattern covers. */
export type LayerGroup = 'input' | 'hidden' | 'output';

const DESCRIPTIONS: Record<LayerGroup, string> = {
  input: 'input layers',
  hidden: 'hidden layers',
  output: 'output layer',
};

function inGroup(layer: Layer, index: number, layers: readonly Layer[], group: LayerGroup): boolean {
  const isInput = layer instanceof Input;
  const isLast = index === layers.length - 1;
  if (group === 'input') return isInput;
  if (group === 'output') return isLast;
  return !isInput && !isLast;
}

/**
 * The default output names (`hid1:out`, ...) of a group of layers: input
 * layers, hidden layers (neither inputs nor the last layer) or the last
 * layer. Throws a RegularizerError naming `id` when the group is empty.
 */
export function layerOutputs(network: NetworkNames, group: LayerGroup, id: string): string[] {
  const names = network.layers
    .filter((layer, i, layers) => inGroup(layer, i, layers, group))
    .map((layer) => layer.outputName);
  if (names.length === 0) throw new RegularizerError(id, regularizerMessages.noDefaultTargets(id, DESCRIPTIONS[group]));
  return names;
}

/**
 * The outputs a regularizer matched at bind time, with their tensors in this
 * graph; a RegularizerError naming `id` when it was never bound, or when the
 * graph lacks one (it was bound to another network).
 */
export function matchedOutputs(id: string, matched: readonly string[], outputs: Outputs): Array<[string, tf.Tensor]> {
  if (matched.length === 0) throw new RegularizerError(id, regularizerMessages.notBound(id));
  return matched.map((name) => {
    const value = outputs.get(name);
    if (!value)
      throw new RegularizerError(id, regularizerMessages.missingName(id, 'output', name, [...outputs.keys()]));
    return [name, value];
  });
}
