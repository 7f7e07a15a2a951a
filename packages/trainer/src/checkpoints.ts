import type { Network } from '@tsnets/core';
import type { TrainingSettings } from './options';

/**
 * theanets' periodic checkpoints: `save_every` epochs when positive, or
 * every `-save_every` minutes when negative, the model is saved to
 * `save_progress`, where `{}` becomes the time in whole seconds since 1970
 * (as theanets formats it). Saves are atomic, like `Network.save`.
 */
export class Checkpoints {
  private last = Date.now();

  constructor(
    private readonly network: Network,
    private readonly settings: Pick<TrainingSettings, 'saveEvery' | 'saveProgress'>,
  ) {}

  /** Saves when one is due after `epoch`; the path written, if any. */
  async after(epoch: number): Promise<string | undefined> {
    const { saveEvery, saveProgress } = this.settings;
    if (saveEvery === 0 || saveProgress === undefined) return undefined;
    const due = saveEvery > 0 ? epoch % saveEvery === 0 : Date.now() - this.last >= -saveEvery * 60_000;
    if (!due) return undefined;
    const path = saveProgress.replace('{}', String(Math.floor(Date.now() / 1000)));
    await this.network.save(path);
    this.last = Date.now();
    return path;
  }
}
