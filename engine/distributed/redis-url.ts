/**
 * Redis URLs as the CLI and the API take them, parsed without loading the Redis client (the CLI
 * reads its flags before it knows whether a command will talk to Redis).
 */
import type { RedisOptions } from 'ioredis';

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
