/** Every user-facing text of the `tsnets` command line, as small functions. */

const list = (names: readonly string[]): string => names.map((name) => `--${name}`).join(', ');

export const cliMessages = {
  stopRequested: (by: string) => `stop requested from ${by}: stopping after this batch and saving`,

  dashboardAt: (url: string) => `dashboard: ${url}`,

  noHistory: (path: string) =>
    `${path} has no training history: it was saved by a tsnets before histories were kept, or never trained. ` +
    `Train it again (tsnets train ... --save) to report on it.`,

  reportWritten: (file: string, runs: number) =>
    `wrote ${file} (the last of ${runs} training run${runs === 1 ? '' : 's'})`,

  unknownFlag: (command: string, flag: string, suggestions: readonly string[]) =>
    `unknown option '${flag}' for "${command}"` +
    (suggestions.length ? ` (did you mean ${list(suggestions)}?)` : '') +
    `. Run "${command} --help" for the options.`,

  badValue: (flag: string, value: string, expected: string) =>
    `--${flag}: ${JSON.stringify(value)} is not ${expected}.`,

  badLayer: (item: string, reason: string) =>
    `--layers: ${JSON.stringify(item)} ${reason}. Items are SIZE, SIZE:ACTIVATION, SIZE:FORM[:ACTIVATION] or tied, e.g. 64,100:relu,10; ` +
    'for images a shape first, then e.g. 32:conv2:5x5, pool2, flat (see docs/convolution.md).',

  layersDoNotFit: (what: string, found: number, data: string, expected: number, fix: string) =>
    `--layers: ${what} has ${found} units but ${data} needs ${expected}; ${fix}.`,

  unknownModel: (model: string) =>
    `--model: ${JSON.stringify(model)} is not a model; use regressor, classifier or autoencoder.`,

  missingData: (flag: string, spec: string, tried: readonly string[]) =>
    `--${flag}: no file ${JSON.stringify(spec)} (tried ${tried.join(', ')}). ` +
    `Pass digits, iris, mnist, fashion-mnist, a .csv file or an IDX prefix such as data/train (for data/train-images-idx3-ubyte[.gz]).`,

  needsLabels: (data: string, model: string) =>
    `--data: ${data} has no labels, which a ${model} needs. For a CSV, the last column holds the integer labels.`,

  regressorTargets: (data: string, classes: number, outputs: number) =>
    `--layers: a regressor on the labeled ${data} predicts either the label (1 output) or its one-hot code (${classes} outputs), not ${outputs}.`,

  badDelimiter: (text: string) =>
    `--delimiter ${JSON.stringify(text)} is not one character. Pass ',', ';', '|', or tab (or \\t) for tab-separated files.`,

  probaNeedsClassifier: () => '--proba needs a classifier: regressors and autoencoders predict values, not classes.',

  unknownName: (
    kind: string,
    name: string,
    suggestions: readonly string[],
    registered: readonly string[],
    plugin?: string,
  ) =>
    `Unknown ${kind} "${name}".` +
    (suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '') +
    ` Known: ${registered.join(', ')}.` +
    (plugin
      ? ` The installed plugin "${plugin}" provides it: pass --plugin ${plugin}.`
      : ` A plugin package can add it: install it in this folder, or pass --plugin NAME.`),

  csvTooNarrow: (file: string, columns: number, outputs: number) =>
    `--data: ${file} has ${columns} columns; a regressor with ${outputs} outputs needs more (the last ${outputs} are the targets).`,

  missingModel: (path: string) => `Model file ${JSON.stringify(path)} does not exist.`,

  pluginNotFound: (name: string, reason: string) =>
    `--plugin ${name}: cannot load it (${reason}). Install it in this project (npm install ${name}) or pass its path.`,

  pluginSkipped: (reason: string) =>
    `warning: ${reason} Skipped it: this command names none of its ids. ` +
    'Pass --no-plugins (or set TSNETS_NO_PLUGINS=1) to load no plugin at all.',

  saveFolderMissing: (target: string, folder: string) =>
    `--save: the folder of ${JSON.stringify(target)} (${folder}) does not exist or is not a folder. ` +
    'Create it first (mkdir -p) or save elsewhere; nothing was trained.',

  saveFolderReadOnly: (target: string, folder: string) =>
    `--save: the folder of ${JSON.stringify(target)} (${folder}) is not writable. Save elsewhere; nothing was trained.`,

  saveTargetIsFolder: (target: string) =>
    `--save: ${JSON.stringify(target)} is a folder. Pass a file name inside it (${target.replace(/\/+$/, '')}/model.tsnets.gz); nothing was trained.`,

  savedElsewhere: (target: string, code: string, fallback: string) =>
    `--save: could not write ${JSON.stringify(target)} (${code}); the trained model was saved to ${fallback} instead.`,

  saveFailedEverywhere: (target: string, code: string, tried: readonly string[]) =>
    `--save: could not write ${JSON.stringify(target)} (${code}), nor the fallbacks ${tried.join(', ')}; the trained model is lost.`,

  savedAfterNan: (path: string, best: string) => `saved the best parameters (valid loss ${best}) to ${path}`,

  cannotExport: (layer: string, reason: string) =>
    `Cannot export layer "${layer}": ${reason}. Export supports chains of dense layers, of rnn and gru layers ` +
    `in recurrent models, and of conv, pool and flatten layers in convolution models, with relu, linear, sigmoid/logistic, tanh, softmax, softplus or elu activations.`,

  twoTestSets: () => '--test-data and --test-fraction both choose the test set; pass one of them.',

  emptySplit: (part: string) => `--${part}-fraction leaves the ${part} set empty; raise it or drop the flag.`,

  tooShortForWindow: (data: string, steps: number, window: number) =>
    `--window: ${data} has ${steps} steps, too few for windows of ${window} (and the step after). Use a smaller --window.`,

  notSequenceData: (spec: string) =>
    `--data: recurrent models read text (.txt, .txt.gz: a character model) or a series (sunspots, co2, or a .csv ` +
    `of a time column and value columns), not ${JSON.stringify(spec)}.`,

  sequenceModel: (model: string, kind: string, data: string) =>
    `--model: ${data} trains a ${kind} (text: a classifier of the next character; a series: a regressor of the next step), not a ${model}.`,

  needsWindow: () =>
    '--layers holds a recurrent layer: give --window N, the time steps of each training window ' +
    '(and --data a text file or a series).',

  notCharacterModel: (model: string) =>
    `${JSON.stringify(model)} is not a character model: sample needs a recurrent classifier trained on text ` +
    '(tsnets train --window N --data FILE.txt), whose class names are its alphabet.',

  sequenceTestSet: () =>
    '--test-data and --test-fraction are for feed-forward models; a recurrent model validates on the end of --data ' +
    '(--valid-fraction).',
  sweepStopping: (signal: string, out: string) =>
    `\n${signal}: stopping the sweep; finished trials are kept in ${out} (rerun the same command to go on; send it again to exit now)`,

  trialsFailed: (failed: number, total: number) =>
    `${failed} of ${total} trials failed (see the FAILED lines); rerun the same command to retry them.`,
};
