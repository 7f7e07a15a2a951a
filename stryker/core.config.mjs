// Core's graph (the network, losses, regularizer hooks) and saving against core's tests and the save tests.
import { mutationConfig } from './base.mjs';

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
  ['packages/core/dist/test/*.test.js', 'out/test/save-load.test.js'],
);
