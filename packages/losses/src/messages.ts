/**
 * Every user-facing error text of @tsnets/losses, as small functions. Each
 * says which loss and which option or array was wrong, what was expected,
 * and how to fix it.
 */

const show = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : String(value));

const didYouMean = (suggestions: readonly string[]): string =>
  suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '';

/** Error texts of the loss package. */
export const lossMessages = {
  unknownOption: (loss: string, key: string, suggestions: readonly string[], known: readonly string[]) =>
    `Unknown option "${key}" for loss "${loss}".${didYouMean(suggestions)} Options of ${loss}: ${known.join(', ')}. ` +
    'Remove the option or correct its spelling.',

  badOption: (loss: string, key: string, value: unknown, expected: string) =>
    `Invalid value for option "${key}" of loss "${loss}": ${show(value)}. Expected ${expected}.`,

  badShape: (loss: string, array: string, shape: readonly number[], expected: string, fix: string) =>
    `Invalid ${array} for loss "${loss}": shape [${shape.join(', ')}], expected ${expected}. ${fix}`,

  missingWeights: (loss: string) =>
    `Loss "${loss}" was built with weighted: true but no weights were given. ` +
    'Pass a weights array with the shape of the targets, or build the loss with weighted: false.',
};
