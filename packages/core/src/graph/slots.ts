import { DataError } from '../errors/errors';
import { messages } from '../errors/messages';
import { tf } from '../tf';
import { indexName, toTensor, type ArrayInput } from './data';
import type { Input } from './layers/input';
import type { Layer } from './layers/layer';
import type { Loss } from './loss';

/** One array the network reads in training: an input, a loss target, or a loss's weights. */
export interface Slot {
  readonly role: 'input' | 'target' | 'weights';
  /** How errors name it: `inputs`, `targets`, `labels`, `weights` (with `[k]` for later losses). */
  readonly name: string;
  readonly dtype: 'float32' | 'int32';
  /** The shape of one example. */
  readonly shape: readonly number[];
  /** For label targets: the number of classes (the size of the layer the loss reads). */
  readonly classes?: number;
  /** For sequence targets and weights: their time steps for inputs of `steps` (conv1 and pool1 change them). */
  readonly steps?: (steps: number) => number;
}

/**
 * The time steps of every layer's output for inputs of `steps`, by layer
 * name; each layer follows its first input (a 1-d window changes them).
 */
export function stepsThrough(layers: readonly Layer[], steps: number): Map<string, number> {
  const found = new Map<string, number>();
  for (const layer of layers) {
    const source = [...layer.inputLayers.values()][0];
    found.set(layer.name, source ? layer.outputSteps(found.get(source.name) ?? steps) : steps);
  }
  return found;
}

/** The slots of a network: its inputs, then each loss's target (unless it reads the input) and weights. */
export function slotsOf(inputs: readonly Input[], layers: readonly Layer[], losses: readonly Loss[]): Slot[] {
  const slots: Slot[] = inputs.map((input) => ({
    role: 'input' as const,
    name: inputs.length === 1 ? 'inputs' : `inputs[${input.name}]`,
    dtype: 'float32' as const,
    shape: input.dataShape,
  }));
  losses.forEach((loss, k) => {
    const output = layers.find((layer) => layer.name === loss.outputName.split(':')[0]);
    const shape = output?.shape ?? [];
    const suffix = k === 0 ? '' : `[${k}]`;
    const perExample = loss.labels ? shape.slice(0, -1) : shape;
    const name = output?.name ?? '';
    const steps = shape[0] === -1 ? { steps: (t: number) => stepsThrough(layers, t).get(name) ?? t } : {};
    if (loss.target === 'array') {
      slots.push(
        loss.labels
          ? {
              role: 'target',
              name: `labels${suffix}`,
              dtype: 'int32',
              shape: perExample,
              classes: output?.size,
              ...steps,
            }
          : { role: 'target', name: `targets${suffix}`, dtype: 'float32', shape, ...steps },
      );
    }
    if (loss.weighted)
      slots.push({ role: 'weights', name: `weights${suffix}`, dtype: 'float32', shape: perExample, ...steps });
  });
  return slots;
}

/** Converts arrays to tensors for the slots, checking count, shapes, values and labels. Call inside `tf.tidy`. */
export function prepareArrays(arrays: readonly ArrayInput[], slots: readonly Slot[]): tf.Tensor[] {
  if (arrays.length !== slots.length) {
    throw new DataError(
      messages.badData(
        'data',
        `expected ${slots.length} arrays (${slots.map((s) => s.name).join(', ')}), got ${arrays.length}`,
        'Pass [inputs], [inputs, targets] or [inputs, targets, weights] as the model requires.',
      ),
      'data',
    );
  }
  const tensors = slots.map((slot, i) =>
    checkSlot(toTensor(arrays[i], slot.name, slot.dtype, isSequence(slot)), slot, arrays[i]),
  );
  checkTimeSteps(tensors, slots);
  const count = tensors[0].shape[0];
  tensors.forEach((tensor, i) => {
    if (tensor.shape[0] !== count) {
      throw new DataError(
        messages.badData(
          slots[i].name,
          `has ${tensor.shape[0]} rows but ${slots[0].name} has ${count}`,
          'Give every array one row per example.',
        ),
        slots[i].name,
      );
    }
  });
  return tensors;
}

/** True for the arrays of recurrent models: one example is a sequence, its first axis time (`-1`, any length). */
export function isSequence(slot: Slot): boolean {
  return slot.shape[0] === -1;
}

/** Every sequence array of a batch must have the inputs' number of time steps, as its layers change them. */
function checkTimeSteps(tensors: readonly tf.Tensor[], slots: readonly Slot[]): void {
  const first = slots.findIndex(isSequence);
  if (first < 0) return;
  const steps = tensors[first].shape[1] as number;
  slots.forEach((slot, i) => {
    const expected = slot.steps?.(steps) ?? steps;
    if (isSequence(slot) && tensors[i].shape[1] !== expected) {
      const changed = expected !== steps ? `, which its conv1 or pool1 layers turn into ${expected}` : '';
      throw new DataError(
        messages.badData(
          slot.name,
          `has ${tensors[i].shape[1]} time steps but ${slots[first].name} has ${steps}${changed}`,
          expected !== steps
            ? `Give ${slot.name} ${expected} steps per sequence, or use border_mode 'same' and stride 1 to keep the steps`
            : 'Give every array of a sequence model the same time steps (pad, and mask the padding with weights).',
        ),
        slot.name,
      );
    }
  });
}

/** The expected shape as errors print it: `[N, T, 7]` for sequences. */
function expectedShape(slot: Slot): string {
  return `[N, ${slot.shape.map((d) => (d === -1 ? 'T' : d)).join(', ')}]`;
}

/** Why a shape does not fit, with the fix: a sequence model given one array per example, or the reverse. */
function shapeHint(tensor: tf.Tensor, slot: Slot): string {
  const rank = slot.shape.length + 1;
  if (isSequence(slot) && tensor.rank === rank - 1)
    return 'This is a recurrent model: give one sequence per example, [N, T, features], or use a feed-forward model.';
  if (!isSequence(slot) && tensor.rank === rank + 1 && slot.role === 'input')
    return 'The array looks like sequences [N, T, features]: use recurrent.Regressor, recurrent.Classifier or recurrent.Autoencoder.';
  if (isSequence(slot) && tensor.rank === rank && tensor.shape[1] === 0)
    return 'Give every sequence at least one time step.';
  return 'Check the layer sizes against the data.';
}

/** Checks one converted array against its slot: shape, label range, non-negative weights. */
export function checkSlot(tensor: tf.Tensor, slot: Slot, original: ArrayInput): tf.Tensor {
  const expected = [-1, ...slot.shape];
  const fits =
    tensor.rank === expected.length &&
    tensor.shape.every((d, i) => i === 0 || d === expected[i] || (expected[i] === -1 && d > 0));
  if (!fits || tensor.shape[0] === 0) {
    const empty = tensor.shape[0] === 0 ? ' with N > 0' : '';
    throw new DataError(
      messages.badData(
        slot.name,
        `has shape [${tensor.shape.join(', ')}] but the model expects ${expectedShape(slot)}${empty}`,
        shapeHint(tensor, slot),
      ),
      slot.name,
    );
  }
  if (slot.dtype === 'int32' && slot.classes !== undefined) checkLabels(slot, original, slot.classes);
  if (slot.role === 'weights') {
    const values = tensor.dataSync();
    const bad = values.findIndex((v) => v < 0);
    if (bad >= 0) {
      const index = unravel(bad, tensor.shape);
      throw new DataError(
        messages.negativeWeight(slot.name, indexName(slot.name, index), values[bad]),
        slot.name,
        index[0],
        index[1],
      );
    }
  }
  return tensor;
}

/** Labels must be whole numbers in [0, classes); read from the original values, before any cast. */
function checkLabels(slot: Slot, original: ArrayInput, classes: number): void {
  const raw = (
    original instanceof tf.Tensor ? original.dataSync() : (original as unknown[]).flat(Infinity)
  ) as ArrayLike<number>;
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (!Number.isInteger(v) || v < 0 || v >= classes) {
      throw new DataError(
        messages.badData(
          slot.name,
          `row ${i} is ${v}, not an integer class label in [0, ${classes - 1}]`,
          `Use labels 0 to ${classes - 1}.`,
        ),
        slot.name,
        i,
        0,
      );
    }
  }
}

/** The multi-index of a flat (row-major) index. */
function unravel(flat: number, shape: readonly number[]): number[] {
  const index: number[] = [];
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index.unshift(flat % shape[axis]);
    flat = Math.floor(flat / shape[axis]);
  }
  return index;
}
