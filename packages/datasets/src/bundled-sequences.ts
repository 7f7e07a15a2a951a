import { DataError } from '@tsnets/core';
import { bundledPath } from './bundled';
import { datasetMessages } from './messages';
import { readFileBytes } from './read';
import { loadSeries, type Series } from './sequences';

/** 8,422 English first names, sorted (Moby Word II, public domain): a small set for character models. */
export async function names(): Promise<string[]> {
  const file = bundledPath('names-en.txt.gz');
  const list = Buffer.from(await readFileBytes(file))
    .toString('utf8')
    .split('\n')
    .filter(Boolean);
  if (list.length !== 8422)
    throw new DataError(datasetMessages.bundledCorrupt(file, `${list.length} names, not 8422`), file);
  return list;
}

/** Yearly sunspot activity 1700-2008 (309 rows, column `SUNACTIVITY`; NOAA, public domain). */
export async function sunspots(): Promise<Series> {
  return loadSeries(bundledPath('sunspots-yearly.csv'));
}

/**
 * Weekly atmospheric CO2 at Mauna Loa, 1958-2001 (2,284 weeks, column `co2`
 * in ppm; Keeling and Whorf, public domain). 59 weeks are missing: they are
 * listed in `missing` and masked by `weights`, never read as 0.
 */
export async function co2(): Promise<Series> {
  return loadSeries(bundledPath('co2-weekly.csv'));
}
