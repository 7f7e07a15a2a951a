import { DataError } from '@tsnets/core';
import { createDataset, type Dataset, type LabeledDataset } from './dataset';
import { datasetMessages } from './messages';
import { readFileBytes } from './read';

/** Options of `loadCsv` and `parseCsv`. */
export interface CsvOptions {
  /**
   * The column holding class labels, by index (negative counts from the
   * end: -1 is the last) or by header name. Labels are integers (0, 1, ...)
   * or class names (`setosa`): names become classes in sorted order, unless
   * `classNames` gives the order, and the dataset keeps them as
   * `classNames`. Without it every column is a feature and the dataset has
   * no labels.
   */
  labelColumn?: number | string;
  /**
   * Whether the first non-blank line names the columns. `'auto'` (the
   * default) takes it as a header when one of its cells outside the label
   * column is not a number, or when `labelColumn` is a name; pass `false`
   * to have a malformed first line reported as an error instead.
   */
  header?: 'auto' | boolean;
  /** The cell separator; default `','`. Use `'\t'` for TSV. */
  delimiter?: string;
  /** The number of classes; defaults to the largest label plus one. */
  classes?: number;
  /**
   * A name per class, stored on the dataset. With names in the label
   * column, they must be among these, and map to their positions here (as
   * when data is read for a model that stored its class names).
   */
  classNames?: readonly string[];
}

/**
 * Parses numeric CSV text into a dataset of shape `[rows, features]`. Blank
 * lines are skipped, cells are trimmed and may be wrapped in double quotes;
 * quoted delimiters are not supported (the data is numbers). A cell that is
 * not a finite number throws a `DataError` whose `row` and `column` are the
 * 1-based line and column in the text, and whose message says how to fix it.
 * `source` names the text in errors.
 *
 * ```ts
 * const ds = parseCsv('a,b,y\n0.5,1,0\n2,3,1\n', { labelColumn: 'y' });
 * ds.shape;        // [2, 2]
 * ds.featureNames; // ['a', 'b']
 * ```
 */
export function parseCsv(
  text: string,
  options: CsvOptions & { labelColumn: number | string },
  source?: string,
): LabeledDataset;
export function parseCsv(text: string, options?: CsvOptions, source?: string): Dataset;
export function parseCsv(text: string, options: CsvOptions = {}, source = 'the CSV text'): Dataset {
  const delimiter = options.delimiter ?? ',';
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const filled: number[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i].trim() !== '') filled.push(i);
  if (filled.length === 0) throw new DataError(datasetMessages.csvEmpty(source), source);

  const first = lines[filled[0]].split(delimiter).map(unquote);
  const width = first.length;
  const header = options.header ?? 'auto';
  // A numeric label column may hold class names, so it does not decide whether the first line is a header.
  const numericLabelAt =
    typeof options.labelColumn === 'number'
      ? options.labelColumn < 0
        ? width + options.labelColumn
        : options.labelColumn
      : -1;
  const hasHeader =
    header === 'auto'
      ? typeof options.labelColumn === 'string' ||
        first.some((cell, c) => c !== numericLabelAt && cell.trim() !== '' && !Number.isFinite(Number(cell)))
      : header;
  const names = hasHeader ? first.map((cell) => cell.trim()) : undefined;
  const dataLines = hasHeader ? filled.slice(1) : filled;
  if (dataLines.length === 0) throw new DataError(datasetMessages.csvEmpty(source), source);

  const labelAt = options.labelColumn === undefined ? -1 : labelIndex(options.labelColumn, width, names, source);
  const features = labelAt >= 0 ? width - 1 : width;
  const x = new Float32Array(dataLines.length * features);
  const labelCells: string[] = [];

  dataLines.forEach((lineIndex, row) => {
    const cells = lines[lineIndex].split(delimiter);
    const line = lineIndex + 1;
    if (cells.length !== width)
      throw new DataError(datasetMessages.csvRaggedRow(source, line, cells.length, width), source, line);
    let k = row * features;
    for (let c = 0; c < width; c++) {
      const cell = unquote(cells[c]);
      if (c === labelAt) {
        labelCells.push(cell.trim());
        continue;
      }
      const value = cell.trim() === '' ? NaN : Number(cell);
      if (!Number.isFinite(value)) {
        throw new DataError(datasetMessages.csvBadCell(source, line, c + 1, cells[c], names?.[c]), source, line, c + 1);
      }
      x[k++] = value;
    }
  });

  const classes =
    labelAt >= 0
      ? readLabels(labelCells, options.classNames, (row) => ({
          source,
          line: dataLines[row] + 1,
          column: labelAt + 1,
        }))
      : undefined;
  return createDataset(x, [dataLines.length, features], {
    labels: classes?.labels,
    classes: classes ? options.classes : undefined,
    classNames: classes?.names ?? options.classNames,
    featureNames: names?.filter((_, c) => c !== labelAt),
  });
}

/** Where a label cell stands, for errors. */
interface Place {
  source: string;
  line: number;
  column: number;
}

/**
 * The label column's cells as class indices: integers as they are, or
 * class names, mapped by their position in `known` when given, else in
 * sorted order (the names are returned then).
 */
function readLabels(
  cells: readonly string[],
  known: readonly string[] | undefined,
  place: (row: number) => Place,
): { labels: Int32Array; names?: string[] } {
  const labels = new Int32Array(cells.length);
  const byName = known && cells.every((cell) => known.includes(cell));
  if (!byName && cells.every((cell) => cell !== '' && Number.isFinite(Number(cell)))) {
    // Numbers are class indices; 1.5 or -1 is a mistake, not a class name.
    cells.forEach((cell, row) => {
      const value = Number(cell);
      if (!Number.isInteger(value) || value < 0) {
        const { source, line, column } = place(row);
        throw new DataError(
          datasetMessages.badLabel(source, `line ${line}, column ${column}`, value),
          source,
          line,
          column,
        );
      }
      labels[row] = value;
    });
    return { labels };
  }
  const names = known ? [...known] : [...new Set(cells)].sort();
  cells.forEach((cell, row) => {
    const index = names.indexOf(cell);
    if (cell === '' || index < 0) {
      const { source, line, column } = place(row);
      throw new DataError(datasetMessages.badClassName(source, line, column, cell, names), source, line, column);
    }
    labels[row] = index;
  });
  return { labels, names: known ? undefined : names };
}

/**
 * Loads numeric CSV from a file (gzip-compressed files, such as `*.csv.gz`,
 * are decompressed) or, when the string holds a line break, from the text
 * itself. See `parseCsv` for the format and errors; errors name the file.
 *
 * ```ts
 * const ds = await loadCsv('data/wine.csv', { labelColumn: -1 });
 * ```
 */
export async function loadCsv(
  pathOrText: string,
  options: CsvOptions & { labelColumn: number | string },
): Promise<LabeledDataset>;
export async function loadCsv(pathOrText: string, options?: CsvOptions): Promise<Dataset>;
export async function loadCsv(pathOrText: string, options: CsvOptions = {}): Promise<Dataset> {
  if (/[\r\n]/.test(pathOrText)) return parseCsv(pathOrText, options);
  const bytes = await readFileBytes(pathOrText);
  return parseCsv(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
    options,
    `"${pathOrText}"`,
  );
}

function unquote(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : cell;
}

function labelIndex(
  column: number | string,
  width: number,
  names: readonly string[] | undefined,
  source: string,
): number {
  const index = typeof column === 'number' ? (column < 0 ? width + column : column) : (names?.indexOf(column) ?? -1);
  if (!Number.isInteger(index) || index < 0 || index >= width) {
    throw new DataError(datasetMessages.csvBadLabelColumn(source, column, width, names), source);
  }
  return index;
}
