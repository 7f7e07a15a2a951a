/**
 * Image models: `import { convolution } from 'tsnets'`. They read
 * `[N, width, height, channels]` (theanets' order); the first layer is the
 * image shape, e.g. `[28, 28, 1]`, or `{ shape: [1, 28, 28], channels:
 * 'first' }` for channels-first data. `datasets.reshape` gives loaded images
 * their channel axis.
 */
import { convolution as models } from '@tsnets/core';

/** A regressor over images `[N, width, height, channels]`. */
export const Regressor = models.Regressor;
export type Regressor = models.Regressor;
/** A classifier over images `[N, width, height, channels]`. */
export const Classifier = models.Classifier;
export type Classifier = models.Classifier;
