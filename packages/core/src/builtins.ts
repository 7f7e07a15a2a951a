import { ELEMENTWISE, elementwise } from './graph/activations/elementwise';
import { Maxout } from './graph/activations/maxout';
import { LGrelu, Prelu } from './graph/activations/prelu';
import { Classifier, Feedforward } from './graph/layers/feedforward';
import { Input } from './graph/layers/input';
import { Conv1, Conv2 } from './graph/layers/convolution';
import { Pool1, Pool2 } from './graph/layers/pooling';
import { Concatenate, Flatten, Product, Reshape } from './graph/layers/shaping';
import { Tied } from './graph/layers/tied';
import type { Layer } from './graph/layers/layer';
import { BCRNN, Bidirectional, Clockwork, GRU, LSTM, MRNN, MUT1, RNN, RRNN, SCRN } from './graph/layers/recurrent';
import { register } from './registry/registry';

const PACKAGE = '@tsnets/core';

/** Registers core's layer forms and activations (idempotent). */
export function registerCoreBuiltins(): void {
  register('layer', Input, { id: 'input', package: PACKAGE });
  register('layer', Feedforward, { id: 'feedforward', aliases: ['ff'], package: PACKAGE });
  register('layer', Classifier, { id: 'classifier', aliases: ['softmax'], package: PACKAGE });
  register('layer', Tied, { id: 'tied', package: PACKAGE });
  register('layer', Flatten, { id: 'flatten', aliases: ['flat'], package: PACKAGE });
  register('layer', Concatenate, { id: 'concatenate', aliases: ['concat'], package: PACKAGE });
  register('layer', Product, { id: 'product', aliases: ['prod'], package: PACKAGE });
  register('layer', Reshape, { id: 'reshape', package: PACKAGE });
  const recurrent = { rnn: RNN, rrnn: RRNN, mut1: MUT1, gru: GRU, lstm: LSTM, clockwork: Clockwork, mrnn: MRNN };
  for (const [id, form] of Object.entries({ ...recurrent, scrn: SCRN, bcrnn: BCRNN })) {
    register<Layer>('layer', form, { id, package: PACKAGE });
  }
  register('layer', Bidirectional, { id: 'bidirectional', aliases: ['bidi'], package: PACKAGE });
  for (const [id, form] of Object.entries({ conv1: Conv1, conv2: Conv2, pool1: Pool1, pool2: Pool2 })) {
    register<Layer>('layer', form, { id, package: PACKAGE });
  }

  for (const [[id, ...aliases], fn] of ELEMENTWISE) {
    const className = id.replace(/(^|[:_-])(\w)/g, (_, __, c: string) => c.toUpperCase());
    if (!elementwiseClasses.has(id)) elementwiseClasses.set(id, elementwise(className, fn));
    register('activation', elementwiseClasses.get(id) as typeof Prelu, { id, aliases, package: PACKAGE });
  }
  register('activation', Prelu, { id: 'prelu', aliases: ['leaky-relu'], package: PACKAGE });
  register('activation', LGrelu, { id: 'lgrelu', aliases: ['leaky-gain-relu'], package: PACKAGE });
  register('activation', Maxout, { id: 'maxout', package: PACKAGE });
}

// One class per id, so registering twice (two imports) registers the same class.
const elementwiseClasses = new Map<string, ReturnType<typeof elementwise>>();
