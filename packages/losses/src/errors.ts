import { ConfigurationError } from '@tsnets/core';
import { lossMessages } from './messages';

/**
 * A loss option that is unknown or has an invalid value. `loss` is the loss
 * id, `key` the option as given, `suggestions` close option names (for an
 * unknown key) so a host app can render its own message.
 */
export class LossOptionError extends ConfigurationError {
  constructor(
    message: string,
    readonly loss: string,
    readonly key: string,
    readonly suggestions: readonly string[] = [],
  ) {
    super(message);
  }

  /** An option no loss of this kind takes. */
  static unknown(loss: string, key: string, suggestions: readonly string[], known: readonly string[]): LossOptionError {
    return new LossOptionError(lossMessages.unknownOption(loss, key, suggestions, known), loss, key, suggestions);
  }

  /** A known option with a value of the wrong type or range. */
  static invalid(loss: string, key: string, value: unknown, expected: string): LossOptionError {
    return new LossOptionError(lossMessages.badOption(loss, key, value, expected), loss, key);
  }
}
