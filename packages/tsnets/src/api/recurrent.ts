/**
 * Sequence models and their data helpers: `import { recurrent } from 'tsnets'`.
 * The models read `[N, T, features]`; `sequenceBatches` (theanets'
 * `recurrent.batches`) cuts windows from long series and `Text` turns text
 * into class codes for character models.
 */
import { recurrent as models } from '@tsnets/core';

/** A regressor over sequences `[N, T, features]`, targets `[N, T, outputs]`. */
export const Regressor = models.Regressor;
export type Regressor = models.Regressor;
/** A classifier over sequences: one label per step `[N, T]`; `predictSequence` continues label sequences. */
export const Classifier = models.Classifier;
export type Classifier = models.Classifier;
/** An autoencoder over sequences `[N, T, features]`. */
export const Autoencoder = models.Autoencoder;
export type Autoencoder = models.Autoencoder;
export type { SequenceOptions } from '@tsnets/core';
export { Text, sequenceBatches, type TextOptions, type SequenceBatchOptions } from '@tsnets/datasets';
