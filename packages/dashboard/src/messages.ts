/** The user-facing texts of @tsnets/dashboard, as small functions. */

/** Each text names what was wrong and how to fix it. */
export const dashboardMessages = {
  badMethod: () => 'Only GET (the page, /events, /state) and POST /stop are served.',

  badPort: (port: unknown) =>
    `Dashboard: port ${JSON.stringify(port)} is not a whole number from 0 to 65535 (0: any free port).`,

  listenFailed: (host: string, port: number, reason: string) =>
    `Dashboard: cannot listen on ${host}:${port} (${reason}). Choose another port (0 picks a free one) or stop what uses it.`,

  badToken: () =>
    "Stop refused: the request did not carry this run's token (the page served by this dashboard has it).",

  badHost: (host: string) =>
    `Request refused: the Host header ${JSON.stringify(host)} is not this dashboard's address.`,

  notFound: (path: string) => `No page at ${JSON.stringify(path)}. The dashboard is at /.`,

  noHistory: (path: string) =>
    `${path} has no training history (it was saved before tsnets kept one, or never trained). Train it again to report on it.`,
};
