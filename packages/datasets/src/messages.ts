/**
 * Every user-facing error text of @tsnets/datasets, as small functions. Each
 * names the file (or text), what was found there, and how to fix it.
 */

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const hex = (value: number): string => `0x${(value >>> 0).toString(16).padStart(8, '0')}`;

export const datasetMessages = {
  unreadable: (path: string, reason: string) =>
    `Cannot read "${path}": ${reason}. Check the path (relative paths start at the current directory, ${process.cwd()}).`,

  badGzip: (path: string, reason: string) =>
    `"${path}" starts like a gzip file but cannot be decompressed (${reason}). ` +
    `The download was probably cut short: download the file again.`,

  badIdxMagic: (path: string, magic: number, reason: string) =>
    `"${path}" is not an IDX file: its magic number is ${hex(magic)} (${reason}). ` +
    `IDX files start with two zero bytes, a type code (0x08 uint8, 0x09 int8, 0x0b int16, 0x0c int32, 0x0d float32, 0x0e float64) ` +
    `and the number of dimensions, e.g. 0x00000803 for images or 0x00000801 for labels.`,

  idxTooShort: (path: string, bytes: number, needed: number, what: string) =>
    `"${path}" is truncated: it holds ${bytes} bytes but its ${what} needs ${needed}. Download or write the file again.`,

  idxTrailing: (path: string, extra: number, shape: readonly number[]) =>
    `"${path}" has ${extra} bytes after the ${shape.join('x')} values its header announces. ` +
    `The header and the data disagree: write or download the file again.`,

  idxWrongKind: (path: string, what: string, found: string, hint: string) =>
    `"${path}" should hold ${what} but holds ${found}.${hint}`,

  idxCountMismatch: (imagesPath: string, images: number, labelsPath: string, labels: number) =>
    `"${imagesPath}" holds ${images} images but "${labelsPath}" holds ${labels} labels. ` +
    `Pair the images file with the labels file of the same set (e.g. train-images with train-labels).`,

  badLabel: (source: string, where: string, value: number) =>
    `Invalid label in ${source} at ${where}: ${value}. Labels must be integers 0, 1, 2, ... ` +
    `Map class names or other codes to consecutive integers starting at 0, or leave labelColumn unset to keep the column as a feature.`,

  badClassName: (source: string, line: number, column: number, cell: string, names: readonly string[]) =>
    `Invalid label in ${source} at line ${line}, column ${column}: ` +
    `${cell === '' ? 'the cell is empty' : `${JSON.stringify(cell)} is not one of the classes`} ` +
    `(${names.slice(0, 20).join(', ')}${names.length > 20 ? ', ...' : ''}). ` +
    `Fix or remove that line; data for a trained model must use the class names it was trained with.`,

  csvEmpty: (source: string) =>
    `${capitalize(source)} holds no data rows. Pass a CSV with at least one row of numbers.`,

  csvBadCell: (source: string, line: number, column: number, cell: string, header?: string) =>
    `Malformed value in ${source} at line ${line}, column ${column}${header ? ` ("${header}")` : ''}: ` +
    `${cell.trim() === '' ? 'the cell is empty' : `${JSON.stringify(cell)} is not a finite number`}. ` +
    `Fix or remove that line, fill in missing values before loading` +
    `, or check the delimiter (the delimiter option, --delimiter on the command line: ';' or a tab if the file is not comma-separated).`,

  csvRaggedRow: (source: string, line: number, found: number, expected: number) =>
    `Line ${line} of ${source} has ${found} columns but the first row has ${expected}. ` +
    `Make every row the same length (a stray delimiter or a quoted field with a comma are common causes).`,

  csvBadLabelColumn: (source: string, column: number | string, width: number, names?: readonly string[]) =>
    `labelColumn ${JSON.stringify(column)} does not name a column of ${source}, which has ${width} columns` +
    `${names ? ` (${names.join(', ')})` : ''}. Pass an index from 0 to ${width - 1}, a negative index (-1 is the last column)` +
    `${names ? ', or one of the header names' : ''}.`,

  badShape: (what: string, reason: string) => `Invalid dataset ${what}: ${reason}.`,

  badFraction: (name: string, value: unknown) =>
    `Invalid split fraction ${name}: ${String(value)}. Pass a number from 0 (inclusive) to 1 (exclusive).`,

  fractionsTooLarge: (valid: number, test: number) =>
    `The split fractions valid (${valid}) and test (${test}) add up to ${valid + test}, leaving no training rows. ` +
    `Make valid + test less than 1.`,

  stratifyWithoutLabels: () =>
    'split(..., { stratify: true }) needs a dataset with labels. Drop stratify or load the data with labels (e.g. loadCsv(..., { labelColumn: -1 })).',

  missingBundled: (file: string, searched: readonly string[]) =>
    `The bundled data file "${file}" was not found (looked in ${searched.join(', ')}). ` +
    `Reinstall @tsnets/datasets; its package.json "files" must include "data".`,

  missingDatasetPackage: (dataset: string, packageName: string, searched: readonly string[]) =>
    `${dataset} is not installed: its files come in the optional package ${packageName}, ` +
    `which was not found (looked from ${searched.join(', ')}). ` +
    `Install it beside tsnets with \`npm install ${packageName}\` ` +
    `(or its tarball from \`npm run pack\` in a clone of tsnets, in out/pack/datasets/).`,

  bundledCorrupt: (file: string, reason: string) =>
    `The bundled data file "${file}" is damaged: ${reason}. Reinstall @tsnets/datasets.`,

  badUnknown: (unknown: string) =>
    `The unknown character must be exactly one character, got ${JSON.stringify(unknown)}. Pass e.g. { unknown: '_' }.`,

  unknownInAlphabet: (unknown: string) =>
    `The unknown character ${JSON.stringify(unknown)} is in the alphabet. Choose an unknown character outside it.`,

  repeatedAlphabet: (alpha: string) =>
    `The alphabet ${JSON.stringify(alpha)} repeats a character. Give each character once.`,

  badCode: (index: number, code: number, classes: number) =>
    `codes[${index}] is ${code}, not a character code in [0, ${classes - 1}]. Decode codes that encode() or a model made.`,

  badWindows: (length: number, steps: number, batchSize: number) =>
    `Cannot cut windows of ${steps} steps in batches of ${batchSize} from ${length} time steps: ` +
    'steps and batch size must be positive integers and the data longer than a window (and its next step).',

  badSeriesList: () =>
    'sequenceBatches needs a non-empty list of series, each [time][features]: e.g. [inputs, targets].',

  seriesLengths: (index: number, length: number, expected: number) =>
    `arrays[${index}] has ${length} time steps but arrays[0] has ${expected}. Give series of one length.`,

  seriesWidth: (source: string, line: number, cells: number, expected: number) =>
    `Line ${line} of ${source} has ${cells} cells; the header has ${expected}. Give every row a time and each value.`,

  seriesCell: (source: string, line: number, column: number, cell: string) =>
    `Line ${line}, column ${column} of ${source} is ${JSON.stringify(cell)}, not a number. ` +
    'Leave a missing value empty (it is masked), or fix the cell.',

  seriesStartsMissing: (source: string) =>
    `The first row of ${source} has a missing value, so there is nothing to fill it from. Drop the leading rows without values.`,
};
