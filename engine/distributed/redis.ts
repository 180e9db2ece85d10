/**
 * Connections to the Redis server that carries BullMQ's queues: the URL checked and parsed, the
 * server reached (or a clear error naming it), and a watch that notices when it goes away.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { RenxingError } from '../core/errors.js';

/** Where Redis is: the options BullMQ and ioredis take, and the URL as shown in messages (no password). */
export interface RedisTarget {
  url: string;
  options: RedisOptions;
}

/** `redis://[user[:password]@]host[:port][/db]` or `rediss://…` (TLS). Throws a TypeError naming what is wrong. */
export function parseRedisUrl(raw: string): RedisTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError(`--redis must be a URL such as redis://127.0.0.1:6379, got '${raw}'`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new TypeError(`--redis must be a redis:// or rediss:// URL, got '${raw}'`);
  if (!url.hostname) throw new TypeError(`--redis names no host: '${raw}'`);
  const port = url.port ? Number(url.port) : 6379;
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new TypeError(`--redis database must be a number (redis://host:port/2), got '${url.pathname.slice(1)}'`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const options: RedisOptions = {
    host, port, db,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
  const shown = `${url.protocol}//${url.username ? `${url.username}@` : ''}${url.host}${db ? `/${db}` : ''}`;
  return { url: shown, options };
}

/**
 * Opens a plain connection and checks the server answers, within `timeoutMs`; a server that does
 * not is RX_ERR_REDIS naming the URL (never a wait without end).
 */
export async function connectRedis(target: RedisTarget, timeoutMs = 5000): Promise<Redis> {
  const client = new Redis({
    ...target.options, lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 1, enableOfflineQueue: false,
    // Reconnect after a loss, a second apart at most: the watch decides when a loss is fatal.
    retryStrategy: (times) => Math.min(times * 200, 1000),
  });
  let lastError: Error | undefined;
  client.on('error', (error: Error) => { lastError = error; }); // reported through the watch and the commands that fail
  try {
    await withTimeout(client.connect(), timeoutMs);
    await withTimeout(client.ping(), timeoutMs);
    return client;
  } catch (error) {
    client.disconnect();
    const reason = lastError?.message ?? ((error as Error).message || 'no answer');
    throw new RenxingError('RX_ERR_REDIS', `cannot reach Redis at ${target.url}: ${reason} (is redis-server running there, and does this machine reach it?)`, [], { cause: error });
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Pings Redis every `everyMs`; when no ping has succeeded for `lostAfterMs`, calls `onLost` once
 * with RX_ERR_REDIS naming the URL. Returns a function that stops the watch.
 */
export function watchRedis(client: Redis, target: RedisTarget, lostAfterMs: number, onLost: (error: RenxingError) => void, everyMs = 500): () => void {
  let lastOk = Date.now();
  let fired = false;
  const timer = setInterval(() => {
    if (fired) return;
    if (Date.now() - lastOk > lostAfterMs) {
      fired = true;
      onLost(new RenxingError('RX_ERR_REDIS', `lost Redis at ${target.url}: no answer for ${(lostAfterMs / 1000).toFixed(1)} s`));
      return;
    }
    if (client.status !== 'ready') return;
    withTimeout(client.ping(), everyMs * 2).then(() => { lastOk = Date.now(); }, () => undefined);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
