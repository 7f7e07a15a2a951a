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
