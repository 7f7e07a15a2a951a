/** Every user-facing text of @tsnets/sweep, as small functions. */

const quoted = (names: readonly string[]): string => names.map((name) => `"${name}"`).join(' or ');
const didYouMean = (suggestions: readonly string[]): string =>
  suggestions.length ? ` Did you mean ${quoted(suggestions)}?` : '';

export const sweepMessages = {
  unknownSpecKey: (where: string, key: string, suggestions: readonly string[], known: readonly string[]) =>
    `Sweep ${where}: unknown key "${key}".${didYouMean(suggestions)} Known keys: ${known.join(', ')}.`,

  badSpecValue: (where: string, value: string, expected: string) =>
    `Sweep ${where}: ${value} is not ${expected}. Fix it in the sweep file (docs/sweeps.md lists the forms).`,

  emptyAxis: (axis: string) =>
    `Sweep axis "${axis}" has no values. Give it at least one value, or remove it from "axes".`,

  axisOption: (axis: string, reason: string) => `Sweep axis "${axis}": ${reason}`,

  tooManyFolds: (folds: number, rows: number, source: string) =>
    `Sweep folds: ${folds} folds need at least ${folds} examples, but ${source} has ${rows}. ` +
    `Lower "folds" or raise "data.rows".`,

  unreadableData: (source: string, reason: string) =>
    `Sweep data "${source}" cannot be read: ${reason}. Use a bundled set (digits, iris, mnist, fashion-mnist) ` +
    'or the path of a CSV file that every process running trials can read.',

  layersDoNotFit: (architecture: number, found: number, source: string, expected: number) =>
    `Sweep architecture ${architecture}: the input layer has ${found} units but ${source} has ${expected} ` +
    `values per example; start the layers with ${expected}.`,

  pluginMissing: (plugin: string, where: string, reason: string) =>
    `Plugin "${plugin}" is not available on ${where}: ${reason}. Install it where trials run ` +
    `(npm install ${plugin}) or remove it from the sweep's "plugins".`,

  queueUnreachable: (url: string, reason: string) =>
    `Queue ${url} does not answer (${reason}). Start Redis there (redis-server), or check the host, port and password.`,

  badQueueUrl: (url: string) => `Queue "${url}" is not a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379.`,

  trialFailed: (trial: string, worker: string, reason: string) => `Trial ${trial} failed on ${worker}: ${reason}`,

  workerExited: (pid: number, code: string) => `the trial process ${pid} exited (${code}) before it finished`,
};
