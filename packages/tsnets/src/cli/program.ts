import { Command, Option } from 'commander';
import type { PluginDiscovery } from '@tsnets/core';
import { evaluate } from './commands/evaluate';
import { exportModel } from './commands/export';
import { listPlugins } from './commands/plugins';
import { predict } from './commands/predict';
import { report } from './commands/report';
import { sample } from './commands/sample';
import type { SweepFlags } from './commands/sweep';
import { train, type TrainFlags } from './commands/train';
import type { WorkerFlags } from './commands/worker';
import { addKeywordFlags, declaredKeywords } from './keywords';
import { readModelDocument } from './model-file';
import { parseCount, parseFraction, parsePort, parseSeed } from './numbers';
import { loadModelPlugins } from './plugins';

/** The end of `tsnets train --help`. */
const TRAIN_EXAMPLES = `
Examples:
  tsnets train --model classifier --layers 64,100:relu,10 --data digits --valid-fraction 0.1 \\
    --algo adam --learning-rate 0.001 --hidden-dropout 0.2 --save digits.tsnets
  tsnets train --model autoencoder --layers 64,256:relu,tied --data digits --hidden-l1 0.1 --max-updates 50
  tsnets train --model classifier --layers 4,16:tanh,3 --data flowers.csv --label-column species --delimiter ';'
  tsnets train --model classifier --layers 68,128:lstm,68 --data speeches.txt --window 32 --valid-fraction 0.1 \\
    --algo adam --learning-rate 0.003 --save chars.tsnets && tsnets sample chars.tsnets --prompt 'The '
  tsnets train --model regressor --layers 1,16:gru,1 --data sunspots --window 20 --valid-fraction 0.2

Regularizer flags take a weight (--weight-l2 1e-4), JSON options (--hidden-l1 '{"weight":0.1,"pattern":"hid1:out"}')
or levels by glob (--dropout 'hid?:out=0.2'). docs/command-line.md has the rest.`;

/** The end of `tsnets sweep --help`. */
const SWEEP_EXAMPLES = `
Examples:
  tsnets sweep examples/digits-sweep.json --out sweep-out --workers 2
  tsnets sweep examples/digits-sweep.json --out sweep-out --queue redis://127.0.0.1:6379   (with tsnets worker --queue ... running)

Interrupting keeps the finished trials; rerunning the same command skips them. docs/sweeps.md has the file format.`;

const DATA_HELP =
  'digits, iris, mnist, mnist-test, fashion-mnist, fashion-mnist-test, FILE.csv, ' +
  'or an IDX prefix P (P-images-idx3-ubyte[.gz], P-labels-idx1-ubyte[.gz]); with --window: FILE.txt, sunspots, co2 or a series FILE.csv';

/**
 * The sweep and worker commands, loaded when one of them runs: they bring in
 * @tsnets/sweep (BullMQ, ioredis, vega), which would slow every other
 * command's start by about half a second.
 */
function sweepCommands(): typeof import('./commands/sweep') & typeof import('./commands/worker') {
  return { ...require('./commands/sweep'), ...require('./commands/worker') } as typeof import('./commands/sweep') &
    typeof import('./commands/worker');
}

/** Adds `--plugin NAME` (repeatable) and `--no-plugins` (both read before parsing, see plugins.ts). */
function pluginFlag(command: Command): Command {
  return command
    .option(
      '--plugin <name>',
      'require a plugin package (repeatable)',
      (name: string, all: string[]) => [...all, name],
      [],
    )
    .option('--no-plugins', 'load no plugin the package.json lists (also TSNETS_NO_PLUGINS=1)');
}

/** An action on a saved model that first loads the plugins the model file names (and no other). */
function onModel<A extends unknown[]>(
  discovery: PluginDiscovery,
  action: (model: string, ...rest: A) => Promise<void>,
): (model: string, ...rest: A) => Promise<void> {
  return async (model, ...rest) => {
    loadModelPlugins(readModelDocument(model), discovery);
    await action(model, ...rest);
  };
}

/** Adds the flags that choose data and its seeded split. */
function dataFlags(command: Command, required: boolean): Command {
  const data = new Option('--data <source>', required ? `${DATA_HELP} (required)` : DATA_HELP);
  if (required) data.makeOptionMandatory();
  return pluginFlag(command)
    .addOption(data)
    .option('--valid-fraction <f>', 'fraction of rows held out for validation', parseFraction, 0)
    .option('--test-fraction <f>', 'fraction of rows held out for testing', parseFraction, 0)
    .option('--seed <n>', 'seed of the network, the split and batch order', parseSeed, 13)
    .option('--label-column <column>', "CSV: the labels' column, an index (-1: the last) or a header name (default -1)")
    .option('--delimiter <char>', "CSV: the cell separator, e.g. ';' or tab (default ',', tab for .tsv)")
    .option('--header', 'CSV: the first line names the columns (default: when it holds a non-number)')
    .option('--no-header', 'CSV: the first line is data');
}

/**
 * The `tsnets` command line: `train`, `evaluate`, `predict`, `export`,
 * `report`, `sweep`, `worker` and `plugins`. Build it after `train`'s plugins are loaded: their regularizer
 * keywords become flags of `train` (the ones `discovery` declares are flags
 * too, so `train --help` lists them without loading anything). `evaluate`,
 * `predict` and `export` load the plugins their model file names. Errors
 * surface as commander errors (see `main`).
 */
export function buildProgram(version: string, discovery: PluginDiscovery = { plugins: [], problems: [] }): Command {
  const program = new Command('tsnets')
    .description('Train, evaluate, export and inspect tsnets models.')
    .version(version)
    .exitOverride()
    .configureOutput({ outputError: () => undefined });

  const trainCommand = dataFlags(program.command('train').description('train a model'), true)
    .requiredOption('--model <kind>', 'regressor, classifier or autoencoder (required)')
    .requiredOption(
      '--layers <list>',
      'comma-separated SIZE, SIZE:ACTIVATION, SIZE:FORM (e.g. 128:lstm) or tied, e.g. 64,100:relu,10 (required)',
    )
    .option('--test-data <source>', 'a separate test set measured after training (same forms as --data)')
    .option('--save <file>', 'save the trained model (gzipped when it ends in .gz)')
    .option('--json', 'one JSON {epoch, train, valid} record per line on stdout', false)
    .option('--dashboard', 'serve a live page of the run on 127.0.0.1 (curves, terms, features, a stop button)', false)
    .option('--port <n>', 'the port of --dashboard (0: any free port)', parsePort, 0)
    .option(
      '--window <steps>',
      'recurrent models: time steps per training window (--data: text or a series)',
      parseCount,
    )
    .option(
      '--min-count <n>',
      'text data: the fewest times a character must occur to join the alphabet',
      parseCount,
      2,
    );
  const keywords = addKeywordFlags(trainCommand, declaredKeywords(discovery));
  trainCommand.addHelpText('after', TRAIN_EXAMPLES);
  trainCommand.action(async (flags: TrainFlags & Record<string, unknown>) => train(flags, keywords(flags)));

  dataFlags(program.command('evaluate <model>').description('loss, accuracy and score of a saved model'), true)
    .option('--json', 'print one JSON object', false)
    .action(onModel(discovery, evaluate));

  dataFlags(
    program.command('predict <model>').description('predictions of a saved model, one CSV line per example'),
    true,
  )
    .option('--output <file>', 'write the predictions to this CSV file instead of stdout')
    .option('--proba', 'classifiers: write the class probabilities, one column per class', false)
    .action(onModel(discovery, predict));

  pluginFlag(program.command('sample <model>'))
    .description('continue a prompt with a character model (trained with --window on text), one line per stream')
    .option('--prompt <text>', 'the text to continue', '')
    .option('--length <n>', 'characters to draw', parseCount, 200)
    .option('--seed <n>', 'seed of the draws', parseSeed, 13)
    .option('--streams <n>', 'independent continuations', parseCount, 1)
    .action(onModel(discovery, sample));

  pluginFlag(program.command('export <model> <dir>'))
    .description(
      'write a saved model (dense, rnn and gru layers) as a TensorFlow.js LayersModel (model.json + weights.bin)',
    )
    .action(onModel(discovery, exportModel));

  pluginFlag(program.command('report <model>'))
    .description("write the dashboard page of a saved model's last training run as one static HTML file")
    .requiredOption('--html <file>', 'the HTML file to write (required)')
    .action(onModel(discovery, report));

  program
    .command('sweep <file>')
    .description(
      'train many models over the options, keywords, architectures, seeds and folds a sweep file (JSON or YAML) lists',
    )
    .requiredOption(
      '--out <dir>',
      'folder of the results: trials/, results.csv, results.json, plot.svg, best.tsnets.gz (required)',
    )
    .option('--workers <n>', 'trial processes on this machine (default: the number of cores)', parseCount)
    .option('--queue <url>', 'enqueue the trials on Redis (redis://host:6379) for `tsnets worker`s instead')
    .addHelpText('after', SWEEP_EXAMPLES)
    .action((file: string, flags: SweepFlags) => sweepCommands().sweepCommand(file, flags));

  program
    .command('worker')
    .description('run the trials that sweeps enqueue on a Redis queue, each in a sandboxed child process')
    .requiredOption('--queue <url>', 'the Redis URL, e.g. redis://host:6379 (required)')
    .option('--concurrency <n>', 'trials at once', parseCount, 1)
    .option(
      '--lock-duration <ms>',
      "a trial's lock: a dead worker's trial is retried elsewhere after about this long",
      parseCount,
      30000,
    )
    .action((flags: WorkerFlags) => sweepCommands().workerCommand(flags));

  pluginFlag(program.command('plugins'))
    .description('list every registered layer, activation, loss, optimizer, regularizer and trainer with its package')
    .option('--json', 'one JSON object per line', false)
    .action((flags: { json: boolean }) => listPlugins(flags, discovery.plugins));

  return program;
}
