/**
 * Properties of the CSV parser: well-formed numeric text parses to exactly
 * the numbers written (with any delimiter, header, quoting, blank lines and
 * line endings), and any text at all, with any options, either parses to a
 * consistent dataset or throws a DataError, never a raw TypeError or
 * RangeError. Seeded, so a failure can be replayed.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { DataError } from '@tsnets/core';
import { parseCsv, type CsvOptions } from '../src/csv';

const delimiter = fc.constantFrom(',', ';', '\t');
const lineEnd = fc.constantFrom('\n', '\r\n');
const value = fc
  .oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ min: -1e30, max: 1e30, noNaN: true }))
  .map((v) => (Object.is(v, -0) ? 0 : v));

const wellFormed = fc
  .record({
    rows: fc.integer({ min: 1, max: 6 }),
    columns: fc.integer({ min: 1, max: 5 }),
    delimiter,
    lineEnd,
    header: fc.boolean(),
    quote: fc.boolean(),
    pad: fc.boolean(),
    blank: fc.boolean(),
    bom: fc.boolean(),
    label: fc.boolean(),
  })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      cells: fc.array(fc.array(value, { minLength: shape.columns, maxLength: shape.columns }), {
        minLength: shape.rows,
        maxLength: shape.rows,
      }),
      labels: fc.array(fc.nat(4), { minLength: shape.rows, maxLength: shape.rows }),
      names: fc.uniqueArray(fc.constantFrom('a', 'b', 'height', 'weight', 'x', 'y', 'z', 'class', 'e'), {
        minLength: shape.columns + 1,
        maxLength: shape.columns + 1,
      }),
    }),
  );

describe('CSV loader, property-based', () => {
  it('parses well-formed numeric text to exactly the numbers written', () => {
    fc.assert(
      fc.property(wellFormed, ({ shape, cells, labels, names }) => {
        const cell = (text: string): string => {
          const quoted = shape.quote ? `"${text}"` : text;
          return shape.pad ? ` ${quoted} ` : quoted;
        };
        const rows = cells.map((row, i) => (shape.label ? [...row, labels[i]] : row).map(String).map(cell));
        const lines = rows.map((row) => row.join(shape.delimiter));
        if (shape.header) lines.unshift(names.slice(0, rows[0].length).join(shape.delimiter));
        if (shape.blank) lines.splice(1, 0, '', '  ');
        const text = (shape.bom ? '\uFEFF' : '') + lines.join(shape.lineEnd) + shape.lineEnd;
        const options: CsvOptions = {
          delimiter: shape.delimiter,
          header: shape.header,
          labelColumn: shape.label ? -1 : undefined,
        };
        const ds = parseCsv(text, options);
        expect(ds.shape).to.deep.equal([shape.rows, shape.columns]);
        expect(Array.from(ds.x)).to.deep.equal(cells.flat().map(Math.fround));
        if (shape.label) expect(Array.from(ds.labels!)).to.deep.equal(labels);
        if (shape.header) expect(ds.featureNames).to.deep.equal(names.slice(0, shape.columns));
      }),
      { seed: 20261130, numRuns: 2000 },
    );
  });

  it('a row with one cell more or less than the first is a DataError naming its line', () => {
    fc.assert(
      fc.property(wellFormed, fc.nat(), fc.boolean(), ({ shape, cells }, which, longer) => {
        const row = which % shape.rows;
        const lines = cells.map((r, i) =>
          (i !== row ? r : longer ? [...r, 1] : r.slice(0, -1)).map(String).join(shape.delimiter),
        );
        if (!longer && shape.columns === 1) return; // an empty line is skipped, not ragged
        const line = row === 0 ? 2 : row + 1; // against row 0 made ragged, the next row is reported
        try {
          parseCsv(lines.join('\n'), { delimiter: shape.delimiter, header: false });
        } catch (error) {
          expect(error).to.be.instanceOf(DataError);
          if (row !== 0 || shape.rows > 1) expect((error as DataError).row).to.equal(line);
          return;
        }
        if (row === 0 && shape.rows === 1) return; // a single row has nothing to disagree with
        throw new Error(`line ${line} should be refused`);
      }),
      { seed: 20261132, numRuns: 1000 },
    );
  });

  it('any text with any options parses to a consistent dataset or throws a DataError', () => {
    const text = fc
      .array(
        fc.constantFrom(
          '0',
          '1',
          '7',
          '.',
          '-',
          'e',
          '5',
          ',',
          ';',
          '\t',
          '\n',
          '\r\n',
          '"',
          ' ',
          'a',
          'x',
          'NaN',
          '\uFEFF',
        ),
        { maxLength: 60 },
      )
      .map((parts) => parts.join(''));
    const options = fc.record(
      {
        labelColumn: fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constantFrom('a', 'x', '1', '')),
        header: fc.constantFrom<CsvOptions['header']>('auto', true, false),
        delimiter: fc.constantFrom(',', ';', '\t', ' ', '""', 'ab'),
        classes: fc.integer({ min: 0, max: 4 }),
        classNames: fc.array(fc.constantFrom('cat', 'dog'), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(text, options, (csv, opts) => {
        let ds;
        try {
          ds = parseCsv(csv, opts);
        } catch (error) {
          expect(error, String(error)).to.be.instanceOf(DataError);
          return;
        }
        const [rows, columns] = ds.shape;
        expect(ds.x.length).to.equal(rows * columns);
        expect(rows).to.be.above(0);
        expect(Array.from(ds.x).every(Number.isFinite)).to.equal(true);
        if (ds.labels) {
          expect(ds.labels.length).to.equal(rows);
          expect(Array.from(ds.labels).every((l) => Number.isInteger(l) && l >= 0 && l < ds.classes!)).to.equal(true);
        }
      }),
      { seed: 20261131, numRuns: 3000 },
    );
  });
});
