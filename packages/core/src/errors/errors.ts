import { messages } from './messages';

/** Base class of every error tsnets throws. */
export class TsnetsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A name (layer form, activation, loss, optimizer, regularizer, ...) that nothing is registered under. */
export class UnknownNameError extends TsnetsError {
  constructor(
    readonly kind: string,
    readonly key: string,
    readonly suggestions: readonly string[],
    readonly registered: readonly string[],
    readonly plugin?: string,
  ) {
    super(messages.unknownName(kind, key, suggestions, registered, plugin));
  }
}

/** An id registered a second time by a different class. */
export class DuplicateRegistrationError extends TsnetsError {
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly existing: string,
    readonly incoming: string,
  ) {
    super(messages.duplicateRegistration(kind, id, existing, incoming));
  }
}

/** A model or layer description that cannot be built. */
export class ConfigurationError extends TsnetsError {}

/** A training option that is unknown or has an invalid value. */
export class OptionError extends TsnetsError {
  constructor(
    message: string,
    readonly key: string,
    readonly suggestions: readonly string[] = [],
  ) {
    super(message);
  }
}

/** Input data of the wrong shape, type or content; `row`/`column` locate a bad value. */
export class DataError extends TsnetsError {
  constructor(
    message: string,
    readonly array: string,
    readonly row?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

/** A layer, parameter or output that does not exist. */
export class NotFoundError extends TsnetsError {
  constructor(
    readonly what: string,
    readonly key: string,
    readonly available: readonly string[],
  ) {
    super(messages.notFound(what, key, available));
  }
}

/** Training that could not go on (for instance a loss that became NaN); the best parameters were restored. */
export class TrainingError extends TsnetsError {
  constructor(
    message: string,
    readonly epoch: number,
  ) {
    super(message);
  }
}

/**
 * A model file that cannot be loaded (missing, truncated, foreign, newer,
 * malformed, damaged) or saved. `path` is the file named by the caller (for
 * a save, the target, never the temporary file), `entry` the place in the
 * document that is wrong (`layers[1].size`, `params["hid1.w"].data`) when
 * one is, and `operation` says whether loading or saving failed.
 */
export class ModelFileError extends TsnetsError {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly entry?: string,
    readonly operation: 'load' | 'save' = 'load',
    override readonly cause?: unknown,
  ) {
    super(operation === 'save' ? messages.modelFileSave(path, reason) : messages.modelFile(path, reason, entry));
  }
}

/** A regularizer with a bad option, a pattern that matches nothing, or a hook that failed; `regularizer` names it. */
export class RegularizerError extends TsnetsError {
  constructor(
    readonly regularizer: string,
    message: string,
  ) {
    super(message);
  }
}

/** A plugin package whose manifest, entry or registrations are wrong; `packageName` names it, `path` the file concerned. */
export class PluginError extends TsnetsError {
  constructor(
    message: string,
    readonly packageName: string,
    readonly path: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
