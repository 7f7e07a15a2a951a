import { ASSETS, assetText } from './assets';
import type { DashboardState } from './state';

/** How the page gets its data. */
export type PageMode = { live: true; token: string } | { live: false; state: DashboardState };

/** Text for an HTML text node or attribute. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside a `<script>`: no `</script>` or `<!--` can end it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The dashboard page. Live, it links its scripts and styles from the
 * server and carries the run's stop token; static (a report), it inlines
 * them and the whole state, so the file opens anywhere without a server.
 */
export function renderPage(title: string, mode: PageMode): string {
  const config = mode.live ? { live: true, token: mode.token } : { live: false, state: mode.state };
  const styles = ASSETS.filter((a) => a.path.endsWith('.css'));
  const scripts = ASSETS.filter((a) => a.path.endsWith('.js'));
  const head = mode.live
    ? styles.map((a) => `<link rel="stylesheet" href="${a.path}">`).join('\n')
    : styles.map((a) => `<style>\n${assetText(a)}\n</style>`).join('\n');
  const tail = mode.live
    ? scripts.map((a) => `<script src="${a.path}"></script>`).join('\n')
    : scripts.map((a) => `<script>\n${assetText(a).replace(/<\/script/gi, '<\\/script')}\n</script>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - tsnets</title>
${head}
</head>
<body>
<header>
  <h1>tsnets <span id="title">${escapeHtml(title)}</span></h1>
  <div id="status" class="status">connecting</div>
  <label class="toggle"><input type="checkbox" id="log-scale"> log scale</label>
  ${mode.live ? '<button id="stop" type="button">Stop training</button>' : ''}
</header>
<main>
  <section class="panel wide"><h2>Loss</h2><div id="loss-chart" class="chart" data-points="0"></div></section>
  <section class="panel wide"><h2 id="err-title">Error</h2><div id="err-chart" class="chart" data-points="0"></div></section>
  <section class="panel wide"><h2>Terms of the validation loss</h2><div id="terms-chart" class="chart" data-points="0"></div></section>
  <section class="panel wide" id="gradients-panel" hidden><h2>Gradient norms (monitor_gradients)</h2><div id="gradients-chart" class="chart" data-points="0"></div></section>
  <section class="panel"><h2>Regularizers</h2><div id="regularizers"></div></section>
  <section class="panel"><h2>Hidden activity near zero</h2><div id="activity"></div></section>
  <section class="panel"><h2>First-layer features</h2><canvas id="features" data-version="-1"></canvas><p id="features-note"></p></section>
</main>
<script>window.TSNETS_DASHBOARD = ${scriptJson(config)};</script>
${tail}
</body>
</html>
`;
}
