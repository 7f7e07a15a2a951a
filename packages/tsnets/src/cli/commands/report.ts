import { writeFileSync } from 'node:fs';
import { Network } from '@tsnets/core';
import { reportHtml } from '@tsnets/dashboard';
import { UsageError } from '../errors';
import { cliMessages } from '../messages';
import { processOutput } from '../output';

/**
 * `tsnets report MODEL --html FILE`: the dashboard page of the model's last
 * training run, static (curves, terms, regularizers, features, activity
 * from the saved history), written to one HTML file that opens anywhere.
 */
export async function report(path: string, flags: { html: string }): Promise<void> {
  const out = processOutput(false);
  const network = await Network.load(path);
  try {
    if (network.history.length === 0) throw new UsageError(cliMessages.noHistory(path));
    writeFileSync(flags.html, reportHtml(network, path));
    out.status(cliMessages.reportWritten(flags.html, network.history.length));
  } finally {
    network.dispose();
  }
}
