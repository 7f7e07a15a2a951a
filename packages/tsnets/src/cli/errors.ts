/**
 * A mistake in how the command line was used (a bad flag, value, file or
 * layer list): `main` prints its message on one line and exits with code 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A training run that a stop signal interrupted, after it saved: `main`
 * prints nothing more and exits with `code` (128 + the signal's number).
 */
export class Interrupted extends Error {
  constructor(
    readonly signal: string,
    readonly code: number,
  ) {
    super(`interrupted by ${signal}`);
    this.name = 'Interrupted';
  }
}

/** The `--save` target failed after training; the model was saved to `fallback` instead (exit code 1). */
export class SavedElsewhereError extends Error {
  constructor(
    message: string,
    readonly target: string,
    readonly fallback: string,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'SavedElsewhereError';
  }
}
