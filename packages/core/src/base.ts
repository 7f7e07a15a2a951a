/** The side-effect-free surface of @tsnets/core: importing it registers nothing. */
export { tf, type Tensor, type Scalar } from './tf';
export { BACKENDS, backendName, ready, useBackend, ensureSyncBackend } from './backend';
export { RandomState } from './rng/random-state';
export * from './errors/errors';
export { messages } from './errors/messages';
export { closeMatches, normalizeKey } from './util/suggest';
export { matchNames, matches, type Pattern } from './util/glob';
export {
  KINDS,
  catalog,
  registeredIds,
  registeredNames,
  type Kind,
  type Registration,
  type Constructor,
} from './registry/catalog';
export {
  create,
  hintPlugin,
  idOf,
  instantiate,
  isRegistered,
  lookup,
  register,
  registerIn,
  rootScope,
  tokenFor,
  unregister,
  type RegisterOptions,
} from './registry/registry';
export {
  activation,
  layer,
  loss,
  optimizer,
  regularizer,
  registering,
  registerActivation,
  registerLayer,
  registerLoss,
  registerOptimizer,
  registerRegularizer,
} from './registry/decorators';
export {
  discoverPlugins,
  isPackageName,
  loadPlugin,
  loadPlugins,
  pluginsDisabled,
  scanPlugins,
  type PluginDiscovery,
  type PluginSearchOptions,
} from './registry/plugins';
export { atomically } from './registry/rollback';
export { MANIFEST_KINDS, type PluginInfo, type PluginManifest } from './registry/manifest';
export { matMul, dot } from './ops/matmul';
export { FUSED_UPDATES, fusedUpdate, hasFusedUpdate } from './ops/fused-update';
export { FUSED_CELLS, CELL_ACTIVATIONS, fusedCell, hasFusedCell, type FusedCell } from './ops/fused-cell';
export { FUSED_PENALTY, hasFusedPenalty, meanPower } from './ops/penalty';
export { Parameter } from './graph/parameter';
export type { Outputs } from './graph/outputs';
export { Activation, Composite, buildActivation, type ActivationHost } from './graph/activations/activation';
export { Layer, type LayerOptions } from './graph/layers/layer';
export { Input, type InputOptions } from './graph/layers/input';
export { Feedforward, Classifier as ClassifierLayer } from './graph/layers/feedforward';
export { Tied } from './graph/layers/tied';
export { Flatten, Concatenate, Product, Reshape } from './graph/layers/shaping';
export { randomMatrix, randomVector, type MatrixInit } from './graph/layers/init';
export { parseLayerSpec, type LayerSpec, type LayerSpecObject } from './graph/spec';
export { Loss, weightedMean, type LossOptions } from './graph/loss';
export { Regularizer, type RegularizerOptions, type GraphContext, type NetworkNames } from './graph/regularizer';
export { resolveRegularizers, type RegularizerArgs } from './graph/resolve-regularizers';
export { checkMonitors, monitorValues, type MonitorSpec, type MonitorFunction } from './graph/monitors';
export type { HistoryEpoch, ResolvedRegularizer, TrainingHistory } from './graph/history';
export {
  GRADIENT_PREFIX,
  TERM_PREFIX,
  graphRewrites,
  keywordOf,
  monitorNumbers,
  monitorRecord,
  termKeys,
} from './graph/terms';
export { toTensor, checkFinite, type ArrayInput } from './graph/data';
export { summarize, type NetworkSummary, type LayerSummary } from './graph/summary';
export {
  Network,
  finish,
  OUTPUT_CHUNK,
  type NetworkOptions,
  type NetworkInput,
  type LossSpec,
  type Slot,
} from './graph/network';
export { Regressor, Classifier, Autoencoder } from './graph/models';
/** Sequence models (`recurrent.Regressor`, ...): inputs `[N, T, features]`. */
export * as recurrent from './graph/recurrent-models';
export type { SequenceOptions } from './graph/recurrent-models';
/** Image models (`convolution.Regressor`, `convolution.Classifier`): inputs `[N, width, height, channels]`. */
export * as convolution from './graph/convolution-models';
export { Convolution, Conv1, Conv2, type ConvolutionOptions } from './graph/layers/convolution';
export { Pooling, Pool1, Pool2, type PoolingOptions } from './graph/layers/pooling';
export type { BorderMode } from './graph/layers/window';
export {
  Recurrent,
  RNN,
  RRNN,
  MUT1,
  GRU,
  LSTM,
  Clockwork,
  MRNN,
  SCRN,
  BCRNN,
  Bidirectional,
  type RecurrentOptions,
  type RRNNOptions,
  type RateForm,
  type LSTMOptions,
  type ClockworkOptions,
  type MRNNOptions,
  type SCRNOptions,
  type BCRNNOptions,
  type BidirectionalOptions,
  type Step,
} from './graph/layers/recurrent';
export {
  FORMAT,
  FORMAT_VERSION,
  MODEL_LIMITS,
  modelKinds,
  toDocument,
  fromDocument,
  saveNetwork,
  loadNetwork,
  type ModelDocument,
} from './graph/save';
export {
  TRAINER_FACTORY,
  runTrainer,
  type EndReason,
  type MonitorPair,
  type GraphRewrite,
  type LossTerms,
  type MonitorValues,
  type TrainResult,
  type TrainerFactory,
  type TrainingRun,
} from './graph/train-hook';
export type {
  BatchSource,
  CamelCase,
  CamelCased,
  LevelsByGlob,
  RegularizerKeywords,
  RegularizerValue,
  TrainData,
  TrainOptions,
  TrainingOptions,
} from './train/options';
export { Optimizer, OPTIMIZER_DEFAULTS, halflifeDecay, releasingTape, type OptimizerSettings } from './train/optimizer';
