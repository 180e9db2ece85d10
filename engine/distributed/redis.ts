/**
 * Connections to the Redis server that carries BullMQ's queues: the server reached (or a clear
 * error naming it), and a watch that notices when it goes away. Its URL is parsed in ./redis-url.ts.
 */
import { Redis } from 'ioredis';
import { RenxingError } from '../core/errors.js';
import type { RedisTarget } from './redis-url.js';

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
 * Pings Redis every `everyMs` (one ping in flight at a time); when no ping has been answered for
 * `lostAfterMs`, calls `onLost` once with RX_ERR_REDIS naming the URL, then goes on pinging and
 * calls `onBack` when Redis answers again. Only time this process was running counts: after the
 * event loop was held up (a long computation on the main thread, a starved machine) the count
 * starts again, since Redis could not have been heard meanwhile — such a stall once failed a
 * healthy run. Returns a function that stops the watch.
 */
export function watchRedis(client: Pick<Redis, 'ping' | 'status'>, target: RedisTarget, lostAfterMs: number, onLost: (error: RenxingError) => void, everyMs = 500, onBack?: () => void): () => void {
  let lastOk = Date.now();
  let lastTick = lastOk;
  let lost = false;
  let pinging = false;
  const timer = setInterval(() => {
    const now = Date.now();
    if (now - lastTick > 4 * everyMs) lastOk = Math.max(lastOk, now - everyMs);
    lastTick = now;
    if (!lost && now - lastOk > lostAfterMs) {
      lost = true;
      onLost(new RenxingError('RX_ERR_REDIS', `lost Redis at ${target.url}: no answer for ${(lostAfterMs / 1000).toFixed(1)} s`));
    }
    if (client.status !== 'ready' || pinging) return;
    pinging = true;
    client.ping().then(() => {
      lastOk = Date.now();
      if (lost) {
        lost = false;
        onBack?.();
      }
    }, () => undefined).finally(() => { pinging = false; });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
