import type { ConnectionOptions } from 'bullmq';
import IORedis, { type RedisOptions } from 'ioredis';
import { QueueUnreachableError } from '../errors';

/** The queue of trials that `tsnets worker`s take from. */
export const TRIALS_QUEUE = 'tsnets-trials';

/** How long connecting may take before a queue counts as unreachable. */
export const CONNECT_TIMEOUT_MS = 3000;

/**
 * ioredis options for a `redis://` or `rediss://` URL. Blocking connections
 * (BullMQ workers and queue events) must retry commands without limit
 * (`maxRetriesPerRequest: null`, as BullMQ requires); others give up after
 * a few tries. Reconnects back off up to 5 s.
 */
export function connectionOptions(url: string, blocking = false): RedisOptions & ConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new QueueUnreachableError(url, 'not a URL such as redis://127.0.0.1:6379');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new QueueUnreachableError(url, `the scheme ${parsed.protocol} is not redis: or rediss:`);
  }
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: blocking ? null : 3,
    retryStrategy: (times: number) => Math.min(times * 500, 5000),
  };
}

/**
 * Checks that a queue URL answers: one connection attempt with no retry and
 * no offline queue, a PING, within `CONNECT_TIMEOUT_MS` (plus a second of
 * grace). Anything else is a `QueueUnreachableError` with the reason (e.g.
 * ECONNREFUSED), so a wrong URL fails in seconds instead of hanging.
 */
export async function probeQueue(url: string): Promise<void> {
  const client = new IORedis({
    ...connectionOptions(url),
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let first: NodeJS.ErrnoException | undefined;
  let timer: NodeJS.Timeout | undefined;
  // The first connection error decides at once (a refused port need not wait for the timeout).
  const timeout = new Promise<never>((_, reject) => {
    client.on('error', (error: NodeJS.ErrnoException) => reject((first ??= error)));
    timer = setTimeout(
      () => reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)),
      CONNECT_TIMEOUT_MS + 1000,
    );
  });
  try {
    await Promise.race([client.connect().then(() => client.ping()), timeout]);
  } catch (error) {
    const cause = first ?? (error as NodeJS.ErrnoException);
    const reason = cause.code ?? (cause instanceof Error ? cause.message : String(cause));
    throw new QueueUnreachableError(url, reason);
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
