import { expect } from 'chai';
import { DataError } from '@tsnets/core';
import { loadCsv, parseCsv } from '../src/csv';
import { tempDir, thrown, rejection, writeFile } from './helpers';

describe('CSV loader', () => {
  it('parses numbers without a header into [rows, columns]', () => {
    const ds = parseCsv('1,2,3\n4.5,-6,7e-1\n');
    expect(ds.shape).to.deep.equal([2, 3]);
    expect(Array.from(ds.x)).to.deep.equal([1, 2, 3, 4.5, -6, Math.fround(0.7)]);
    expect(ds.labels).to.equal(undefined);
    expect(ds.featureNames).to.equal(undefined);
  });

  it('detects a header automatically and takes the label column by name', () => {
    const ds = parseCsv('height, "weight", class\r\n1.5,60,1\r\n\r\n1.8,80,0\r\n', { labelColumn: 'class' });
    expect(ds.shape).to.deep.equal([2, 2]);
    expect(ds.featureNames).to.deep.equal(['height', 'weight']);
    expect(Array.from(ds.labels!)).to.deep.equal([1, 0]);
    expect(ds.classes).to.equal(2);
  });

  it('takes the label column by negative index and honours header and delimiter options', () => {
    const ds = parseCsv('0;1;2\n3;4;1\n', { delimiter: ';', header: false, labelColumn: -1, classes: 5 });
    expect(Array.from(ds.x)).to.deep.equal([0, 1, 3, 4]);
    expect(Array.from(ds.labels!)).to.deep.equal([2, 1]);
    expect(ds.classes).to.equal(5);
    const forced = parseCsv('1\t2\n3\t4\n', { delimiter: '\t', header: true });
    expect(forced.shape).to.deep.equal([1, 2]);
    expect(forced.featureNames).to.deep.equal(['1', '2']);
  });

  it('reports a malformed cell by line and column, with a fix', () => {
    const error = thrown(() => parseCsv('a,b,c\n1,2,3\n\n4,x5,6\n'));
    expect(error).to.be.instanceOf(DataError);
    const data = error as DataError;
    expect(data.row).to.equal(4);
    expect(data.column).to.equal(2);
    expect(data.message).to.contain('line 4, column 2').and.contain('"b"').and.contain('"x5"').and.contain('Fix');
  });

  it('reports empty cells, ragged rows, bad labels and a malformed first line when header is false', () => {
    const empty = thrown(() => parseCsv('1,,3\n')) as DataError;
    expect([empty.row, empty.column]).to.deep.equal([1, 2]);
    expect(empty.message).to.contain('empty');
    const ragged = thrown(() => parseCsv('1,2\n3,4,5\n')) as DataError;
    expect(ragged.row).to.equal(2);
    expect(ragged.message).to.contain('3 columns').and.contain('first row has 2');
    const label = thrown(() => parseCsv('1,2\n3,0.5\n', { labelColumn: 1 })) as DataError;
    expect([label.row, label.column]).to.deep.equal([2, 2]);
    expect(label.message).to.contain('0.5').and.contain('integers');
    const first = thrown(() => parseCsv('1,oops\n3,4\n', { header: false })) as DataError;
    expect([first.row, first.column]).to.deep.equal([1, 2]);
    expect(thrown(() => parseCsv('a,b\n1,2\n', { labelColumn: 'y' })).message)
      .to.contain('"y"')
      .and.contain('a, b');
    expect(thrown(() => parseCsv('\n\n')).message).to.contain('no data rows');
  });

  it('loads a file, gzip-compressed or not, and names it in errors', async () => {
    const { dir, remove } = tempDir();
    try {
      const text = 'x,y,label\n0,1,2\n3,4,0\n';
      for (const [name, gzip] of [
        ['plain.csv', false],
        ['packed.csv.gz', true],
      ] as const) {
        const ds = await loadCsv(writeFile(dir, name, text, gzip), { labelColumn: 'label' });
        expect(ds.shape).to.deep.equal([2, 2]);
        expect(Array.from(ds.labels!)).to.deep.equal([2, 0]);
      }
      const bad = writeFile(dir, 'bad.csv', '1,2\n3,?\n');
      const error = (await rejection(() => loadCsv(bad))) as DataError;
      expect(error.message).to.contain(bad).and.contain('line 2, column 2');
      expect(error.array).to.contain(bad);
    } finally {
      remove();
    }
  });

  it('takes text directly when the string has a line break', async () => {
    const ds = await loadCsv('1,2\n3,4');
    expect(ds.shape).to.deep.equal([2, 2]);
  });
  it('reads class names in the label column as classes in sorted order, and keeps the names', () => {
    const text = 'length,width,species\n5.1,3.5,setosa\n7.0,3.2,versicolor\n6.3,3.3,virginica\n4.9,3.0,setosa\n';
    const ds = parseCsv(text, { labelColumn: 'species' });
    expect(Array.from(ds.labels)).to.deep.equal([0, 1, 2, 0]);
    expect(ds.classNames).to.deep.equal(['setosa', 'versicolor', 'virginica']);
    expect(ds.classes).to.equal(3);
    expect(ds.featureNames).to.deep.equal(['length', 'width']);
    // Without a header: a name in the label column does not make the first line a header.
    const bare = parseCsv('5.1,3.5,setosa\n7.0,3.2,versicolor\n', { labelColumn: -1 });
    expect(bare.shape).to.deep.equal([2, 2]);
    expect(bare.classNames).to.deep.equal(['setosa', 'versicolor']);
  });

  it('maps class names by the order given in classNames, and names the line of one that is not there', () => {
    const known = ['virginica', 'setosa'];
    const ds = parseCsv('1,setosa\n2,virginica\n', { labelColumn: 1, classNames: known, header: false });
    expect(Array.from(ds.labels)).to.deep.equal([1, 0]);
    expect(ds.classNames).to.deep.equal(known);
    const error = thrown(() => parseCsv('1,setosa\n2,daisy\n', { labelColumn: 1, classNames: known, header: false }));
    expect(error).to.be.instanceOf(DataError);
    expect(error.message).to.contain('line 2, column 2').and.contain('"daisy"').and.contain('virginica, setosa');
    // Numbers that are not class indices stay an error, not a class called "-1".
    expect(thrown(() => parseCsv('1,-1\n2,1\n', { labelColumn: 1 })).message).to.contain('line 1, column 2');
  });
});
