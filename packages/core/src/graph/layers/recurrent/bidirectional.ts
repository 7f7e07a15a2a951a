import type { DependencyContainer } from 'tsyringe';
import { ConfigurationError } from '../../../errors/errors';
import { messages } from '../../../errors/messages';
import { create } from '../../../registry/registry';
import { tf } from '../../../tf';
import type { Outputs } from '../../outputs';
import type { Parameter } from '../../parameter';
import { Layer } from '../layer';
import { Recurrent, type RecurrentOptions } from './recurrent';

/** Options of a `bidirectional` layer. */
export interface BidirectionalOptions extends RecurrentOptions {
  /** The recurrent form of the two workers (default `rnn`); other options are passed on to both. */
  worker?: string;
}

/**
 * Two recurrent workers of half the size each, `NAME_fw` running forward in
 * time and `NAME_bw` backward, read the same input; `out` (and `pre` and
 * `cell` when the workers have them) concatenates theirs, and every worker
 * output is also kept as `fw_KEY` and `bw_KEY`.
 */
export class Bidirectional extends Layer {
  declare readonly options: BidirectionalOptions;
  private workers: Recurrent[] = [];

  override get params(): Parameter[] {
    return this.workers.flatMap((worker) => worker.params);
  }

  override bind(layers: readonly Layer[], scope?: DependencyContainer): void {
    const form = this.options.worker ?? 'rnn';
    if (this.size % 2 !== 0) {
      throw new ConfigurationError(
        messages.badRecurrentOption(this.name, 'size', String(this.size), 'a bidirectional layer needs an even size'),
      );
    }
    const shared = { ...this.options };
    for (const key of ['name', 'size', 'shape', 'direction', 'worker'] as const) delete shared[key];
    this.workers = (['forward', 'backward'] as const).map((direction) => {
      const worker = create<Layer>(
        'layer',
        form,
        [{ ...shared, name: `${this.name}_${direction === 'forward' ? 'fw' : 'bw'}`, size: this.size / 2, direction }],
        scope,
      );
      if (!(worker instanceof Recurrent)) {
        throw new ConfigurationError(
          messages.badRecurrentOption(this.name, 'worker', form, 'the worker must be a recurrent layer form'),
        );
      }
      return worker;
    });
    try {
      for (const worker of this.workers) worker.bind(layers, scope);
      super.bind(layers, scope);
    } catch (error) {
      for (const worker of this.workers) worker.dispose();
      throw error;
    }
  }

  override setup(): void {
    this.shape = [...this.workers[0].shape.slice(0, -1), this.size];
  }

  transform(inputs: Outputs, feeds: ReadonlyMap<string, tf.Tensor>): Record<string, tf.Tensor> {
    const [forward, backward] = this.workers.map(
      (worker) => worker.transform(inputs, feeds) as Record<string, tf.Tensor>,
    );
    const outputs: Record<string, tf.Tensor> = {};
    for (const key of ['out', 'pre', 'cell']) {
      if (key in forward) outputs[key] = tf.concat([forward[key], backward[key]], 2);
    }
    for (const [key, value] of Object.entries(forward)) outputs[`fw_${key}`] = value;
    for (const [key, value] of Object.entries(backward)) outputs[`bw_${key}`] = value;
    return outputs;
  }
}
