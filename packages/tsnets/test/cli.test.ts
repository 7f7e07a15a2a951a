import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Autoencoder, Classifier, Network, datasets, tf } from '../src/index';
import { fileSystem } from '@tsnets/tfjs-file-io';
import { finish, run, start } from './cli-helpers';

const SMALL = ['--model', 'classifier', '--layers', '64,32:relu,10', '--data', 'digits', '--algo', 'adam'];

describe('cli: tsnets command line', function () {
  this.timeout(60000);
  let dir: string;
  let model: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsnets-cli-'));
    model = join(dir, 'digits.tsnets.gz');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('train --json prints one {epoch, train, valid} record per epoch and --save writes the model', async () => {
    const args = [...SMALL, '--valid-fraction', '0.1', '--test-fraction', '0.2', '--max-updates', '3'];
    const result = await run([
      'train',
      ...args,
      '--learning-rate',
      '0.003',
      '--validate-every',
      '1',
      '--json',
      '--save',
      model,
    ]);
    expect(result.code, result.stderr).to.equal(0);
    const records = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((record) => record.epoch)).to.deep.equal([1, 2, 3]);
    for (const record of records) {
      expect(record.train).to.have.keys('loss', 'err', 'acc', 'terms');
      expect(record.valid).to.have.keys('loss', 'err', 'acc', 'terms');
    }
    expect(result.stderr)
      .to.match(/finished after 3 epochs/)
      .and.match(/test: loss/);
    expect(existsSync(model)).to.equal(true);
  });

  it('train --test-data measures a separate test set, as evaluate does on the saved model', async () => {
    // The last 300 digits as a CSV of pixel values (0..16) scaled to [0, 1] and a label column.
    const all = await datasets.digits();
    const rows = Array.from({ length: 300 }, (_, i) => {
      const row = 1497 + i;
      return [...all.x.subarray(64 * row, 64 * (row + 1)), all.labels[row]].join(',');
    });
    const file = join(dir, 'held-out.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const saved = join(dir, 'test-data.tsnets');
    const trained = await run(['train', ...SMALL, '--max-updates', '2', '--test-data', file, '--save', saved]);
    expect(trained.code, trained.stderr).to.equal(0);
    const accuracy = /test: .*acc ([0-9.]+)/.exec(trained.stdout);
    expect(accuracy, trained.stdout).to.not.equal(null);
    const evaluated = await run(['evaluate', saved, '--data', file, '--json']);
    expect(evaluated.code, evaluated.stderr).to.equal(0);
    const measures = JSON.parse(evaluated.stdout) as Record<string, number>;
    expect(Number(accuracy?.[1])).to.be.closeTo(measures.acc, 1e-3);
  });

  it('evaluate and predict use the saved model on the same test split', async () => {
    const split = ['--data', 'digits', '--valid-fraction', '0.1', '--test-fraction', '0.2'];
    const evaluated = await run(['evaluate', model, ...split, '--json']);
    expect(evaluated.code, evaluated.stderr).to.equal(0);
    const measures = JSON.parse(evaluated.stdout) as Record<string, number>;
    expect(measures).to.have.keys('loss', 'err', 'acc', 'score');
    expect(measures.acc).to.be.within(0, 1);
    expect(measures.score).to.be.closeTo(measures.acc, 1e-6);

    const output = join(dir, 'predictions.csv');
    const predicted = await run(['predict', model, ...split, '--output', output]);
    expect(predicted.code, predicted.stderr).to.equal(0);
    const labels = readFileSync(output, 'utf8').trim().split('\n').map(Number);
    expect(labels).to.have.length(359);
    for (const label of labels) expect(label).to.be.oneOf([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    // On every row, the labels are the API's predictions of the saved model, row for row.
    const all = join(dir, 'predictions-all.csv');
    const everyRow = await run(['predict', model, '--data', 'digits', '--output', all]);
    expect(everyRow.code, everyRow.stderr).to.equal(0);
    const cli = readFileSync(all, 'utf8').trim().split('\n').map(Number);
    const net = (await Network.load(model)) as Classifier;
    const [x] = datasets.toTensors(await datasets.digits());
    const labelsTensor = net.predict(x);
    const api = Array.from(labelsTensor.dataSync());
    tf.dispose([x, labelsTensor]);
    net.dispose();
    expect(cli).to.have.length(1797);
    expect(cli).to.deep.equal(api);
    // A trained model predicts more than one class.
    expect(new Set(api).size).to.be.above(5);
  });

  it('export writes a LayersModel that tf.loadLayersModel loads and that predicts what tsnets predicts', async () => {
    const out = join(dir, 'export');
    const result = await run(['export', model, out]);
    expect(result.code, result.stderr).to.equal(0);
    const layers = await tf.loadLayersModel(fileSystem(join(out, 'model.json')));
    const net = (await Network.load(model)) as Classifier;
    const [x] = datasets.toTensors(await datasets.digits());
    const ours = net.predictProba(x);
    const theirs = layers.predict(x) as tf.Tensor;
    const diff = tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0];
    expect(diff).to.be.below(1e-5);
    tf.dispose([x, ours, theirs]);
    layers.dispose();
    net.dispose();
  });

  it('export refuses a tied autoencoder with a clear error', async () => {
    const tied = join(dir, 'tied.tsnets');
    const net = new Autoencoder([4, 3, 'tied']);
    await net.save(tied);
    net.dispose();
    const result = await run(['export', tied, join(dir, 'tied')]);
    expect(result.code).to.equal(2);
    expect(result.stderr.trim().split('\n')).to.have.length(1);
    expect(result.stderr).to.match(/Cannot export layer "out": it is tied/);
  });

  it('plugins lists every registered id with its package', async () => {
    const result = await run(['plugins']);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/^regularizer\s+hidden_l1\s+@tsnets\/regularizers/m);
    expect(result.stdout).to.match(/^optimizer\s+adam\s+@tsnets\/optimizers/m);
    expect(result.stdout).to.match(/^trainer\s+layerwise\s+@tsnets\/trainer/m);
    const withPlugin = await run(['plugins', '--plugin', '@tsnets/plugin-weight-inverse']);
    expect(withPlugin.stdout).to.match(/^regularizer\s+weightinverse\s+@tsnets\/plugin-weight-inverse/m);
  });

  it('takes regularizer keywords as flags, including glob maps and plugin keywords, and their penalties are in the loss', async () => {
    const saved = join(dir, 'regularized.tsnets');
    // One batch of every row, validated on the same rows: the validation loss is the loss of the whole set.
    const result = await run([
      'train',
      ...SMALL,
      '--max-updates',
      '1',
      '--validate-every',
      '1',
      '--batch-size',
      '1797',
      '--json',
      '--save',
      saved,
      '--hidden-l1',
      '0.01',
      '--dropout',
      'hid?:out=0.2',
      '--plugin',
      '@tsnets/plugin-weight-inverse',
      '--weightinverse',
      '0.0001',
    ]);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stderr).to.match(/finished after 1 epochs/);
    const record = JSON.parse(result.stdout.trim().split('\n')[0]) as {
      valid: Record<string, number> & { terms: Record<string, number> };
      train: { graph: Record<string, unknown> };
    };
    // The terms, keyed by the flags given, add up to the loss; dropout is listed, not summed.
    expect(record.valid.terms).to.have.keys('err', 'hidden_l1', 'weightinverse');
    const sum = Object.values(record.valid.terms).reduce((a, b) => a + b, 0);
    expect(sum).to.be.closeTo(record.valid.loss, 1e-5);
    expect(record.train.graph).to.deep.equal({
      dropout: { id: 'dropout', level: 0.2, targets: ['hid1:out'] },
    });
    // The saved (best) model is the one the record validated.
    expect(Number(/best valid loss ([0-9.]+)/.exec(result.stderr)?.[1])).to.be.closeTo(record.valid.loss, 6e-5);
    // The penalties by their formulas on the saved model: hidden_l1 is mean |hid1:out| (dropout acts in training
    // only), weightinverse the sum over weight matrices of the sum over columns of 1 / |column|².
    const net = (await Network.load(saved)) as Classifier;
    const [x] = datasets.toTensors(await datasets.digits());
    const outputs = net.feedForward(x);
    const hidden = outputs['hid1:out'];
    const l1 = Array.from(hidden.dataSync()).reduce((sum, v) => sum + Math.abs(v), 0) / hidden.size;
    let inverse = 0;
    for (const param of net.params.filter((p) => p.shape.length === 2)) {
      const [rows, cols] = param.shape;
      const w = param.value();
      for (let j = 0; j < cols; j++) {
        let norm = 0;
        for (let i = 0; i < rows; i++) norm += w[i * cols + j] ** 2;
        inverse += 1 / norm;
      }
    }
    // Each term is far above the tolerance, so leaving either out fails.
    expect(0.01 * l1).to.be.above(1e-3);
    expect(0.0001 * inverse).to.be.above(1e-3);
    const penalty = 0.01 * l1 + 0.0001 * inverse;
    expect(record.valid.loss - record.valid.err).to.be.closeTo(penalty, 1e-4 * Math.max(1, penalty));
    expect(record.valid.terms.hidden_l1).to.be.closeTo(0.01 * l1, 1e-4 * Math.max(1, penalty));
    expect(record.valid.terms.weightinverse).to.be.closeTo(0.0001 * inverse, 1e-4 * Math.max(1, penalty));
    tf.dispose([x, ...Object.values(outputs)]);
    net.dispose();
  });

  it('progress lines show the terms of the validation loss by flag', async () => {
    const result = await run([
      'train',
      ...SMALL,
      '--max-updates',
      '1',
      '--validate-every',
      '1',
      '--weight-decay',
      '0.01',
      '--hidden-l1',
      '0.1',
    ]);
    expect(result.code, result.stderr).to.equal(0);
    const lines = [
      ...result.stdout.matchAll(/valid loss (\d+\.\d+) .*= err (\d+\.\d+) \+ weight_decay (\S+) \+ hidden_l1 (\S+)/g),
    ];
    expect(lines).to.have.length(2);
    for (const [, loss, ...terms] of lines) {
      const sum = terms.map(Number).reduce((a, b) => a + b, 0);
      expect(sum).to.be.closeTo(Number(loss), 2e-4);
    }
  });

  describe('bad arguments: exit code 2 and one line naming the problem', () => {
    const csv = () => {
      const file = join(dir, 'bad.csv');
      writeFileSync(file, '1,2,0\n3,x,1\n');
      return file;
    };
    const cases: Array<[string, () => string[], RegExp]> = [
      [
        'a misspelt flag',
        () => [...SMALL, '--learning-rat', '0.1'],
        /unknown option '--learning-rat'.*--learning-rate/,
      ],
      ['an unknown keyword', () => [...SMALL, '--hidden-l3', '0.1'], /unknown option '--hidden-l3'.*--hidden-l1/],
      [
        'a missing file',
        () => [...SMALL.slice(0, 4), '--data', join(dir, 'none.csv')],
        /--data: no file ".*none\.csv"/,
      ],
      ['a malformed CSV', () => ['--model', 'classifier', '--layers', '2,3', '--data', csv()], /line 2, column 2/],
      [
        'layers that do not fit',
        () => [...SMALL.slice(0, 2), '--layers', '784,10', '--data', 'digits'],
        /input layer has 784 units.*64/,
      ],
      [
        'a missing --test-data file',
        () => [...SMALL, '--test-data', join(dir, 'none')],
        /--test-data: no file ".*none"/,
      ],
      [
        'two test sets',
        () => [...SMALL, '--test-data', 'digits', '--test-fraction', '0.2'],
        /--test-data and --test-fraction/,
      ],
      [
        'a --test-data set that does not fit',
        () => [...SMALL, '--test-data', 'iris'],
        /input layer has 64 units but iris \(4 values per example\)/,
      ],
      ['an invalid option value', () => [...SMALL, '--batch-size', '0'], /batch_size.*whole number/],
      ['an unknown optimizer', () => [...SMALL, '--algo', 'adamm'], /Unknown optimizer "adamm".*"adam"/],
    ];
    for (const [what, args, message] of cases) {
      it(what, async () => {
        const result = await run(['train', ...args(), '--max-updates', '1']);
        expect(result.code, result.stderr).to.equal(2);
        const lines = result.stderr.trim().split('\n');
        expect(lines, result.stderr).to.have.length(1);
        expect(lines[0])
          .to.match(message)
          .and.not.match(/\n\s+at /);
      });
    }
  });

  it('Ctrl-C stops training cleanly, keeps the best parameters and still saves', async () => {
    const saved = join(dir, 'interrupted.tsnets');
    // A learning rate of 10 wrecks the network in its first step (validation loss 2.73 at epoch 0, then 9.75 and
    // worse): the best parameters are the initial ones, not the last. One batch per epoch, so the validation loss
    // is the loss over every row, as `evaluate` measures it.
    const child = start([
      'train',
      ...SMALL.map((arg) => (arg === 'adam' ? 'sgd' : arg)),
      '--learning-rate',
      '10',
      '--momentum',
      '0.9',
      '--batch-size',
      '1797',
      '--validate-every',
      '1',
      '--max-updates',
      '100000',
      '--patience',
      '100000',
      '--save',
      saved,
    ]);
    const done = finish(child);
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/epoch\s+2 /.test(seen)) resolve();
      });
    });
    child.kill('SIGINT');
    const result = await done;
    expect(result.code, result.stderr).to.equal(130);
    expect(result.stdout).to.match(/stopped after \d+ epochs \(interrupted by SIGINT\)/);
    const losses = [...result.stdout.matchAll(/epoch +\d+ +valid loss (\d+\.\d+)/g)].map((m) => Number(m[1]));
    const best = Number(/best valid loss (\d+\.\d+)/.exec(result.stdout)?.[1]);
    // The best validation is not the last one.
    expect(losses[0]).to.equal(best);
    expect(losses[losses.length - 1]).to.be.above(best + 1);
    // The saved model is the best one: evaluated on the same rows, its loss is the printed best (to 4 decimals).
    const evaluated = await run(['evaluate', saved, '--data', 'digits', '--json']);
    expect(evaluated.code, evaluated.stderr).to.equal(0);
    const measures = JSON.parse(evaluated.stdout) as Record<string, number>;
    expect(measures.loss).to.be.closeTo(best, 6e-5);
  });
});
