/** Every user-facing error text of the kl_sparsity plugin. */
export const klMessages = {
  noHiddenLayers: (id: string, layers: readonly string[]) =>
    `Regularizer "${id}": the network has no hidden layers (neither an input nor the last layer) to default to; ` +
    `its layers are ${layers.join(', ')}. Pass a pattern over outputs, e.g. { weight: 0.1, pattern: 'out:out' }.`,

  notBound: (id: string) =>
    `Regularizer "${id}" was not bound to a network: call bind(network.names()) before loss(), ` +
    'or pass it to train() and let the trainer bind it.',

  missingOutput: (id: string, name: string, available: readonly string[]) =>
    `Regularizer "${id}": the graph has no output "${name}" (it was bound to another network?). ` +
    `Outputs: ${available.join(', ')}.`,
};
