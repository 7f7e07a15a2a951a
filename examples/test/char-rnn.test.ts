import { expect } from 'chai';
import { corpus, main, type CharResult } from '../char-rnn';

describe('examples/char-rnn (an LSTM of 16 units on 30,000 characters, three short epochs)', function () {
  this.timeout(120000);
  let result: CharResult;
  const lines: string[] = [];

  before(async () => {
    result = await main({
      hidden: 16,
      steps: 12,
      batch: 16,
      epochs: 3,
      batches: 25,
      chars: 30000,
      log: (l) => lines.push(l),
    });
  });

  it('reads the SOTU corpus shipped with the examples', () => {
    const text = corpus();
    expect(Buffer.byteLength(text)).to.equal(2143205);
    expect(text.slice(0, 40)).to.match(/\S/);
  });

  it('prints the validation bits per character beside the unigram baseline', () => {
    expect(result.bits).to.be.within(1, 8);
    expect(result.unigramBits).to.be.within(3, 7);
    expect(
      lines.some((l) => /validation: \d\.\d{3} bits\/char; unigram baseline \d\.\d{3} bits\/char/.test(l)),
    ).to.equal(true);
  });

  it('samples continue their prompts, seeded', async () => {
    expect(result.samples.map((s) => s.slice(0, 4))).to.deep.equal(['The ', 'Amer', 'We m']);
    result.samples.forEach((s) => expect(s.length).to.be.greaterThan(60));
    expect(lines.filter((l) => l.startsWith('sample: '))).to.have.lengthOf(3);
  });

  it('the trained model beats guessing uniformly among the classes', () => {
    const classes = Number(/alphabet of (\d+) classes/.exec(lines[0])?.[1]);
    expect(classes).to.be.within(30, 100);
    expect(result.bits).to.be.below(Math.log2(classes));
  });
});
