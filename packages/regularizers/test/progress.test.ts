import { expect } from 'chai';
import { Regressor, tf, type TrainOptions } from '@tsnets/core';
import { leakFree, REG_DATA, validationLosses } from './helpers';

// theanets' test/regularizers_test.py: every keyword trains a [7, 20, 5]
// regressor with sgd to a validation loss below the first.
const KEYWORDS: Array<[string, unknown]> = [
  ['input_noise', 0.1],
  ['input_dropout', 0.2],
  ['hidden_noise', 0.1],
  ['hidden_dropout', 0.2],
  ['noise', { '*:out': 0.1 }],
  ['dropout', { 'hid?:out': 0.2 }],
  ['hidden_l1', 0.1],
  ['weight_l1', 0.1],
  ['weight_l2', 0.01],
  ['contractive', 0.01],
];

describe('training makes progress with each regularizer (theanets test_sgd)', () => {
  for (const [key, value] of KEYWORDS) {
    it(
      `${key}: ${JSON.stringify(value)}`,
      leakFree(async () => {
        const net = new Regressor([7, 20, 5]);
        try {
          const losses = await validationLosses(net, { [key]: value });
          expect(losses.length, 'validations').to.be.at.least(2);
          expect(Math.min(...losses.slice(1)), `validation losses ${losses.join(', ')}`).to.be.below(losses[0]);
        } finally {
          net.dispose();
        }
      }),
    );
  }
});

describe('hidden_l1 shrinks hidden activity', () => {
  /** mean |hid1:out| on the data after 100 sgd steps with the given keywords. */
  async function activity(keywords: TrainOptions): Promise<number> {
    const net = new Regressor([7, 20, 5]);
    try {
      await net.train(REG_DATA, {
        algo: 'sgd',
        learning_rate: 0.05,
        batch_size: 64,
        max_updates: 100,
        validate_every: 1,
        patience: 100,
        ...keywords,
      });
      const { 'hid1:out': hidden, ...rest } = net.feedForward(REG_DATA[0]);
      tf.dispose(Object.values(rest));
      const value = tf.tidy(() => tf.mean(tf.abs(hidden)).dataSync()[0]);
      hidden.dispose();
      return value;
    } finally {
      net.dispose();
    }
  }

  it(
    'mean |hid1:out| after training with hidden_l1: 10 is far below that without it',
    leakFree(async () => {
      const without = await activity({});
      const sparse = await activity({ hidden_l1: 10 });
      expect(sparse, `${sparse} vs ${without}`).to.be.below(without / 4);
    }),
  );
});
