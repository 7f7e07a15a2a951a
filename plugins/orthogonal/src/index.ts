/**
 * @tsnets/plugin-orthogonal: the `orthogonal` regularizer. Importing this
 * module registers it (so does `loadPlugins()` when the package is an
 * installed dependency).
 */
export { Orthogonal, PACKAGE, type OrthogonalMode, type OrthogonalOptions } from './orthogonal';
