import {
  Regularizer,
  RegularizerError,
  messages,
  tf,
  type GraphContext,
  type Layer,
  type NetworkNames,
  type Outputs,
  type Pattern,
  type RegularizerOptions,
} from '@tsnets/core';

/** How a rewrite names and checks its level (the noise's `std`, the dropout `rate`). */
export interface LevelSpec {
  /** The option holding the level. */
  readonly option: string;
  /** True for an allowed level. */
  readonly valid: (level: number) => boolean;
  /** What the error says was expected. */
  readonly expected: string;
  /** Appended to an output's name to keep its value before the rewrite. */
  readonly suffix: string;
}

/** A keyword value read as one level (`0.1`) or as options with the level inside (`{ std: 0.1, pattern }`). */
export function levelOptions(option: string, value: unknown): RegularizerOptions[] {
  return [typeof value === 'number' ? { [option]: value } : (value as RegularizerOptions)];
}

/** A keyword value read as one level for the default outputs (`0.1`) or as levels by glob (`{ 'hid?:out': 0.1 }`). */
export function levelsByGlob(option: string, value: unknown): RegularizerOptions[] {
  if (typeof value === 'number') return [{ [option]: value }];
  return Object.entries(value as Record<string, unknown>).map(([pattern, level]) => ({ pattern, [option]: level }));
}

/**
 * The shared part of noise and dropout: a level checked on construction,
 * outputs matched in `bind` (so a glob that matches nothing fails before
 * any work), and a rewrite of those outputs as each layer is connected that
 * keeps the value before it under `NAME` + suffix. Training steps only,
 * unless asked for at predict time. A level of 0 rewrites nothing.
 */
export abstract class OutputRewrite extends Regularizer {
  /** The noise's standard deviation or the dropout rate. */
  readonly level: number;
  private readonly suffix: string;

  constructor(options: RegularizerOptions, spec: LevelSpec) {
    super(options);
    const level = options[spec.option];
    if (typeof level !== 'number' || !spec.valid(level)) {
      throw new RegularizerError(this.id, messages.badRegularizerOption(this.id, spec.option, level, spec.expected));
    }
    this.level = level;
    this.suffix = spec.suffix;
  }

  /** Noise and dropout act in training steps, not in validation or plain predictions. */
  override get trainOnly(): boolean {
    return true;
  }

  /** The outputs acted on when no pattern is given. */
  protected abstract defaultTargets(network: NetworkNames): Pattern;

  /** The rewritten value of one output. */
  protected abstract rewrite(value: tf.Tensor): tf.Tensor;

  /** Matches the pattern (or the default targets) against the graph's outputs. */
  override bind(network: NetworkNames): void {
    this.match(network.outputs, this.pattern ?? this.defaultTargets(network), 'outputs');
  }

  /** Rewrites the matched outputs this layer produced, keeping each clean value under `NAME` + suffix. */
  override modifyGraph(outputs: Outputs, _layer: Layer, _context: GraphContext): void {
    if (this.level === 0) return;
    for (const name of this.matched) {
      const value = outputs.get(name);
      if (!value) continue;
      outputs.set(name + this.suffix, value);
      outputs.set(name, this.rewrite(value));
    }
  }
}
