/**
 * @tsnets/plugin-weight-inverse: the `weightinverse` regularizer. Importing
 * this module registers it (so does `loadPlugins()` when the package is an
 * installed dependency).
 */
export { WeightInverse, PACKAGE } from './weight-inverse';
