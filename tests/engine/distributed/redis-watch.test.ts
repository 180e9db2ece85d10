// The watch that decides Redis is lost: it must fire after the stated silence, not after a stall of
// this process (a bench's 2,000-realization summary on a starved machine once failed a healthy run
// that way), and it must notice when Redis is back. Fake timers: no Redis, no waiting.
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RenxingError } from '../../../engine/core/errors.js';
import { watchRedis } from '../../../engine/distributed/redis.js';
import { parseRedisUrl } from '../../../engine/distributed/redis-url.js';

const target = parseRedisUrl('redis://127.0.0.1:6390');

/** A client whose pings are answered, or refused as ioredis refuses them on a closed connection. */
function fakeClient(): { client: Pick<Redis, 'ping' | 'status'>; answering: (yes: boolean) => void } {
  let up = true;
  const client = { status: 'ready', ping: () => (up ? Promise.resolve('PONG') : Promise.reject(new Error('Connection is closed.'))) };
  return { client: client as unknown as Pick<Redis, 'ping' | 'status'>, answering: (yes) => { up = yes; } };
}

describe('watchRedis', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('reports a silence of lostAfterMs once, naming the URL, and says when Redis answers again', async () => {
    const { client, answering } = fakeClient();
    const lost: RenxingError[] = [];
    let back = 0;
    const stop = watchRedis(client, target, 10_000, (e) => lost.push(e), 500, () => { back++; });
    await vi.advanceTimersByTimeAsync(5_000);
    answering(false);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(lost).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(lost.map((e) => [e.code, e.message])).toEqual([['RX_ERR_REDIS', 'lost Redis at redis://127.0.0.1:6390: no answer for 10.0 s']]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(lost).toHaveLength(1);
    expect(back).toBe(0);
    answering(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(back).toBe(1);
    stop();
  });

  it('does not count a stall of this process as Redis\'s silence', async () => {
    const { client } = fakeClient();
    const lost: RenxingError[] = [];
    const stop = watchRedis(client, target, 10_000, (e) => lost.push(e));
    await vi.advanceTimersByTimeAsync(2_000);
    // The event loop held up for 15 s: the clock moved, no timer ran, no ping could be answered.
    vi.setSystemTime(Date.now() + 15_000);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(lost).toHaveLength(0);
    stop();
  });
});
