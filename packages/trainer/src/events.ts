import type { EndReason, MonitorValues, ResolvedRegularizer } from '@tsnets/core';

export type { EndReason, ResolvedRegularizer };

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
