/**
 * tsnets: theanets-style neural networks for TypeScript on TensorFlow.js.
 * Importing this package registers every built-in layer, activation, loss,
 * optimizer, regularizer and the trainer, so `net.train(...)` works with no
 * further set-up.
 *
 * The top level holds what most apps use: the models and the trainer, `tf`
 * and the backend choice, the decorators and `register*` functions, the
 * base classes to extend, the errors to catch, plugin loading, and the
 * types of options and results. The rest is grouped: `layers`, `losses`,
 * `optimizers`, `regularizers`, `training`, `registry` and `datasets`.
 */
import '@tsnets/losses';
import '@tsnets/optimizers';
import '@tsnets/regularizers';

// Models, training, tensors.
export { Network, Regressor, Classifier, Autoencoder, Parameter, RandomState, tf } from '@tsnets/core';
export { Trainer } from '@tsnets/trainer';
export { BACKENDS, backendName, ready, useBackend } from '@tsnets/core';

// Extending: base classes, decorators, registration, plugins.
export { Layer, Loss, Optimizer, Regularizer } from '@tsnets/core';
export { activation, layer, loss, optimizer, regularizer } from '@tsnets/core';
export {
  register,
  registerActivation,
  registerIn,
  registerLayer,
  registerLoss,
  registerOptimizer,
  registerRegularizer,
} from '@tsnets/core';
export { loadPlugins, scanPlugins } from '@tsnets/core';

// Errors.
export {
  TsnetsError,
  ConfigurationError,
  DataError,
  DuplicateRegistrationError,
  ModelFileError,
  NotFoundError,
  OptionError,
  PluginError,
  RegularizerError,
  TrainingError,
  UnknownNameError,
} from '@tsnets/core';

// Types of options, data and results.
export type {
  ArrayInput,
  BatchSource,
  EndReason,
  GraphContext,
  GraphRewrite,
  LayerSummary,
  LayerSpec,
  LayerSpecObject,
  LevelsByGlob,
  LossSpec,
  LossTerms,
  MonitorFunction,
  MonitorPair,
  MonitorSpec,
  MonitorValues,
  NetworkInput,
  NetworkNames,
  NetworkOptions,
  NetworkSummary,
  Outputs,
  Pattern,
  RegularizerArgs,
  RegularizerKeywords,
  RegularizerOptions,
  RegularizerValue,
  TrainData,
  TrainOptions,
  TrainResult,
  TrainingOptions,
} from '@tsnets/core';
export type { ResolvedRegularizer, TrainerEvents, TrainerOptions } from '@tsnets/trainer';

// Grouped.
export * as layers from './api/layers';
export * as losses from './api/losses';
export * as optimizers from './api/optimizers';
export * as regularizers from './api/regularizers';
export * as training from './api/training';
export * as registry from './api/registry';
export * as datasets from '@tsnets/datasets';
export * as recurrent from './api/recurrent';
export * as convolution from './api/convolution';
