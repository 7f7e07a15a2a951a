import { CommanderError } from 'commander';
import { TrainingError, TsnetsError, UnknownNameError, closeMatches } from '@tsnets/core';
import { Interrupted, UsageError } from './errors';
import { cliMessages } from './messages';
import { buildProgram } from './program';

/** Exit code of bad arguments, files or data. */
export const USAGE = 2;

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

/**
 * Prints a failure on one line of stderr (no stack trace; `TSNETS_DEBUG=1`
 * adds it) and returns the exit code: 0 for help and version, 2 for usage
 * errors and tsnets' errors about options, names, data and files, 128 + the
 * signal's number (130, 143, 129) for a training interrupted by SIGINT,
 * SIGTERM or SIGHUP after it saved (printing nothing more), 1 otherwise
 * (a training error, a save that had to go to a fallback path).
 */
export function errorExit(error: unknown, argv: readonly string[]): number {
  if (error instanceof Interrupted) return error.code;
  if (error instanceof CommanderError) {
    if (['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code)) return 0;
    const message =
      error.code === 'commander.unknownOption'
        ? unknownOption(error.message, argv)
        : error.message.replace(/^error: /, '');
    process.stderr.write(`tsnets: ${oneLine(message)}\n`);
    return USAGE;
  }
  const usage = error instanceof UsageError || (error instanceof TsnetsError && !(error instanceof TrainingError));
  // The library's remedies name API calls (@activation(...), loadPlugins()); a command-line user gets flags.
  const message =
    error instanceof UnknownNameError
      ? cliMessages.unknownName(error.kind, error.key, error.suggestions, error.registered, error.plugin)
      : error instanceof Error
        ? error.message
        : String(error);
  process.stderr.write(`tsnets: ${oneLine(message)}\n`);
  if (process.env.TSNETS_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return usage ? USAGE : 1;
}

/** The unknown-option message with close matches among the command's own flags. */
function unknownOption(message: string, argv: readonly string[]): string {
  const flag = /'([^']+)'/.exec(message)?.[1] ?? message;
  const program = buildProgram('0');
  const command = program.commands.find((cmd) => cmd.name() === argv[0]) ?? program;
  const names = command.options.map((option) => (option.long ?? '').replace(/^--/, '')).filter(Boolean);
  const name = flag.replace(/^-+/, '').split('=')[0];
  return cliMessages.unknownFlag(
    command === program ? 'tsnets' : `tsnets ${command.name()}`,
    flag,
    closeMatches(name, names),
  );
}
