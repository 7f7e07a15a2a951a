import { DataError, RandomState } from '@tsnets/core';
import { datasetMessages } from './messages';

/** Options of `Text`. */
export interface TextOptions {
  /** The alphabet, one character each; by default every character seen at least `minCount` times, sorted. */
  alpha?: string;
  /** With no `alpha`: the fewest times a character must occur to join the alphabet (default 2). */
  minCount?: number;
  /** Stands for every character outside the alphabet; must not be in it (default `'\0'`). */
  unknown?: string;
}

/**
 * Text as class labels for character models, as theanets' `Text`: an
 * alphabet, the text with characters outside it replaced by `unknown`, and
 * codes where 0 is `unknown` and 1.. are the alphabet's characters in order.
 *
 * ```ts
 * const text = new Text('hello world, how are you!', { minCount: 2, unknown: '_' });
 * text.alpha;              // ' ehlorw'
 * text.encode('hello');    // [3, 2, 4, 4, 5]
 * ```
 */
export class Text {
  /** The alphabet, one character each. */
  readonly alpha: string;
  /** The text, each character outside the alphabet replaced by `unknown`. */
  readonly text: string;
  readonly unknown: string;
  private readonly codes: Map<string, number>;
  private readonly characters: string[];

  constructor(text: string, options: TextOptions = {}) {
    const unknown = options.unknown ?? '\0';
    if ([...unknown].length !== 1) throw new DataError(datasetMessages.badUnknown(unknown), 'unknown');
    const characters = [...text];
    if (options.alpha === undefined) {
      const counts = new Map<string, number>();
      for (const c of characters) counts.set(c, (counts.get(c) ?? 0) + 1);
      const minCount = options.minCount ?? 2;
      const kept = [...counts].filter(([c, n]) => c !== unknown && n >= minCount).map(([c]) => c);
      this.alpha = kept.sort((a, b) => (a.codePointAt(0) as number) - (b.codePointAt(0) as number)).join('');
    } else {
      this.alpha = options.alpha;
    }
    const alphabet = [...this.alpha];
    if (alphabet.includes(unknown)) throw new DataError(datasetMessages.unknownInAlphabet(unknown), 'alpha');
    if (new Set(alphabet).size !== alphabet.length)
      throw new DataError(datasetMessages.repeatedAlphabet(this.alpha), 'alpha');
    this.unknown = unknown;
    this.characters = [unknown, ...alphabet];
    this.codes = new Map(this.characters.map((c, i) => [c, i]));
    this.text = characters.map((c) => (this.codes.has(c) ? c : unknown)).join('');
  }

  /** The number of classes: the alphabet's characters and `unknown`. */
  get classes(): number {
    return this.characters.length;
  }

  /** Codes of the characters of `text`: 0 for `unknown` and characters outside the alphabet. */
  encode(text: string): number[] {
    return [...text].map((c) => this.codes.get(c) ?? 0);
  }

  /** The characters of codes; a code outside `[0, classes)` is a `DataError`. */
  decode(codes: readonly number[]): string {
    return codes
      .map((code, i) => {
        const c = this.characters[code];
        if (c === undefined) throw new DataError(datasetMessages.badCode(i, code, this.classes), 'codes', i);
        return c;
      })
      .join('');
  }

  /** `codes` as one-hot rows of `classes` values. */
  oneHot(codes: readonly number[]): number[][] {
    return codes.map((code) => Array.from({ length: this.classes }, (_, k) => (k === code ? 1 : 0)));
  }

  /**
   * A batch source for a recurrent classifier: each call draws `batchSize`
   * windows of `steps + 1` characters at random offsets of the text (seeded)
   * and gives `[inputs, labels]`: the first `steps` characters one-hot
   * `[batchSize, steps, classes]`, and the codes of the next character at each
   * step `[batchSize, steps]`.
   */
  classifierBatches(
    steps: number,
    batchSize: number,
    rng: number | RandomState = 13,
  ): () => [number[][][], number[][]] {
    const codes = this.encode(this.text);
    const windows = codes.length - steps - 1;
    if (!Number.isInteger(steps) || steps < 1 || !Number.isInteger(batchSize) || batchSize < 1 || windows < 1)
      throw new DataError(datasetMessages.badWindows(codes.length, steps, batchSize), 'steps');
    const random = rng instanceof RandomState ? rng : new RandomState(rng);
    return () => {
      const inputs: number[][][] = [];
      const labels: number[][] = [];
      for (let b = 0; b < batchSize; b++) {
        const offset = random.randomInterval(windows - 1);
        const window = codes.slice(offset, offset + steps + 1);
        inputs.push(this.oneHot(window.slice(0, -1)));
        labels.push(window.slice(1));
      }
      return [inputs, labels] as [number[][][], number[][]];
    };
  }
}
