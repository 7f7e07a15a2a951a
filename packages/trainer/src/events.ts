import type { EndReason, MonitorValues } from '@tsnets/core';

export type { EndReason };

/** A regularizer as training resolved it. */
export interface ResolvedRegularizer {
  id: string;
  weight: number;
  /** The parameter or output names it acts on, when it reports them. */
  targets: string[];
  /** Its own options as given, besides weight, pattern and rng: `{ rate: 0.3 }` for dropout, `{ std: 0.1 }` for noise. */
  options: Record<string, unknown>;
}

/** The events a `Trainer` emits, with their payloads. */
export interface TrainerEvents {
  /** Before the first validation: the algorithm, backend, settings and regularizers. */
  start: [
    info: {
      algo: string;
      backend: string;
      settings: Record<string, unknown>;
      regularizers: ResolvedRegularizer[];
      batches: number;
    },
  ];
  /** After each training batch. */
  batch: [info: { epoch: number; batch: number; batches: number; loss: number }];
  /** After each epoch: its training monitors and the latest validation monitors. */
  iteration: [info: { epoch: number; train: MonitorValues; valid: MonitorValues }];
  /** After each validation. */
  validation: [info: { epoch: number; valid: MonitorValues; best: number; improved: boolean }];
  /** When a validation improved on the best loss so far. */
  improvement: [info: { epoch: number; loss: number }];
  /** After a periodic checkpoint (`save_every`) was written. */
  checkpoint: [info: { epoch: number; path: string }];
  /** When training ends, for any reason (the best parameters, validated after epoch `bestEpoch`, are restored by then). */
  end: [info: { reason: EndReason; epoch: number; best: number; bestEpoch: number; error?: Error }];
}
