import { Command, Option } from 'commander';
import { evaluate } from './commands/evaluate';
import { exportModel } from './commands/export';
import { listPlugins } from './commands/plugins';
import { predict } from './commands/predict';
import { train, type TrainFlags } from './commands/train';
import { addKeywordFlags } from './keywords';
import { parseFraction, parseSeed } from './numbers';

const DATA_HELP =
  'digits, iris, mnist, mnist-test, fashion-mnist, fashion-mnist-test, FILE.csv, ' +
  'or an IDX prefix P (P-images-idx3-ubyte[.gz], P-labels-idx1-ubyte[.gz])';

/** Adds `--plugin NAME` (repeatable; read before parsing, see `loadCliPlugins`). */
function pluginFlag(command: Command): Command {
  return command.option(
    '--plugin <name>',
    'require a plugin package (repeatable)',
    (name: string, all: string[]) => [...all, name],
    [],
  );
}

/** Adds the flags that choose data and its seeded split. */
function dataFlags(command: Command, required: boolean): Command {
  const data = new Option('--data <source>', DATA_HELP);
  if (required) data.makeOptionMandatory();
  return pluginFlag(command)
    .addOption(data)
    .option('--valid-fraction <f>', 'fraction of rows held out for validation', parseFraction, 0)
    .option('--test-fraction <f>', 'fraction of rows held out for testing', parseFraction, 0)
    .option('--seed <n>', 'seed of the network, the split and batch order', parseSeed, 13);
}

/**
 * The `tsnets` command line: `train`, `evaluate`, `predict`, `export` and
 * `plugins`. Build it after plugins are loaded: their regularizer keywords
 * become flags of `train`. Errors surface as commander errors (see `main`).
 */
export function buildProgram(version: string): Command {
  const program = new Command('tsnets')
    .description('Train, evaluate, export and inspect tsnets models.')
    .version(version)
    .exitOverride()
    .configureOutput({ outputError: () => undefined });

  const trainCommand = dataFlags(program.command('train').description('train a model'), true)
    .requiredOption('--model <kind>', 'regressor, classifier or autoencoder')
    .requiredOption('--layers <list>', 'comma-separated SIZE, SIZE:ACTIVATION or tied, e.g. 64,100:relu,10')
    .option('--test-data <source>', 'a separate test set measured after training (same forms as --data)')
    .option('--save <file>', 'save the trained model (gzipped when it ends in .gz)')
    .option('--json', 'one JSON {epoch, train, valid} record per line on stdout', false);
  const keywords = addKeywordFlags(trainCommand);
  trainCommand.action(async (flags: TrainFlags & Record<string, unknown>) => train(flags, keywords(flags)));

  dataFlags(program.command('evaluate <model>').description('loss, accuracy and score of a saved model'), true)
    .option('--json', 'print one JSON object', false)
    .action(evaluate);

  dataFlags(
    program.command('predict <model>').description('predictions of a saved model, one CSV line per example'),
    true,
  )
    .option('--output <file>', 'write the predictions to this CSV file instead of stdout')
    .action(predict);

  pluginFlag(program.command('export <model> <dir>'))
    .description('write a saved feed-forward model as a TensorFlow.js LayersModel (model.json + weights.bin)')
    .action(exportModel);

  pluginFlag(program.command('plugins'))
    .description('list every registered layer, activation, loss, optimizer, regularizer and trainer with its package')
    .option('--json', 'one JSON object per line', false)
    .action(listPlugins);

  return program;
}
