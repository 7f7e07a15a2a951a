import type { Network } from '@tsnets/core';
import { featureTiles } from './features';
import { dashboardMessages } from './messages';
import { renderPage } from './page';
import { stateFromHistory } from './state';

/**
 * The dashboard page of a saved model's last training run, static: the
 * curves, terms, regularizers and activity from `network.history`, the
 * features from its parameters, everything inlined into one HTML file that
 * opens without a server. Throws when the model has no history.
 */
export function reportHtml(network: Network, source = 'the model'): string {
  const run = network.history[network.history.length - 1];
  if (!run) throw new Error(dashboardMessages.noHistory(source));
  const title = `${network.constructor.name} ${network.layers.map((layer) => layer.size).join('-')}`;
  return renderPage(title, { live: false, state: stateFromHistory(title, run, featureTiles(network, 0)) });
}
