import { expect } from 'chai';
import { tf } from 'tsnets';

describe('tsnets package', () => {
  it('re-exports tf', () => {
    expect(typeof tf.tensor).to.equal('function');
  });
});
