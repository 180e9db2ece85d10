// `renxing serve --redis`: API runs computed by `renxing worker` processes, with the local
// summary, progress across workers, and runs that survive a restart of the server (killed).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../api/app.js';
import { BUNDLED_SCENARIOS_DIR } from '../../engine/core/paths.js';
import { parseRedisUrl } from '../../engine/distributed/redis-url.js';
import { createPool } from '../../engine/parallel/pool.js';
import { runScenario } from '../../engine/run/run-scenario.js';
import { loadScenario } from '../../engine/scenario/load-scenario.js';
import { withTempDir } from '../fixtures/mini-pack.js';
import { freePort, HAS_REDIS, spawnCli, testRedis, startWorkerProcess, type RedisServer, type WorkerProcess } from '../fixtures/redis-server.js';

interface RunRecord { id: string; status: string; progress: number; error: unknown }

/** A summary less its wall-clock time, the one field that differs between runs. */
function withoutElapsed(summary: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(summary).filter(([k]) => k !== 'elapsedS'));
}

async function localSummary(realizations: number, seed: number): Promise<Record<string, unknown>> {
  const pool = createPool({ workers: 2 });
  try {
    const summary = await runScenario(await loadScenario(join(BUNDLED_SCENARIOS_DIR, 'tangshan-1976.yaml'), { realizations, seed }), { pool });
    return withoutElapsed(summary as unknown as Record<string, unknown>);
  } finally {
    await pool.destroy();
  }
}

describe.skipIf(!HAS_REDIS)('API runs on Redis workers', () => {
  let redis: RedisServer;
  const workers: WorkerProcess[] = [];
  beforeAll(async () => { redis = await testRedis(14); });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await redis?.stop();
  });

  it('computes a run on the workers with the local summary, its progress moving chunk by chunk', async () => {
    workers.push(await startWorkerProcess(redis.url, '--queue', 'api'), await startWorkerProcess(redis.url, '--queue', 'api'));
    await withTempDir(async (dir) => {
      const app = await build({ dbPath: join(dir, 'runs.db'), workers: 1, rateLimitPerMinute: 0, redis: { target: parseRedisUrl(redis.url), queue: 'api' } });
      try {
        const created = await app.inject({ method: 'POST', url: '/runs', payload: { scenarioId: 'tangshan-1976', options: { realizations: 8, seed: 5 } } });
        expect(created.statusCode).toBe(201);
        const { id } = created.json<{ id: string }>();
        const seen = new Set<number>();
        let run: RunRecord;
        for (;;) {
          run = (await app.inject({ url: `/runs/${id}` })).json<RunRecord>();
          seen.add(run.progress);
          if (!['queued', 'running'].includes(run.status)) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
        expect([...seen].some((p) => p > 0 && p < 1)).toBe(true); // chunks reported as they came in
        const summary = withoutElapsed(JSON.parse((await app.inject({ url: `/runs/${id}/summary` })).body) as Record<string, unknown>);
        expect(JSON.stringify(summary)).toBe(JSON.stringify(await localSummary(8, 5)));
        // The events stream of a finished run says so at once.
        expect((await app.inject({ url: `/runs/${id}/events` })).body).toMatch(/"status":"succeeded","progress":1/);
      } finally {
        await app.close();
      }
    });
  });

  it('takes a run up again after the server is killed mid-run, keeping what the workers finished', async () => {
    const worker = await startWorkerProcess(redis.url, '--queue', 'restart');
    workers.push(worker);
    await withTempDir(async (dir) => {
      const port = await freePort();
      const serve = (): WorkerProcess => spawnCli(['serve', '--port', String(port), '--db', join(dir, 'runs.db'), '--runs-from', dir, '--workers', '1', '--redis', redis.url, '--queue', 'restart']);
      const base = `http://127.0.0.1:${port}`;
      let server = serve();
      await server.waitFor(/Server listening/);
      const created = await fetch(`${base}/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: 'tangshan-1976', options: { realizations: 12, seed: 9 } }) });
      const { id } = (await created.json()) as { id: string };
      const get = async (): Promise<RunRecord> => (await (await fetch(`${base}/runs/${id}`)).json()) as RunRecord;
      for (let run = await get(); !(run.progress > 0); run = await get()) await new Promise((r) => setTimeout(r, 50));
      server.proc.kill('SIGKILL');
      await server.exited;
      server = serve();
      try {
        await server.waitFor(/Server listening/);
        let run = await get();
        expect(['running', 'succeeded']).toContain(run.status); // not "interrupted"
        while (['queued', 'running'].includes(run.status)) {
          await new Promise((r) => setTimeout(r, 100));
          run = await get();
        }
        expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
        const summary = withoutElapsed((await (await fetch(`${base}/runs/${id}/summary`)).json()) as Record<string, unknown>);
        expect(JSON.stringify(summary)).toBe(JSON.stringify(await localSummary(12, 9)));
        // Each chunk computed once: the restarted server collected what was done while it was down.
        const computed = [...worker.output().matchAll(new RegExp(`job ${id}\\.(r\\d+-\\d+): realizations`, 'g'))].map((m) => m[1]);
        expect(computed.length).toBeGreaterThan(0);
        expect(new Set(computed).size).toBe(computed.length);
      } finally {
        await server.stop();
      }
    });
  });
});
