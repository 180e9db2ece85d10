// Faults of a distributed run, on real worker processes and a real redis-server: a worker killed
// mid-job, a job that keeps failing, bad payloads, Redis unreachable at start and lost mid-run.
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../engine/cli/program.js';
import { BUNDLED_REGIONS_DIR, BUNDLED_SCENARIOS_DIR } from '../../../engine/core/paths.js';
import { RenxingError } from '../../../engine/core/errors.js';
import { RedisCoordinator } from '../../../engine/distributed/coordinator.js';
import { PROTOCOL } from '../../../engine/distributed/jobs.js';
import { hashPack } from '../../../engine/distributed/packs.js';
import { parseRedisUrl } from '../../../engine/distributed/redis-url.js';
import { runContingency } from '../../../engine/lifelines/run-contingency.js';
import { createPool } from '../../../engine/parallel/pool.js';
import { loadRegion } from '../../../engine/region/load-region.js';
import { runScenario } from '../../../engine/run/run-scenario.js';
import { loadScenario } from '../../../engine/scenario/load-scenario.js';
import { freePort, HAS_REDIS, REDIS_SERVER, spawnCli, startRedis, testRedis, startWorkerProcess, type RedisServer, type WorkerProcess } from '../../fixtures/redis-server.js';

const TANGSHAN = join(BUNDLED_SCENARIOS_DIR, 'tangshan-1976.yaml');

describe.skipIf(!HAS_REDIS)('distributed runs under faults', () => {
  let redis: RedisServer;
  const started: WorkerProcess[] = [];
  const worker = async (...args: string[]): Promise<WorkerProcess> => {
    const w = await startWorkerProcess(redis.url, ...args);
    started.push(w);
    return w;
  };
  const coordinatorOn = (queue: string, url = redis.url, lostAfterMs?: number): Promise<RedisCoordinator> => RedisCoordinator.open({ target: parseRedisUrl(url), queue, ...(lostAfterMs ? { lostAfterMs } : {}) });

  beforeAll(async () => { redis = await testRedis(15); });
  afterAll(async () => {
    await Promise.all(started.map((w) => w.stop()));
    await redis?.stop();
  });

  it('finishes with the identical summary when a worker is killed (SIGKILL) mid-job: its job is taken back after the lock runs out', async () => {
    const loaded = await loadScenario(TANGSHAN, { realizations: 12, seed: 3 });
    const pool = createPool({ workers: 2 });
    const local = JSON.stringify(await runScenario(loaded, { pool, now: () => 0 }));
    await pool.destroy();
    const victim = await worker('--queue', 'kill', '--lock-s', '2');
    const survivor = await worker('--queue', 'kill', '--lock-s', '2');
    const coordinator = await coordinatorOn('kill');
    try {
      const remote = await coordinator.ensemble(loaded, 'killed', 4);
      const run = runScenario(loaded, { remote, now: () => 0 });
      const line = await victim.waitFor(/job (\S+): started/);
      const jobId = /job (\S+): started/.exec(line)?.[1] as string;
      await new Promise((r) => setTimeout(r, 200));
      victim.proc.kill('SIGKILL');
      expect(await victim.exited).toBe('SIGKILL');
      expect(JSON.stringify(await run)).toBe(local);
      // The survivor computed the job the victim died on.
      expect(survivor.output()).toContain(`job ${jobId}: realizations`);
    } finally {
      await coordinator.close();
    }
  });

  it('fails the run with the worker\'s error when a job fails on every attempt', async () => {
    const drill = await worker('--queue', 'fail', '--fail-jobs', '\\.r4-');
    const coordinator = await coordinatorOn('fail');
    try {
      const loaded = await loadScenario(TANGSHAN, { realizations: 6 });
      const remote = await coordinator.ensemble(loaded, 'failing', 2);
      const run = runScenario(loaded, { remote });
      await expect(run).rejects.toBeInstanceOf(RenxingError);
      await expect(run).rejects.toMatchObject({ code: 'RX_ERR_WORKER', message: expect.stringMatching(/job failing\.r4-2 failed: worker .* \(pid \d+\): job failing\.r4-2 failed on purpose/) as unknown });
      expect(drill.output().match(/job failing\.r4-2: started/g)).toHaveLength(3); // tried three times
    } finally {
      await coordinator.close();
    }
  });

  it('fails bad jobs (malformed, unknown pack, another copy of a pack) at once with a clear error and keeps serving', async () => {
    const served = await worker('--queue', 'bad');
    const queue = new Queue('bad', { connection: parseRedisUrl(redis.url).options });
    const events = new QueueEvents('bad', { connection: { ...parseRedisUrl(redis.url).options, maxRetriesPerRequest: null } });
    try {
      await events.waitUntilReady();
      const capital = join(BUNDLED_REGIONS_DIR, 'capital');
      const hash = await hashPack(capital);
      const bad = {
        malformed: { v: PROTOCOL, kind: 'contingency', pack: { id: 'capital', hash }, horizonH: 'soon', cases: [] },
        unknownPack: { v: PROTOCOL, kind: 'contingency', pack: { id: 'atlantis', hash }, horizonH: 120, cases: [[0]] },
        otherCopy: { v: PROTOCOL, kind: 'contingency', pack: { id: 'capital', hash: 'c'.repeat(64) }, horizonH: 120, cases: [[0]] },
        beyondPack: { v: PROTOCOL, kind: 'contingency', pack: { id: 'capital', hash }, horizonH: 120, cases: [[1_000_000]] },
      };
      const reasons = await Promise.all(Object.entries(bad).map(async ([id, data]) => {
        const job = await queue.add('contingency', data, { jobId: id, attempts: 3 });
        await job.waitUntilFinished(events).then(() => { throw new Error(`${id} did not fail`); }, () => undefined);
        const failed = await queue.getJob(id);
        return [id, failed?.failedReason, failed?.attemptsMade] as const;
      }));
      const byId = Object.fromEntries(reasons.map(([id, reason, attempts]) => [id, { reason, attempts }]));
      expect(byId['malformed']?.reason).toMatch(/malformed job: horizonH must be an hour/);
      expect(byId['unknownPack']?.reason).toMatch(/no region pack 'atlantis' here/);
      expect(byId['otherCopy']?.reason).toMatch(/region pack 'capital' at .* has content hash .*, the run's is cccccccccccc…: the packs differ/);
      expect(byId['beyondPack']?.reason).toMatch(/a case names a component beyond the \d+ of pack 'capital'/);
      for (const { attempts } of Object.values(byId)) expect(attempts).toBe(1); // refused, not retried
      // Still serving: a real sweep goes through the same worker.
      const coordinator = await coordinatorOn('bad');
      try {
        const region = await loadRegion(capital);
        const remote = await coordinator.contingency(region, 'after-bad', 120);
        const ranking = await runContingency(region, { k: 1, horizonH: 120, among: ['beijing-tianjin', 'inner-ring'], remote });
        expect(ranking.assessed).toBe(2);
      } finally {
        await coordinator.close();
      }
      expect(served.proc.exitCode).toBeNull();
    } finally {
      await Promise.all([queue.close(), events.close()]);
    }
  });

  it('says which Redis it could not reach, at start, for run, contingency, worker and the coordinator', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    await expect(coordinatorOn('x', url)).rejects.toMatchObject({ code: 'RX_ERR_REDIS', message: expect.stringContaining(`cannot reach Redis at ${url}: `) as unknown });
    for (const args of [['run', TANGSHAN, '--redis', url], ['contingency', join(BUNDLED_REGIONS_DIR, 'capital'), '--redis', url]]) {
      let err = '';
      expect(await runCli(args, { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) } })).toBe(1);
      expect(err).toMatch(new RegExp(`cannot reach Redis at redis://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
    }
    const refused = spawnCli(['worker', '--redis', url]);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain(`cannot reach Redis at ${url}`);
  });

  // Needs a server of its own to kill, whatever RENXING_TEST_REDIS names.
  it.skipIf(!REDIS_SERVER)('fails the run within a bounded time when Redis is lost mid-run, and the worker stops instead of hanging', async () => {
    const doomed = await startRedis();
    try {
      const w = await startWorkerProcess(doomed.url, '--queue', 'lost', '--redis-grace-s', '2');
      started.push(w);
      const coordinator = await coordinatorOn('lost', doomed.url, 3000);
      const loaded = await loadScenario(TANGSHAN, { realizations: 40 });
      let done = 0;
      const run = runScenario(loaded, { remote: await coordinator.ensemble(loaded, 'lost', 1), onProgress: (d) => { done = d; } });
      run.catch(() => undefined);
      await w.waitFor(/job lost\.r1-1: started/);
      await doomed.stop();
      const lostAt = Date.now();
      await expect(run).rejects.toMatchObject({ code: 'RX_ERR_REDIS', message: expect.stringMatching(new RegExp(`lost Redis at ${doomed.url}: no answer for 3\\.0 s`)) as unknown });
      expect(Date.now() - lostAt).toBeLessThan(15_000);
      expect(done).toBeLessThan(40);
      await coordinator.close();
      expect(await w.exited).toBe(1);
      expect(Date.now() - lostAt).toBeLessThan(30_000);
      expect(w.output()).toMatch(new RegExp(`lost Redis at ${doomed.url}: no answer for 2\\.0 s; stopping`));
    } finally {
      await doomed.stop();
    }
  });

  // A long-lived coordinator (the API's) fails the runs in flight when Redis goes, and serves again once it is back.
  it.skipIf(!REDIS_SERVER)('runs again on the same coordinator and worker once a restarted Redis answers', async () => {
    let server = await startRedis();
    const { port } = server;
    try {
      const w = await startWorkerProcess(server.url, '--queue', 'back', '--redis-grace-s', '120');
      started.push(w);
      const coordinator = await coordinatorOn('back', server.url, 2000);
      const region = await loadRegion(join(BUNDLED_REGIONS_DIR, 'capital'));
      const sweep = async (key: string): Promise<unknown> => runContingency(region, { k: 1, horizonH: 120, among: ['beijing-tianjin', 'inner-ring'], remote: await coordinator.contingency(region, key, 120) });
      try {
        const before = JSON.stringify(await sweep('before'));
        await server.stop();
        // Refused by the connection at first; then, once the watch has declared Redis lost, by the coordinator itself.
        for (let attempt = 0, down = ''; !down.startsWith(`lost Redis at ${server.url}`); attempt++) {
          if (attempt > 40) throw new Error(`Redis not declared lost; last error: ${down}`);
          const error = await sweep(`down-${attempt}`).then(() => new Error('a sweep went through with Redis down'), (e: unknown) => e);
          expect(error).toMatchObject({ code: 'RX_ERR_REDIS', message: expect.stringContaining(`Redis at ${server.url}`) as unknown });
          down = (error as Error).message;
          await new Promise((r) => setTimeout(r, 250));
        }
        server = await startRedis(port);
        let after: unknown;
        for (let attempt = 0; after === undefined; attempt++) {
          try {
            after = await sweep(`after-${attempt}`);
          } catch (error) {
            // Until a ping has been answered the coordinator still counts Redis as lost.
            if (attempt > 40 || (error as RenxingError).code !== 'RX_ERR_REDIS') throw error;
            await new Promise((r) => setTimeout(r, 500));
          }
        }
        expect(JSON.stringify(after)).toBe(before);
        expect(w.proc.exitCode).toBeNull();
      } finally {
        await coordinator.close();
      }
    } finally {
      await server.stop();
    }
  });
});
