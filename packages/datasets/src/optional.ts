import { DataError } from '@tsnets/core';
import { datasetMessages } from './messages';

/** What `@tsnets/dataset-mnist` and `@tsnets/dataset-fashion-mnist` export. */
export interface IdxSetPackage {
  /** The absolute paths of one set's images and labels IDX files. */
  files(set: 'train' | 'test'): { images: string; labels: string };
  /** The class names by label. */
  classNames: readonly string[];
}

/**
 * A dataset whose optional package is not installed. The message names the
 * package and the command that installs it; the fields carry the same for
 * an app that renders its own message.
 */
export class MissingDatasetError extends DataError {
  constructor(
    /** The dataset asked for, e.g. `'MNIST'`. */
    readonly dataset: string,
    /** The package that holds it, e.g. `'@tsnets/dataset-mnist'`. */
    readonly packageName: string,
    /** The folders searched from. */
    readonly searched: readonly string[],
  ) {
    super(datasetMessages.missingDatasetPackage(dataset, packageName, searched), packageName);
  }

  /** The command that installs the package. */
  get install(): string {
    return `npm install ${this.packageName}`;
  }
}

/**
 * Loads the optional package `name` at run time: as this module would
 * `require` it (an app's dependency, or a workspace member), else from the
 * current directory (a `tsnets` command installed elsewhere, run in an app
 * that has the package). Throws a `MissingDatasetError` when neither finds
 * it; any other failure of the package itself is rethrown as it is.
 */
export function requireDatasetPackage<T>(dataset: string, name: string, from: readonly string[] = [process.cwd()]): T {
  const searched = [__dirname, ...from];
  let resolved: string | undefined;
  for (const dir of searched) {
    try {
      resolved = require.resolve(name, { paths: [dir] });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    }
  }
  if (!resolved) throw new MissingDatasetError(dataset, name, searched);
  return require(resolved) as T;
}
