// The optimizers' update rules, defaults and gradient clipping against the package's own tests.
import { mutationConfig } from './base.mjs';

export default mutationConfig(
  'optimizers',
  ['packages/optimizers/src/*.ts', '!packages/optimizers/src/index.ts'],
  ['packages/optimizers/dist/test/*.test.js'],
);
