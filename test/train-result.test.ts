import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Network, OptionError, Regressor, Trainer, TrainingError, tf, type TrainOptions } from 'tsnets';
import { noLeakedTensors, rejected } from '@tsnets/testing';
import { theanetsData } from './fixtures';

const D = theanetsData();
const X = D.INPUTS.slice(0, 32);
const Y = D.OUTPUTS.slice(0, 32);
// Validation targets a third of the way to the training targets: training
// first approaches them, then passes them, so the best validation is
// neither the first nor the last.
const VALID_Y = Y.map((row) => row.map((v) => 0.3 * v));
const SETTINGS: TrainOptions = {
  algo: 'sgd',
  learning_rate: 0.05,
  batch_size: 32,
  validate_every: 1,
  patience: 2,
  max_updates: 200,
  valid: [X, VALID_Y],
};

/** Mean squared error of the model on `x` against `y`, from its predictions, written out. */
function mse(net: Network, x: number[][], y: number[][]): number {
  const predicted = net.predict(x);
  const values = predicted.arraySync() as number[][];
  predicted.dispose();
  let sum = 0;
  values.forEach((row, i) => row.forEach((v, j) => (sum += (v - y[i][j]) ** 2)));
  return sum / (values.length * values[0].length);
}

describe('train() resolves to the model as left', () => {
  noLeakedTensors();

  it('after a patience stop: the best validation, its epoch, the reason and the epochs', async () => {
    const net = new Regressor([7, [8, 'tanh'], 5]);
    const trainer = new Trainer(net);
    const losses: number[] = [];
    trainer.on('validation', ({ valid }) => losses.push(valid.loss));
    try {
      const result = await trainer.train([X, Y], SETTINGS);
      const bestEpoch = losses.indexOf(Math.min(...losses));
      // The setting works only when the best is neither the first validation nor the last.
      expect(bestEpoch)
        .to.be.above(0)
        .and.below(losses.length - 1);
      expect(result.reason).to.equal('patience');
      expect(result.best.epoch).to.equal(bestEpoch);
      expect(result.best.loss).to.equal(losses[bestEpoch]);
      expect(result.epochs).to.equal(losses.length - 1);
      expect(result.valid.loss).to.equal(losses[bestEpoch]);
      // The model as left scores what `valid` says, not what the last validation said.
      expect(result.valid.err).to.be.closeTo(mse(net, X, VALID_Y), 1e-6);
      expect(losses[losses.length - 1]).to.be.above(result.valid.loss);
      expect(net.evaluate([X, VALID_Y]).err).to.be.closeTo(mse(net, X, VALID_Y), 1e-6);
    } finally {
      net.dispose();
    }
  });

  it('after an abort: the best validation, not the latest', async () => {
    const net = new Regressor([7, [8, 'tanh'], 5]);
    const trainer = new Trainer(net);
    const controller = new AbortController();
    const losses: number[] = [];
    trainer.on('validation', ({ valid }) => losses.push(valid.loss));
    trainer.on('validation', () => {
      if (losses.length >= 3 && losses[losses.length - 1] > Math.min(...losses)) controller.abort();
    });
    try {
      const result = await trainer.train([X, Y], { ...SETTINGS, patience: 100, signal: controller.signal });
      expect(result.reason).to.equal('aborted');
      expect(losses[losses.length - 1]).to.be.above(result.valid.loss);
      expect(result.valid.err).to.be.closeTo(mse(net, X, VALID_Y), 1e-6);
    } finally {
      net.dispose();
    }
  });

  it('a NaN loss before any finite validation restores the parameters from before train()', async () => {
    const net = new Regressor([7, 8, 5]);
    const w = net.find('hid1', 'w').variable;
    tf.tidy(() => w.assign(tf.fill(w.shape, 1e30)));
    const start = net.params.map((param) => Array.from(param.variable.dataSync()));
    try {
      const error = await rejected(() => net.train([X, Y], { algo: 'sgd', batch_size: 32, max_updates: 3 }));
      expect(error).to.be.instanceOf(TrainingError);
      expect(net.params.map((param) => Array.from(param.variable.dataSync()))).to.deep.equal(start);
    } finally {
      net.dispose();
    }
  });

  it('a second train() of a network in training is a TrainingError; the first finishes', async () => {
    const net = new Regressor([7, 8, 5]);
    try {
      const first = net.train([X, Y], { algo: 'sgd', max_updates: 3 });
      const error = await rejected(() => net.train([X, Y], { algo: 'sgd', max_updates: 1 }));
      expect(error).to.be.instanceOf(TrainingError);
      expect((error as Error).message).to.include('already training');
      expect((await first).epochs).to.equal(3);
      expect((await net.train([X, Y], { algo: 'sgd', max_updates: 1 })).epochs).to.equal(1);
    } finally {
      net.dispose();
    }
  });

  it('the same option under two spellings is an OptionError naming both', async () => {
    const net = new Regressor([7, 8, 5]);
    try {
      const error = await rejected(() => net.train([X, Y], { learning_rate: 0.1, learningRate: 0.2 }));
      expect(error).to.be.instanceOf(OptionError);
      expect((error as Error).message)
        .to.include('learning_rate')
        .and.include('learningRate');
    } finally {
      net.dispose();
    }
  });

  it('save_every writes loadable checkpoints every N epochs to save_progress', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsnets-checkpoints-'));
    const net = new Regressor([7, 8, 5]);
    const trainer = new Trainer(net);
    const saved: Array<[number, string]> = [];
    trainer.on('checkpoint', ({ epoch, path: file }) => saved.push([epoch, file]));
    try {
      await trainer.train([X, Y], {
        algo: 'sgd',
        max_updates: 5,
        save_every: 2,
        save_progress: path.join(dir, 'model-{}.tsnets'),
      });
      expect(saved.map(([epoch]) => epoch)).to.deep.equal([2, 4]);
      for (const [, file] of saved) {
        expect(path.basename(file)).to.match(/^model-\d{10}\.tsnets$/);
        const loaded = await Network.load(file);
        expect(loaded.params.map((param) => param.name)).to.deep.equal(net.params.map((param) => param.name));
        loaded.dispose();
      }
      const error = await rejected(() => net.train([X, Y], { save_every: 2 }));
      expect(error).to.be.instanceOf(OptionError);
      expect((error as Error).message).to.include('save_progress');
    } finally {
      net.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an objective that throws in a training step (a failing monitor) leaks no tensor', async () => {
    const net = new Regressor([7, 8, 5]);
    let calls = 0;
    try {
      const error = await rejected(() =>
        net.train([X, Y], {
          algo: 'sgd',
          batch_size: 8,
          max_updates: 2,
          hidden_dropout: 0.1,
          monitors: {
            'hid1:out': {
              probe: (value: tf.Tensor) => {
                calls += 1;
                // Validation runs 4 batches first; throw in the second training step.
                if (calls === 6) throw new Error('probe failed');
                return tf.mean(value);
              },
            },
          },
        }),
      );
      expect(String(error)).to.include('probe failed');
    } finally {
      net.dispose();
    }
  });
});

describe("the trainer's events and defaults", () => {
  noLeakedTensors();

  it('iteration and batch events carry the epoch, the batch and the values; the seed defaults to the network rng', async () => {
    const net = new Regressor([7, 8, 5], { rng: 7 });
    const trainer = new Trainer(net);
    let seed: unknown;
    const iterations: number[] = [];
    const batches: string[] = [];
    trainer.on('start', ({ settings }) => (seed = settings.rng));
    trainer.on('iteration', ({ epoch, train, valid }) => {
      expect(train.loss).to.be.a('number');
      expect(valid.loss).to.be.a('number');
      iterations.push(epoch);
    });
    trainer.on('batch', ({ epoch, batch, batches: count, loss }) => {
      expect(loss).to.be.a('number');
      batches.push(`${epoch}.${batch}/${count}`);
    });
    try {
      await trainer.train([X, Y], { algo: 'sgd', batch_size: 16, max_updates: 2 });
      expect(seed).to.equal(7);
      expect(iterations).to.deep.equal([1, 2]);
      expect(batches).to.deep.equal(['1.1/2', '1.2/2', '2.1/2', '2.2/2']);
    } finally {
      net.dispose();
    }
  });

  it('the start event lists only the options a regularizer was given', async () => {
    const net = new Regressor([7, 8, 5]);
    const trainer = new Trainer(net);
    let options: object[] = [];
    trainer.on('start', (info) => (options = info.regularizers.map((r) => r.options)));
    try {
      // contractive declares 'wrt'; given none, it lists none (not wrt: undefined).
      await trainer.train([X, Y], { contractive: 0.1, max_updates: 1 });
      expect(options).to.deep.equal([{}]);
    } finally {
      net.dispose();
    }
  });

  it('a validation loss equal to the best is not an improvement (min_improvement 0)', async () => {
    const net = new Regressor([7, 8, 5]);
    try {
      // A step of 1e-30 leaves float32 parameters as they were, so every validation repeats the first loss.
      const result = await net.train([X, Y], {
        algo: 'sgd',
        learning_rate: 1e-30,
        validate_every: 1,
        patience: 0,
        max_updates: 5,
      });
      expect(result.reason).to.equal('patience');
      expect(result.epochs).to.equal(1);
      expect(result.best.epoch).to.equal(0);
    } finally {
      net.dispose();
    }
  });
});
