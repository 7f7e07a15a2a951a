import { expect } from 'chai';
import '../src/index';
import { parseLayers } from '../src/cli/layers';
import { parseValue } from '../src/cli/values';
import { UsageError } from '../src/cli/errors';

describe('cli: --layers and flag values', () => {
  it('parses sizes, size:activation and tied', () => {
    expect(parseLayers('64,100:relu,10')).to.deep.equal([64, [100, 'relu'], 10]);
    expect(parseLayers('784,256,tied')).to.deep.equal([784, 256, 'tied']);
    expect(parseLayers('4,8:rect:minmax,4')).to.deep.equal([4, [8, 'rect:minmax'], 4]);
  });

  it('parses size:form and size:form:activation for recurrent layers', () => {
    expect(parseLayers('27,128:lstm,27')).to.deep.equal([27, [128, 'lstm'], 27]);
    expect(parseLayers('27,128:gru:tanh,27')).to.deep.equal([27, [128, 'gru', 'tanh'], 27]);
    expect(parseLayers('4,8:rnn:rect:minmax,4')).to.deep.equal([4, [8, 'rnn', 'rect:minmax'], 4]);
  });

  it('rejects malformed items with a UsageError naming the item', () => {
    expect(() => parseLayers('64')).to.throw(UsageError, /at least an input and an output/);
    expect(() => parseLayers('64,,10')).to.throw(UsageError, /empty/);
    expect(() => parseLayers('64,x:relu,10')).to.throw(UsageError, /"x:relu"/);
    expect(() => parseLayers('64,10:,10')).to.throw(UsageError, /empty activation/);
  });

  it('turns flag text into numbers, booleans, JSON and glob maps', () => {
    expect(parseValue('0.001')).to.equal(0.001);
    expect(parseValue('false')).to.equal(false);
    expect(parseValue(true)).to.equal(true);
    expect(parseValue('adam')).to.equal('adam');
    expect(parseValue('hid?:out=0.2')).to.deep.equal({ 'hid?:out': 0.2 });
    expect(parseValue('in:out=0.1,hid1:out=0.3')).to.deep.equal({ 'in:out': 0.1, 'hid1:out': 0.3 });
    expect(parseValue('{"weight":0.1,"pattern":"hid1:out"}')).to.deep.equal({ weight: 0.1, pattern: 'hid1:out' });
    expect(parseValue('hid*')).to.equal('hid*');
  });
});
