/**
 * @tsnets/datasets: IDX (MNIST) and CSV loaders, the bundled digits and iris, MNIST and
 * Fashion-MNIST from their optional packages, seeded splits, and conversion to tensors.
 * Registers nothing.
 */
export {
  createDataset,
  exampleSize,
  flatten,
  hasLabels,
  rowCount,
  selectRows,
  type Dataset,
  type DatasetParts,
  type LabeledDataset,
} from './dataset';
export { toArrays, toTensors, type NestedArray } from './tensors';
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
export { MissingDatasetError, type IdxSetPackage } from './optional';
export { split, type SplitOptions, type Splits } from './split';
export { datasetMessages } from './messages';
