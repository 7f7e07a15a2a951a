import type { Layer } from './layers/layer';

/** One layer of a `NetworkSummary`. */
export interface LayerSummary {
  name: string;
  /** The registered form: `input`, `feedforward`, `tied`, ... */
  form: string;
  /** Full names of the outputs it reads (`hid1:out`). */
  inputs: string[];
  /** Shape of one example of its default output. */
  shape: number[];
  /** Activation name (`relu`, `softmax`, ...); empty for inputs. */
  activation: string;
  /** Its parameters by name, with their shapes. */
  params: Array<{ name: string; shape: number[] }>;
  /** Number of values in its parameters. */
  count: number;
}

/** What `Network.summary()` returns: a row per layer and the total parameter count; `toString()` is a table. */
export interface NetworkSummary {
  layers: LayerSummary[];
  /** Values in every parameter. */
  total: number;
  toString(): string;
}

/** The summary of a network's layers. */
export function summarize(layers: readonly Layer[]): NetworkSummary {
  const rows: LayerSummary[] = layers.map((layer) => {
    const params = layer.params.map((param) => ({ name: param.name, shape: [...param.shape] }));
    return {
      name: layer.name,
      form: layer.form,
      inputs: [...layer.inputs],
      shape: [...layer.shape],
      activation: layer.form === 'input' ? '' : (layer.activate?.name ?? ''),
      params,
      count: params.reduce((sum, param) => sum + param.shape.reduce((n, d) => n * d, 1), 0),
    };
  });
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return { layers: rows, total, toString: () => table(rows, total) };
}

function table(rows: readonly LayerSummary[], total: number): string {
  const lines = [
    ['layer', 'form', 'inputs', 'shape', 'activation', 'parameters'],
    ...rows.map((row) => [
      row.name,
      row.form,
      row.inputs.join(', '),
      `[${row.shape.join(', ')}]`,
      row.activation,
      row.count.toLocaleString('en-US'),
    ]),
  ];
  const widths = lines[0].map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  const text = lines.map((line) =>
    line
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  );
  return [...text, `total parameters: ${total.toLocaleString('en-US')}`].join('\n');
}
