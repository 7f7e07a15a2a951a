// The built-in regularizers' penalties, noise and dropout against the package's tests and the keyword tests.
import { mutationConfig } from './base.mjs';

export default mutationConfig(
  'regularizers',
  ['packages/regularizers/src/*.ts', '!packages/regularizers/src/index.ts'],
  ['packages/regularizers/dist/test/*.test.js', 'out/test/regularizer-keywords.test.js'],
);
