/**
 * The error texts of @tsnets/regularizers, as small functions. Each names
 * the regularizer, what was wrong, what exists, and how to fix it. Texts the
 * base class already has (bad options, a pattern matching nothing) come from
 * core's `messages`.
 */

const list = (items: readonly string[]): string => (items.length === 0 ? '(none)' : items.join(', '));

/** Error texts of the regularizer package. */
export const regularizerMessages = {
  noDefaultTargets: (id: string, what: string) =>
    `Regularizer "${id}": this network has no ${what}, so there is nothing to act on by default. ` +
    `Pass { pattern: '...' } with the outputs to use, or drop the keyword.`,

  onlyVectors: (id: string, pattern: string | readonly string[], matched: readonly string[]) =>
    `Regularizer "${id}": the pattern ${JSON.stringify(pattern)} matches only parameters of rank 1 (${list(matched)}), ` +
    `which weight penalties leave out (they penalize weight matrices, not biases). ` +
    `Use a pattern over weights such as 'hid1.w', or '*' for every weight.`,

  notBound: (id: string) =>
    `Regularizer "${id}" was used before it was bound to a network. ` +
    `Pass it to training as a keyword or in { regularizers: [...] }, which binds it, or call bind(network.names()).`,

  missingName: (id: string, what: string, name: string, available: readonly string[]) =>
    `Regularizer "${id}": the network has no ${what} "${name}" (it has ${list(available)}). ` +
    `The regularizer was bound to another network; bind it to this one first.`,

  needsPattern: (id: string) =>
    `Regularizer "${id}" needs a pattern naming the recurrent outputs it acts on, e.g. ` +
    `{ ${id}: { weight: 0.1, pattern: 'hid1:out' } }. A number alone gives only the weight.`,

  notFeatureMaps: (id: string, name: string, shape: readonly number[]) =>
    `Regularizer "${id}" drops whole feature maps, but output "${name}" has shape [N, ${shape.join(', ')}], ` +
    "one value per unit. Match the outputs of convolution or pooling layers (e.g. 'hid1:out'), or use dropout.",

  notSequence: (id: string, name: string, shape: readonly number[]) =>
    `Regularizer "${id}": output "${name}" has shape [${shape.join(', ')}], not a sequence [N, T, units]. ` +
    `Match only the outputs of recurrent layers (e.g. 'hid1:out' of an rnn or lstm layer).`,
};
