#!/usr/bin/env node
/**
 * The `tsnets` command line. Loads tsnets (registering the built-ins), reads
 * the installed plugins' manifests, loads the plugins the command needs (see
 * plugins.ts), runs one command, and maps failures to exit codes: 2 with a
 * one-line message for bad arguments, files or data, 1 for anything else,
 * 128 + the signal's number after an interrupted training saved.
 */
import 'reflect-metadata';
import '../index';
import { ready } from '@tsnets/core';
import { errorExit } from './exit';
import { discoverCliPlugins, loadNamedPlugins, loadTrainPlugins, pluginArguments } from './plugins';
import { buildProgram } from './program';

const { version } = require('../../../package.json') as { version: string };

async function main(argv: string[]): Promise<number> {
  try {
    const discovery = discoverCliPlugins(argv);
    loadTrainPlugins(argv, discovery, (message) =>
      process.stderr.write(`tsnets: ${message.replace(/\s*\n\s*/g, ' ')}\n`),
    );
    loadNamedPlugins(pluginArguments(argv));
    const program = buildProgram(version, discovery);
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
