/** The loss base class: defaults, the output it reads, and the weighted mean every loss uses. */
import { expect } from 'chai';
import { Loss, NotFoundError, tf, weightedMean } from '../src/index';
import { leakFree } from './helpers';

/** The mean absolute difference, through `weightedMean`. */
class Gap extends Loss {
  compute(output: tf.Tensor, target: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
    return weightedMean(tf.abs(tf.sub(output, target)), weights);
  }
}

describe('Loss', () => {
  it('defaults: weight 1, unweighted, the output out:out, an array target, targets that are not labels', () => {
    const loss = new Gap();
    expect([loss.weight, loss.weighted, loss.outputName, loss.target]).to.deep.equal([1, false, 'out:out', 'array']);
    expect(loss.labels).to.equal(false);
    expect(new Gap({ outputName: 'hid1' }).outputName).to.equal('hid1:out');
    expect(new Gap({ outputName: 'hid1:pre' }).outputName).to.equal('hid1:pre');
  });

  it(
    'evaluates the output it names, and names the outputs there are when it is missing',
    leakFree(() => {
      tf.tidy(() => {
        const outputs = new Map([
          ['hid1:out', tf.tensor1d([1, 2])],
          ['out:out', tf.tensor1d([3, 5])],
        ]);
        // |3 - 1| and |5 - 1| averaged.
        expect(new Gap().evaluate(outputs, tf.tensor1d([1, 1])).dataSync()[0]).to.equal(3);
        let error: unknown;
        try {
          new Gap({ outputName: 'hid2' }).evaluate(outputs, tf.tensor1d([1, 1]));
        } catch (caught) {
          error = caught;
        }
        expect(error).to.be.instanceOf(NotFoundError);
        expect((error as NotFoundError).key).to.equal('hid2:out');
        expect((error as NotFoundError).available).to.deep.equal(['hid1:out', 'out:out']);
      });
    }),
  );

  it(
    'weightedMean: the mean, or sum(w v) / sum(w) with weights',
    leakFree(() => {
      tf.tidy(() => {
        const values = tf.tensor1d([1, 2, 6]);
        expect(weightedMean(values).dataSync()[0]).to.equal(3);
        // (0·1 + 1·2 + 3·6) / (0 + 1 + 3) = 20 / 4.
        expect(weightedMean(values, tf.tensor1d([0, 1, 3])).dataSync()[0]).to.equal(5);
      });
    }),
  );
});
