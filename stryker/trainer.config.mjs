// The training loop against the tests of the loop (about 200 mutants, 4 minutes on two cores).
import { mutationConfig } from './base.mjs';

export default mutationConfig(
  'trainer',
  ['packages/trainer/src/trainer.ts', 'packages/trainer/src/snapshot.ts'],
  [
    'out/test/trainer.test.js',
    'out/test/regularizer-keywords.test.js',
    'out/test/training-progress.test.js',
    'out/test/train-result.test.js',
    'out/test/option-errors.test.js',
    'out/test/strategies.test.js',
  ],
);
