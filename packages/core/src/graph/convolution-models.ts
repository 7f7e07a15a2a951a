import * as feedforward from './models';
import { modelKinds } from './save';

/**
 * A regressor over images `[N, width, height, channels]` (theanets'
 * `convolution.Regressor`): the first layer is the image shape, e.g.
 * `[[28, 28, 1], { form: 'conv2', size: 16, filter_size: 5 }, 'flatten', 10]`.
 * Channels-first data: `{ shape: [1, 28, 28], channels: 'first' }`.
 */
export class Regressor extends feedforward.Regressor {
  static override readonly KIND: string = 'convolution-regressor';
}

/** A classifier over images `[N, width, height, channels]` (theanets' `convolution.Classifier`). */
export class Classifier extends feedforward.Classifier {
  static override readonly KIND: string = 'convolution-classifier';
}

modelKinds.set(Regressor.KIND, Regressor);
modelKinds.set(Classifier.KIND, Classifier);
