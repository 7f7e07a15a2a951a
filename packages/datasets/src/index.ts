/**
 * @tsnets/datasets: IDX (MNIST) and CSV loaders, the bundled digits and iris, MNIST and
 * Fashion-MNIST from their optional packages, seeded splits, conversion to tensors, and sequence
 * helpers (text as class codes, windows cut from series, the bundled names and series).
 * Registers nothing.
 */
export {
  createDataset,
  exampleSize,
  flatten,
  hasLabels,
  reshape,
  rowCount,
  rowRange,
  selectRows,
  type Dataset,
  type DatasetParts,
  type LabeledDataset,
} from './dataset';
export { toArrays, toTensors, type NestedArray, type ToTensorsOptions } from './tensors';
export {
  loadIdx,
  loadIdxPair,
  parseIdx,
  type IdxArray,
  type IdxDtype,
  type IdxPairOptions,
  type IdxValues,
} from './idx';
export { loadCsv, parseCsv, type CsvOptions } from './csv';
export { bundledPath, digits, fashionMnist, iris, mnist, type DigitsOptions, type MnistOptions } from './bundled';
export { names, sunspots, co2 } from './bundled-sequences';
export { Text, type TextOptions } from './text';
export { sequenceBatches, loadSeries, type SequenceBatchOptions, type Series } from './sequences';
export { MissingDatasetError, type IdxSetPackage } from './optional';
export { split, type SplitOptions, type Splits } from './split';
export { datasetMessages } from './messages';
