/**
 * @tsnets/plugin-kl-sparsity: the `kl_sparsity` regularizer. Importing this
 * module registers it (so does `loadPlugins()` when the package is an
 * installed dependency).
 */
export { KLSparsity, PACKAGE, type KLSparsityOptions } from './kl-sparsity';
