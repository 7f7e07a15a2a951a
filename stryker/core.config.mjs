// Core's graph (the network, losses, regularizer hooks) and saving against the tests that exercise them.
import { mutationConfig } from './base.mjs';

const CORE_TESTS = [
  'activations',
  'data',
  'feedforward',
  'graph',
  'layers',
  'loss',
  'matmul',
  'model-document',
  'model-file.property',
  'plugins',
  'random-state',
  'save',
  'to-tensor',
  'util',
];

export default mutationConfig(
  'core',
  [
    'packages/core/src/graph/network.ts',
    'packages/core/src/graph/loss.ts',
    'packages/core/src/graph/regularizer.ts',
    'packages/core/src/graph/resolve-regularizers.ts',
    'packages/core/src/graph/save.ts',
    'packages/core/src/graph/model-write.ts',
    'packages/core/src/graph/model-document.ts',
    'packages/core/src/graph/data.ts',
  ],
  // The regularizer hooks, resolveRegularizers and the loss terms run in the regularizer, loss, plugin, option and
  // keyword tests.
  // Not core's registry test: it loads a second copy of core inside a test, which made Stryker take the
  // module-level (static) mutants as covered by that test alone. (They survive all the same: the test setup loads
  // core before any mutant is active; see docs/testing.md.)
  [
    ...CORE_TESTS.map((name) => `packages/core/dist/test/${name}.test.js`),
    'packages/regularizers/dist/test/*.test.js',
    'packages/losses/dist/test/*.test.js',
    'plugins/*/dist/test/*.test.js',
    'out/test/option-errors.test.js',
    'out/test/regularizer-keywords.test.js',
    'out/test/save-load.test.js',
  ],
);
