import { expect } from 'chai';
import { DataError } from '@tsnets/core';
import { loadIdx, loadIdxPair, parseIdx } from '../src/idx';
import { idxBytes, rejection, tempDir, thrown, writeFile } from './helpers';

describe('IDX loader', () => {
  let dir: string;
  let remove: () => void;
  beforeEach(() => ({ dir, remove } = tempDir()));
  afterEach(() => remove());

  // Three 2x3 images with pixels 0, 10, ..., 170 and labels 7, 0, 3.
  const pixels = Array.from({ length: 18 }, (_, i) => i * 10);
  const images = () => idxBytes('uint8', [3, 2, 3], pixels);
  const labels = () => idxBytes('uint8', [3], [7, 0, 3]);

  for (const gzip of [false, true]) {
    it(`reads ${gzip ? 'gzip-compressed' : 'raw'} uint8 images and labels`, async () => {
      const imagesPath = writeFile(dir, 'images.idx', images(), gzip);
      const labelsPath = writeFile(dir, 'labels.idx', labels(), gzip);
      const raw = await loadIdx(imagesPath);
      expect(raw.dtype).to.equal('uint8');
      expect(raw.shape).to.deep.equal([3, 2, 3]);
      expect(Array.from(raw.values)).to.deep.equal(pixels);

      const data = await loadIdxPair(imagesPath, labelsPath);
      expect(data.shape).to.deep.equal([3, 2, 3]);
      expect(Array.from(data.labels)).to.deep.equal([7, 0, 3]);
      expect(data.classes).to.equal(8);
      data.x.forEach((v, i) => expect(v).to.be.closeTo(pixels[i] / 255, 1e-7));
    });
  }

  it('decides gzip by content, not by name', async () => {
    const path = writeFile(dir, 'labels.idx', labels(), true);
    expect(Array.from((await loadIdx(path)).values)).to.deep.equal([7, 0, 3]);
  });

  it('reads every IDX element type big-endian', () => {
    const cases = [
      ['int8', [-128, -1, 0, 127]],
      ['int16', [-32768, -2, 300, 32767]],
      ['int32', [-2147483648, -5, 70000, 2147483647]],
      ['float32', [-1.5, 0, 0.25, 1024.5]],
      ['float64', [-1e-300, Math.PI, 0, 1e300]],
    ] as const;
    for (const [dtype, values] of cases) {
      const array = parseIdx(idxBytes(dtype, [2, 2], [...values]));
      expect(array.dtype).to.equal(dtype);
      expect(array.shape).to.deep.equal([2, 2]);
      expect(Array.from(array.values), dtype).to.deep.equal([...values]);
    }
  });

  it('scales, keeps raw values, or flattens on request', async () => {
    const imagesPath = writeFile(dir, 'i', images());
    const labelsPath = writeFile(dir, 'l', labels());
    const raw = await loadIdxPair(imagesPath, labelsPath, { scale: false, flatten: true });
    expect(raw.shape).to.deep.equal([3, 6]);
    expect(Array.from(raw.x)).to.deep.equal(pixels);
    const half = await loadIdxPair(imagesPath, labelsPath, { scale: 0.5, classes: 10 });
    expect(half.x[1]).to.equal(5);
    expect(half.classes).to.equal(10);
  });

  it('rejects a wrong magic number, naming the file and the number found', async () => {
    const bytes = images();
    bytes[0] = 0x12;
    const path = writeFile(dir, 'bad.idx', bytes);
    const error = await rejection(() => loadIdx(path));
    expect(error).to.be.instanceOf(DataError);
    expect(error.message).to.contain(path).and.contain('0x12000803');
    expect((error as DataError).array).to.equal(path);

    const unknownType = images();
    unknownType[2] = 0x07;
    expect(thrown(() => parseIdx(unknownType, 'x.idx')).message).to.contain('unknown type code 0x07');
    expect(thrown(() => parseIdx(Buffer.from('hello world'), 'text.idx')).message)
      .to.contain('text.idx')
      .and.contain('not an IDX file');
  });

  it('rejects a truncated file or a header that the data outgrows', async () => {
    const path = writeFile(dir, 'short.idx', images().subarray(0, 20));
    const error = await rejection(() => loadIdx(path));
    expect(error).to.be.instanceOf(DataError);
    expect(error.message).to.contain(path).and.contain('truncated').and.contain('20 bytes').and.contain('34');
    expect(thrown(() => parseIdx(images().subarray(0, 9))).message).to.contain('header');
    expect(thrown(() => parseIdx(Buffer.concat([images(), Buffer.from([1, 2])]))).message).to.contain('2 bytes after');
  });

  it('rejects a gzip file cut short', async () => {
    const whole = writeFile(dir, 'whole.gz', images(), true);
    const { readFileSync } = await import('node:fs');
    const path = writeFile(dir, 'cut.gz', readFileSync(whole).subarray(0, 15));
    const error = await rejection(() => loadIdx(path));
    expect(error).to.be.instanceOf(DataError);
    expect(error.message).to.contain(path).and.contain('gzip');
  });

  it('rejects images and labels of different counts, naming both files and counts', async () => {
    const imagesPath = writeFile(dir, 'images.idx', images());
    const labelsPath = writeFile(dir, 'labels.idx', idxBytes('uint8', [4], [1, 2, 3, 4]));
    const error = await rejection(() => loadIdxPair(imagesPath, labelsPath));
    expect(error).to.be.instanceOf(DataError);
    expect(error.message)
      .to.contain(imagesPath)
      .and.contain(labelsPath)
      .and.contain('3 images')
      .and.contain('4 labels');
  });

  it('says when the images and labels paths are swapped', async () => {
    const imagesPath = writeFile(dir, 'images.idx', images());
    const labelsPath = writeFile(dir, 'labels.idx', labels());
    const error = await rejection(() => loadIdxPair(labelsPath, imagesPath));
    expect(error).to.be.instanceOf(DataError);
    expect(error.message).to.contain('swap');
  });

  it('names a missing file', async () => {
    const error = await rejection(() => loadIdx(`${dir}/nope.idx`));
    expect(error).to.be.instanceOf(DataError);
    expect(error.message).to.contain('nope.idx');
  });
});
