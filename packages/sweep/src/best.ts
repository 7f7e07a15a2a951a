import type { TrialResult } from './run-trial';
import type { Trial } from './trials';

/** The best combination of a sweep: the lowest validation loss, averaged over its folds. */
export interface BestOptions {
  /** The combination's id (shared by its folds). */
  config: string;
  /** Its swept values. */
  values: Record<string, unknown>;
  /** Mean best validation loss over its folds. */
  validLoss: number;
  /** Mean validation accuracy over its folds (classifiers), else null. */
  accuracy: number | null;
  /** How many folds it was measured on (1 without folds). */
  folds: number;
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * The best combination among finished trials, in trial order on ties. Only
 * combinations with every fold finished count; a loss that is not finite
 * (a diverged training) never wins.
 */
export function bestOptions(trials: readonly Trial[], results: ReadonlyMap<string, TrialResult>): BestOptions | null {
  const groups = new Map<string, Trial[]>();
  for (const trial of trials) groups.set(trial.config, [...(groups.get(trial.config) ?? []), trial]);
  let best: BestOptions | null = null;
  for (const [config, group] of groups) {
    const done = group.map((trial) => results.get(trial.id)).filter((r): r is TrialResult => r !== undefined);
    if (done.length < group.length) continue;
    const validLoss = mean(done.map((r) => r.validLoss));
    if (!Number.isFinite(validLoss) || (best && validLoss >= best.validLoss)) continue;
    const accuracies = done.map((r) => r.accuracy);
    const accuracy = accuracies.every((a): a is number => a !== null) ? mean(accuracies) : null;
    best = { config, values: group[0].values, validLoss, accuracy, folds: done.length };
  }
  return best;
}

/**
 * The trial that trains the best combination's final model: with folds, on
 * every row (all training folds together); without, the best trial itself
 * again (same seed, same split: the same model).
 */
export function refitTrial(trials: readonly Trial[], best: BestOptions): Trial {
  const first = trials.find((trial) => trial.config === best.config) as Trial;
  return first.folds === null ? first : { ...first, id: `${best.config}-refit`, fold: null };
}
