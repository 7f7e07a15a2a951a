import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { OptionError } from '@tsnets/core';
import {
  EmptyAxisError,
  FoldsError,
  SweepDataError,
  SweepSpecError,
  sweep,
  validateSpec,
  type SweepSpec,
} from '../src';
import { smallSpec, tempDir } from './helpers';

/** The error `validateSpec` rejects with. */
async function rejection(spec: unknown): Promise<Error> {
  try {
    await validateSpec(spec as SweepSpec);
  } catch (error) {
    return error as Error;
  }
  throw new Error('validateSpec accepted the spec');
}

describe('sweep spec errors, before any trial', () => {
  it('an unknown key names the close match', async () => {
    const error = await rejection({ ...smallSpec(), trian: {} });
    expect(error).to.be.instanceOf(SweepSpecError);
    expect((error as SweepSpecError).suggestions).to.deep.equal(['train']);
    expect(error.message).to.include('"trian"').and.include('Did you mean "train"');
  });

  it("an unknown option or keyword in an axis is the trainer's OptionError with close matches", async () => {
    const error = await rejection(smallSpec({ axes: { hiden_l1: [0.1] } }));
    expect(error).to.be.instanceOf(OptionError);
    expect((error as OptionError).suggestions).to.include('hidden_l1');
    const base = await rejection(smallSpec({ train: { learning_rat: 0.1 } as never }));
    expect((base as OptionError).suggestions).to.include('learning_rate');
  });

  it('a bad value of a swept option is an OptionError', async () => {
    const error = await rejection(smallSpec({ axes: { learning_rate: [0.01, -1] } }));
    expect(error).to.be.instanceOf(OptionError);
    expect((error as OptionError).key).to.equal('learning_rate');
  });

  it('an empty axis, a log range of 0 values', async () => {
    const error = await rejection(smallSpec({ axes: { hidden_l1: [] } }));
    expect(error).to.be.instanceOf(EmptyAxisError);
    expect((error as EmptyAxisError).axis).to.equal('hidden_l1');
    expect(await rejection(smallSpec({ axes: { weight_l2: { log: [1e-4, 1e-2], count: 0 } } }))).to.be.instanceOf(
      EmptyAxisError,
    );
  });

  it('more folds than examples', async () => {
    const error = await rejection(smallSpec({ data: { source: 'digits', rows: 4 }, folds: 5 }));
    expect(error).to.be.instanceOf(FoldsError);
    expect(error).to.include({ folds: 5, rows: 4, source: 'digits' });
  });

  it('unreadable data', async () => {
    const error = await rejection(smallSpec({ data: { source: 'no/such/file.csv' } }));
    expect(error).to.be.instanceOf(SweepDataError);
    expect((error as SweepDataError).reason).to.match(/no file .*no\/such\/file\.csv/);
    const { dir, remove } = tempDir();
    try {
      writeFileSync(join(dir, 'bad.csv'), '1,2,0\n3,x,1\n');
      const bad = await rejection(smallSpec({ data: { source: join(dir, 'bad.csv') } }));
      expect(bad)
        .to.be.instanceOf(SweepDataError)
        .and.include({ source: join(dir, 'bad.csv') });
    } finally {
      remove();
    }
  });

  it('reads a CSV at an http URL, and names the HTTP status of one that fails', async () => {
    const csv = Array.from({ length: 10 }, (_, i) => `${i},${i % 3},${i % 2}`).join('\n');
    const server = createServer((request, response) => {
      response.statusCode = request.url === '/data.csv' ? 200 : 404;
      response.end(request.url === '/data.csv' ? csv : 'no');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const spec = (source: string) =>
        smallSpec({ model: { kind: 'classifier', layers: [2, 3, 2] }, data: { source } });
      expect(await validateSpec(spec(`${base}/data.csv`))).to.equal(10);
      const error = await rejection(spec(`${base}/gone.csv`));
      expect(error).to.be.instanceOf(SweepDataError).and.include({ reason: 'HTTP 404 Not Found' });
    } finally {
      server.close();
    }
  });

  it('a worker count that is not a whole number >= 1', async () => {
    for (const workers of [0, 1.5]) {
      const error = await sweep(smallSpec(), { workers }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).to.be.instanceOf(SweepSpecError).and.include({ path: 'workers' });
    }
  });

  it('layers that do not fit the data, and options the sweep sets itself', async () => {
    const error = await rejection(
      smallSpec({
        architectures: [
          [64, 8, 10],
          [60, 8, 10],
        ],
      }),
    );
    expect(error).to.be.instanceOf(SweepSpecError).and.include({ path: 'architectures[1]' });
    expect(await rejection(smallSpec({ train: { rng: 3 } as never }))).to.be.instanceOf(SweepSpecError);
  });
});
