import { expect } from 'chai';
import { matMul, tf } from '@tsnets/core';
import { SGD } from '../src/base';
import { OPTIMIZER_CLASSES, settingsWith, variableOf } from './helpers';

describe('optimizer memory', () => {
  for (const [id, Class] of OPTIMIZER_CLASSES) {
    for (const momentum of [0, 0.9]) {
      it(`${id}${momentum ? ' with momentum' : ''}: repeated steps leak nothing and dispose() frees the state`, () => {
        const w = variableOf([
          [0.1, -0.2],
          [0.3, 0.4],
        ]);
        const b = variableOf([0.5, -0.5]);
        const x = tf.tensor2d([
          [1, 2],
          [3, -1],
          [0.5, 0.5],
        ]);
        const objective = () =>
          tf.sum(tf.square(tf.tanh(tf.add(matMul(x, w as tf.Variable<tf.Rank.R2>), b)))) as tf.Scalar;
        const before = tf.memory().numTensors;
        const optimizer = new Class(settingsWith({ learningRate: 0.01, momentum }));
        optimizer.step(objective, [w, b]).dispose();
        const afterFirst = tf.memory().numTensors;
        const stateless = momentum === 0 && (id === 'sgd' || id === 'nag');
        if (!stateless) expect(afterFirst, 'state was created').to.be.greaterThan(before);
        for (let i = 0; i < 3; i++) optimizer.step(objective, [w, b]).dispose();
        expect(tf.memory().numTensors, 'tensors leaked by steps').to.equal(afterFirst);
        const value = optimizer.step(objective, [w, b]);
        expect(value.rank).to.equal(0);
        expect(Number.isFinite(value.dataSync()[0])).to.equal(true);
        value.dispose();
        optimizer.dispose();
        expect(tf.memory().numTensors, 'state left after dispose()').to.equal(before);
        w.dispose();
        b.dispose();
        x.dispose();
      });
    }
  }

  it('frees the returned value and gradients when a step throws', () => {
    const x = variableOf([1, 2]);
    const before = tf.memory().numTensors;
    class Failing extends SGD {
      protected override delta(): tf.Tensor {
        throw new Error('boom');
      }
    }
    const optimizer = new Failing(settingsWith());
    expect(() => optimizer.step(() => tf.sum(tf.square(x)) as tf.Scalar, [x])).to.throw('boom');
    optimizer.dispose();
    expect(tf.memory().numTensors).to.equal(before);
    x.dispose();
  });
});
