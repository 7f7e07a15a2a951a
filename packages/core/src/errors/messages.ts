/**
 * Every user-facing error text of tsnets, as small functions. Each names what
 * was looked up, where, what exists, and how to fix it.
 */

const list = (items: readonly string[], max = 30): string =>
  items.length === 0
    ? '(none)'
    : items.length > max
      ? `${items.slice(0, max).join(', ')}, ... (${items.length - max} more)`
      : items.join(', ');

const describeValue = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') return Object.prototype.toString.call(value);
  return String(value);
};

/** A short description of a document entry's value for error messages: its type and, if short, the value. */
const describeEntry = (value: unknown): string => {
  if (value === undefined) return 'nothing (the entry is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 40)}...` : text}`;
};

const didYouMean = (suggestions: readonly string[]): string =>
  suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '';

export const messages = {
  unknownName: (
    kind: string,
    name: string,
    suggestions: readonly string[],
    registered: readonly string[],
    plugin?: string,
  ) =>
    `Unknown ${kind} "${name}".${didYouMean(suggestions)} Registered ${kind}s: ${list(registered)}.` +
    (plugin
      ? ` The installed plugin "${plugin}" provides "${name}": import it or call loadPlugins().`
      : ` Register one with @${kind}('${name}') or register${kind[0].toUpperCase()}${kind.slice(1)}(), or install a plugin that provides it.`),

  duplicateRegistration: (kind: string, id: string, existing: string, incoming: string) =>
    `The ${kind} id "${id}" is already registered by class ${existing}; class ${incoming} cannot take it. ` +
    `Choose another id, or unregister the first one before registering the second.`,

  unresolvedToken: (kind: string, id: string, token: string) =>
    `The ${kind} "${id}" needs the injected dependency ${token}, but nothing is registered for it. ` +
    `Register it in the container the ${kind} is resolved from (e.g. registerIn(trainer.container, ...) or container.register(token, { useValue })).`,

  notRegistered: (kind: string, id: string) =>
    `Cannot unregister ${kind} "${id}": nothing is registered under that id.`,

  badLayerSpec: (index: number, spec: string, reason: string) => `Layer ${index} (${spec}): ${reason}`,

  unknownOption: (
    key: string,
    suggestions: readonly string[],
    known: readonly string[],
    regularizers: readonly string[] = [],
    plugin?: string,
  ) =>
    `Unknown training option or regularizer "${key}".${didYouMean(suggestions)} Known options: ${list(known, 60)}. ` +
    `Registered regularizers: ${list(regularizers, 60)}.` +
    (plugin
      ? ` The installed plugin "${plugin}" provides "${key}": import it or call loadPlugins().`
      : ' Register a regularizer with @regularizer(), or install a plugin that provides it.'),

  badOption: (key: string, value: unknown, expected: string) =>
    `Invalid value for option "${key}": ${String(value)}. Expected ${expected}.`,

  optionTwice: (first: string, second: string) =>
    `Option "${second}" was given twice: also as "${first}" (keys compare after lowercasing and dropping "_" and "-"). Keep one of them.`,

  badData: (array: string, reason: string, fix: string) => `Invalid ${array}: ${reason}. ${fix}`,

  raggedRows: (array: string, at: string, found: number, reference: string, expected: number) =>
    `Invalid ${array}: ${at} has ${found} values, ${reference} has ${expected}. Make every row the same length.`,

  notNested: (array: string, at: string, found: string, reference: string, expected: string) =>
    `Invalid ${array}: ${at} is ${found}, but ${reference} is ${expected}. Give every row the same nesting.`,

  negativeWeight: (array: string, at: string, value: number) =>
    `Invalid ${array}: ${at} is ${value}; weights must not be negative. Use 0 to leave a value out of the loss.`,

  nonFinite: (array: string, row: number, column: number, value: number) =>
    `Invalid ${array}: row ${row}, column ${column} is ${value}. Remove or impute non-finite values before training.`,

  notFound: (what: string, name: string, available: readonly string[]) =>
    `No ${what} named "${name}". Available: ${list(available)}.`,

  nanLoss: (epoch: number, monitor: string) =>
    `The training loss became ${monitor} in epoch ${epoch}; training stopped and the best parameters were restored. ` +
    `Lower the learning rate or set max_gradient_norm.`,

  modelFile: (path: string, reason: string, entry?: string) =>
    `Cannot load model from "${path}": ${entry ? `${entry}: ` : ''}${reason}`,

  modelFileSave: (path: string, reason: string) =>
    `Cannot save model to "${path}": ${reason} The file that was there, if any, is unchanged.`,

  modelEntryType: (expected: string, value: unknown) =>
    `expected ${expected}, found ${describeEntry(value)}. The file is damaged or was not written by tsnets: save the model again.`,

  modelEntryLimit: (value: number, limit: number, what: string) =>
    `${value} exceeds the limit of ${limit} ${what}. The file is damaged or not a tsnets model.`,

  modelSizeMismatch: (declared: string, stored: string) =>
    `${declared}, but the stored parameters say ${stored}. The file is damaged or was edited: save the model again.`,

  modelVersion: (version: unknown, newest: number) =>
    typeof version === 'number' && Number.isInteger(version) && version > newest
      ? `it has format version ${version}, newer than this tsnets reads (${newest}). Upgrade tsnets.`
      : `the format version is ${describeEntry(version)}; versions are whole numbers from 1 to ${newest}. The file is damaged.`,

  modelChecksum: (stored: string, computed: string) =>
    `the parameter checksum does not match (stored ${stored}, computed ${computed}): ` +
    'the parameter data was changed or damaged after saving. Save the model again from a good copy.',

  modelNonFinite: (index: number, value: number) =>
    `value ${index} is ${value}; model parameters must be finite numbers. Retrain or restore the model from a good copy.`,

  noTrainer: () =>
    'No trainer is registered. Import "tsnets" (or "@tsnets/trainer") before calling train() or itertrain().',

  alreadyTraining: () =>
    'This network is already training: a second train() or itertrain() would interleave parameter updates. ' +
    'Await the first run (or abort it with its signal) before starting another, or train a copy (Network.load of a saved file).',

  noTrainResult: () =>
    'The training run ended without a result. A custom training strategy must return what its last descent returned (`return yield* trainer.descend(...)`).',

  badRegularizerOption: (id: string, option: string, value: unknown, expected: string) =>
    `Regularizer "${id}": invalid ${option} ${describeValue(value)}. Expected ${expected}.`,

  unknownNetworkOption: (key: string, suggestions: readonly string[], known: readonly string[]) =>
    `Unknown model option "${key}".` +
    (suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '') +
    ` A model takes ${known.map((k) => `"${k}"`).join(', ')}; training options and regularizer keywords go to train().`,

  badNetworkOptions: (got: unknown) =>
    `Model options must be an object such as { loss: 'mae', rng: 13 }; got ${describeValue(got)}.`,

  badClassNames: (got: string, outputs: number) =>
    `classNames must be ${outputs} distinct, non-empty strings, one per output of the classifier; got ${got}.`,

  classNamesForClassifiers: () => 'classNames is an option of classifiers only: build a Classifier to name classes.',

  noClassNames: () =>
    'This classifier has no class names: build it with { classNames: [...] } (one per output), or use predict() for class indices.',

  monitorMatchesNothing: (pattern: string, names: readonly string[]) =>
    `Monitor ${JSON.stringify(pattern)} matches no output or parameter. The names are: ${list(names, 60)}. ` +
    `Use one of them or a glob over them ('hid*:out', '*.w').`,

  gradientPatternMatchesNothing: (pattern: string, names: readonly string[]) =>
    `monitor_gradients ${JSON.stringify(pattern)} matches no parameter. The parameters are: ${list(names, 60)}. ` +
    `Use one of them, a glob over them ('*.w', 'hid1.*'), or true for every parameter.`,

  badMonitorLevel: (pattern: string, level: unknown) =>
    `Monitor ${JSON.stringify(pattern)}: invalid level ${describeValue(level)}. ` +
    `Expected a number (the threshold, e.g. 0.1), a [label, function] pair, or an object of functions ({ mean: fn }).`,

  patternMatchesNothing: (id: string, pattern: string | readonly string[], what: string, names: readonly string[]) =>
    `Regularizer "${id}": the pattern ${JSON.stringify(pattern)} matches no ${what}. The ${what} are: ${list(names, 60)}. ` +
    `Use one of these names or a glob over them ('hid*:out', 'hid1.w').`,

  regularizerFailed: (id: string, hook: string, reason: string) =>
    `Regularizer "${id}" failed in ${hook}: ${reason}. The model's parameters were left as they were before this step.`,

  noAppManifest: (from: string) =>
    `Cannot load plugins: no package.json in "${from}" or any folder above it. ` +
    'Call loadPlugins({ from: "/path/to/your/app" }) with the folder of your package.json.',

  badAppManifest: (path: string, reason: string) =>
    `Cannot load plugins: the app's package.json "${path}" cannot be read: ${reason}. Fix the file or pass another "from".`,

  badPluginManifest: (pkg: string, path: string, reason: string) =>
    `Plugin "${pkg}" (${path}) has an invalid "tsnets" field: ${reason}. ` +
    'Expected { "regularizers": ["id"], "entry": "./dist/src/index.js" } (kinds: layers, activations, losses, optimizers, regularizers, trainers).',

  pluginEntryMissing: (pkg: string, entry: string) =>
    `Plugin "${pkg}" declares the entry "${entry}", but no such file exists. ` +
    'Build the plugin (its dist folder may be missing) or fix "tsnets.entry" in its package.json.',

  pluginLoadFailed: (pkg: string, entry: string, reason: string) =>
    `Plugin "${pkg}" failed to load from "${entry}": ${reason}. ` +
    'Check that its peer dependencies (@tsnets/core, tsyringe) are installed and that "reflect-metadata" is imported first.',

  pluginEntryOutside: (pkg: string, entry: string, real: string, dir: string) =>
    `Plugin "${pkg}" declares the entry "${entry}", whose real path "${real}" is outside the package folder "${dir}". ` +
    'tsnets loads only code inside an installed plugin package; reinstall the package or fix "tsnets.entry".',

  pluginDidNotRegister: (pkg: string, entry: string, missing: readonly string[]) =>
    `Plugin "${pkg}" loaded from "${entry}" but did not register what its "tsnets" field declares: ${list(missing)}. ` +
    'Make the entry import every decorated class, or fix the ids in its package.json.',

  badRecurrentOption: (layer: string, option: string, value: string, reason: string) =>
    `Layer "${layer}": ${option} ${JSON.stringify(value)} cannot be used: ${reason}. ` +
    'See docs/recurrent.md for the options of recurrent layers.',

  notSequenceInput: (layer: string, form: string, shape: readonly number[]) =>
    `Layer "${layer}" (${form}) reads sequences [N, T, features], but its input gives [N, ${shape.join(', ')}]. ` +
    'Build the model with recurrent.Regressor, recurrent.Classifier or recurrent.Autoencoder, ' +
    'whose input layer reads [N, T, features].',

  sequenceData: (name: string, shape: readonly number[], expected: string, fix: string) =>
    `Data "${name}" has shape [${shape.join(', ')}] but the model expects ${expected}. ${fix}`,

  sequenceLengths: (name: string, at: string, length: number, reference: string, expected: number) =>
    `Data "${name}": ${at} has ${length} time steps, ${reference} has ${expected}. ` +
    'Sequences of one batch must have one length: pad the shorter ones and pass weights that are 0 at the padding ' +
    '(weighted: true), so the padding counts in no loss and no score.',

  tooFewSteps: (steps: number, layer: string, form: string) =>
    `Invalid inputs: sequences of ${steps} time steps leave layer "${layer}" (${form}) no window. ` +
    "Give longer sequences, or use smaller windows or border_mode 'same'.",

  badLayerOption: (layer: string, form: string, option: string, value: unknown, expected: string) =>
    `Layer "${layer}" (${form}): ${option} is ${describeValue(value)}; expected one of ${expected}.`,

  badWindowOption: (layer: string, form: string, option: string, value: unknown, example: string) =>
    `Layer "${layer}" (${form}): ${option} is ${value === undefined ? 'missing' : describeValue(value)}; ` +
    `give positive integers, e.g. ${option}: ${example}.`,

  badWindowInput: (layer: string, form: string, input: string, shape: readonly number[], axes: number) =>
    `Layer "${layer}" (${form}) reads ${axes === 1 ? 'sequences [N, T, features]' : 'images [N, width, height, channels]'}, ` +
    `but its input "${input}" gives [N, ${shape.map((d) => (d === -1 ? 'T' : d)).join(', ')}]. ` +
    (axes === 1
      ? 'Use it in a recurrent model, or on the output of another conv1 or pool1 layer.'
      : 'Give the model an image input, e.g. convolution.Classifier([[28, 28, 1], ...]) or { shape: [28, 28, 1] }, ' +
        "and put a 'flatten' layer between feature maps and feed-forward layers."),

  windowTooLarge: (layer: string, form: string, window: readonly number[], input: readonly number[]) =>
    `Layer "${layer}" (${form}): its ${window.join('x')} window does not fit in its ${input.join('x')} input ` +
    "under border_mode 'valid'. Use a smaller window, fewer layers before it, or border_mode 'same'.",
};
