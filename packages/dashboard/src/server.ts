import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NetworkInput } from '@tsnets/core';
import type { Trainer } from '@tsnets/trainer';
import { ASSETS, assetText } from './assets';
import { LiveState, type StateChange } from './live';
import { dashboardMessages } from './messages';
import { renderPage } from './page';
import type { DashboardState } from './state';

/** Options of `serveDashboard`. */
export interface DashboardOptions {
  /** The port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** The address to listen on. Default `127.0.0.1` (this machine only); anything else exposes the page and its stop button. */
  host?: string;
  /** Input rows on which to measure each hidden layer's near-zero fraction at each validation (a few hundred are plenty). */
  sample?: NetworkInput;
  /** What the stop button does. Default: `trainer.stop()`, which ends the run after the current batch with the best parameters restored. */
  stop?: () => void;
  /** Feature tiles shown at most. Default 64. */
  tiles?: number;
}

/** A running dashboard. */
export interface Dashboard {
  /** The page's address, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** This run's stop token: the page sends it with a stop request; requests without it are refused. */
  readonly token: string;
  /** What the page shows now. */
  state(): DashboardState;
  /** Stops following the trainer, ends the event streams and closes the server. */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(body);
}

function sameToken(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

function event(change: StateChange | { kind: 'snapshot'; data: DashboardState }): string {
  return `event: ${change.kind}\ndata: ${JSON.stringify(change.data)}\n\n`;
}

/**
 * Serves a live page of a trainer's progress (curves of the loss, the error
 * or accuracy and each term; the regularizers and what they matched; the
 * first layer's features; hidden activity; a stop button) and streams
 * updates to it over Server-Sent Events. Call it before training starts.
 * It listens on 127.0.0.1 unless `host` says otherwise; a stop request must
 * carry the run's random token, which only the served page holds.
 *
 * @example
 * const dashboard = await serveDashboard(trainer, { sample: x.slice(0, 256) });
 * log(`open ${dashboard.url}`);
 * await trainer.train([x], { hidden_l1: 0.1 });
 * await dashboard.close();
 */
export async function serveDashboard(trainer: Trainer, options: DashboardOptions = {}): Promise<Dashboard> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(dashboardMessages.badPort(port));
  const host = options.host ?? '127.0.0.1';
  const token = randomBytes(24).toString('hex');
  const stop = options.stop ?? (() => trainer.stop());
  const streams = new Set<ServerResponse>();
  const live = new LiveState(trainer, { sample: options.sample, tiles: options.tiles }, (change) => {
    for (const stream of streams) stream.write(event(change));
  });
  let actualPort = port;

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://dashboard');
    // A page of another site that resolves its own name to this machine (DNS rebinding) sends its own Host.
    const hostHeader = (request.headers.host ?? '').replace(/:\d+$/, '');
    if (LOOPBACK.has(host) && !LOOPBACK.has(hostHeader))
      return send(response, 403, 'text/plain; charset=utf-8', dashboardMessages.badHost(hostHeader));
    if (request.method === 'POST' && url.pathname === '/stop') {
      if (!sameToken(request.headers['x-tsnets-token'], token))
        return send(response, 403, 'text/plain; charset=utf-8', dashboardMessages.badToken());
      stop();
      return send(response, 202, 'application/json', JSON.stringify({ stopping: true }));
    }
    if (request.method !== 'GET')
      return send(response, 405, 'text/plain; charset=utf-8', dashboardMessages.badMethod());
    if (url.pathname === '/')
      return send(response, 200, 'text/html; charset=utf-8', renderPage(live.state.title, { live: true, token }));
    if (url.pathname === '/state') return send(response, 200, 'application/json', JSON.stringify(live.state));
    if (url.pathname === '/events') {
      response.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      response.write(event({ kind: 'snapshot', data: live.state }));
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    const asset = ASSETS.find((a) => a.path === url.pathname);
    if (asset) return send(response, 200, asset.type, assetText(asset));
    send(response, 404, 'text/plain; charset=utf-8', dashboardMessages.notFound(url.pathname));
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      live.detach();
      reject(new Error(dashboardMessages.listenFailed(host, port, error.code ?? error.message)));
    });
    server.listen(port, host, () => resolve());
  });
  actualPort = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${actualPort}/`,
    port: actualPort,
    token,
    state: () => live.state,
    close: async () => {
      live.detach();
      for (const stream of streams) stream.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
