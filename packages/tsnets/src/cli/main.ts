#!/usr/bin/env node
/**
 * The `tsnets` command line. Loads tsnets (registering the built-ins) and the
 * plugins, runs one command, and maps failures to exit codes: 2 with a
 * one-line message for bad arguments, files or data, 1 for anything else.
 */
import 'reflect-metadata';
import '../index';
import { ready } from '@tsnets/core';
import { errorExit } from './exit';
import { loadCliPlugins, pluginArguments } from './plugins';
import { buildProgram } from './program';

const { version } = require('../../../package.json') as { version: string };

async function main(argv: string[]): Promise<number> {
  try {
    loadCliPlugins(pluginArguments(argv));
    const program = buildProgram(version);
    if (argv[0] !== 'plugins') await ready();
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    return errorExit(error, argv);
  }
}

// A closed pipe (`tsnets predict ... | head`) ends the output, not in a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
