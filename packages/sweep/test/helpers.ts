import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SweepSpec } from '../src';

/**
 * A 2x2 sweep small enough for tests: a 64-12-10 classifier on 240 digits
 * (60 held out), 6 epochs of adam, over hidden_l1 and a log range of weight_l2.
 */
export function smallSpec(overrides: Partial<SweepSpec> = {}): SweepSpec {
  return {
    model: { kind: 'classifier', layers: [64, [12, 'relu'], 10] },
    data: { source: 'digits', rows: 240, valid: 0.25 },
    train: { algo: 'adam', learning_rate: 0.01, max_updates: 6, validate_every: 1, patience: 2, batch_size: 32 },
    axes: { hidden_l1: [0, 0.3], weight_l2: { log: [1e-4, 1e-1], count: 2 } },
    ...overrides,
  };
}

/** A private temporary folder, removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tsnets-sweep-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Marks the running test (or, from a `before` hook, its suite) skipped with a reason the reporter lists. */
export function skipBecause(context: Mocha.Context, reason: string): never {
  const running = context.test as (Mocha.Runnable & { type?: string }) | undefined;
  const target = running?.type === 'hook' ? running.parent : (context.currentTest ?? running);
  if (target) (target as { skipReason?: string }).skipReason = reason;
  context.skip();
}
