// Ensembles and contingency sweeps on real `renxing worker` processes over a real redis-server:
// the results must be the local pool's, bit for bit, whatever the number of workers, the chunking
// and the order in which chunks finish.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../engine/cli/program.js';
import { BUNDLED_REGIONS_DIR, BUNDLED_SCENARIOS_DIR } from '../../../engine/core/paths.js';
import { RedisCoordinator } from '../../../engine/distributed/coordinator.js';
import { parseRedisUrl } from '../../../engine/distributed/redis-url.js';
import { runContingency } from '../../../engine/lifelines/run-contingency.js';
import type { ChunkRunner } from '../../../engine/parallel/ensemble.js';
import { createPool } from '../../../engine/parallel/pool.js';
import { loadRegion } from '../../../engine/region/load-region.js';
import { runScenario } from '../../../engine/run/run-scenario.js';
import { loadScenario, type LoadedScenario } from '../../../engine/scenario/load-scenario.js';
import { HAS_REDIS, testRedis, startWorkerProcess, type RedisServer, type WorkerProcess } from '../../fixtures/redis-server.js';
import { withTempDir } from '../../fixtures/mini-pack.js';

/** Holds chunk 0's result back until every other chunk has come in, so the merge sees them out of order. */
function lastFirst(run: ChunkRunner, chunks: number): { run: ChunkRunner; order: number[] } {
  const order: number[] = [];
  let others = 0;
  let release: () => void = () => undefined;
  const rest = new Promise<void>((resolve) => { release = resolve; });
  return {
    order,
    run: async (from, count, signal) => {
      const result = await run(from, count, signal);
      if (from === 0) await rest;
      else if (++others === chunks - 1) release();
      order.push(from);
      return result;
    },
  };
}

describe.skipIf(!HAS_REDIS)('runs over Redis on worker processes', () => {
  let redis: RedisServer;
  let coordinator: RedisCoordinator;
  const workers: WorkerProcess[] = [];
  let loaded: LoadedScenario;
  let local: string;
  const pool = createPool({ workers: 2 });

  beforeAll(async () => {
    redis = await testRedis(13);
    coordinator = await RedisCoordinator.open({ target: parseRedisUrl(redis.url) });
    loaded = await loadScenario(join(BUNDLED_SCENARIOS_DIR, 'tangshan-1976.yaml'), { realizations: 6, seed: 7 });
    local = JSON.stringify(await runScenario(loaded, { pool, now: () => 0 }));
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await coordinator?.close();
    await redis?.stop();
    await pool.destroy();
  });

  it('gives the local summary, bit for bit, on 1, 2 and 3 workers with any chunking and chunks finishing out of order', async () => {
    for (const [n, chunkSize] of [[1, 1], [2, 2], [3, 1]] as const) {
      while (workers.length < n) workers.push(await startWorkerProcess(redis.url));
      const remote = await coordinator.ensemble(loaded, `identity-${n}`, chunkSize);
      const held = lastFirst(remote.run, Math.ceil(6 / chunkSize));
      const progress: number[] = [];
      const summary = await runScenario(loaded, { remote: { run: held.run, chunkSize }, now: () => 0, onProgress: (done) => progress.push(done) });
      expect(held.order.at(-1)).toBe(0); // the first chunk was merged last
      expect(progress.at(-1)).toBe(6);
      expect(JSON.stringify(summary)).toBe(local);
      await coordinator.forget(`identity-${n}`);
    }
    // Every worker took part in the 3-worker run or before it.
    for (const w of workers) expect(w.output()).toMatch(/realizations \d+–\d+ of tangshan-1976/);
  });

  it('ranks contingencies as the local pool does: N−1 over everything, N−2 over a list, in batches of any size', async () => {
    const region = await loadRegion(join(BUNDLED_REGIONS_DIR, 'capital'));
    const among = ['beijing-tianjin', 'beijing-zhangjiakou', 'beijing-tangshan-qinhuangdao', 'beijing-baoding-shijiazhuang', 'inner-ring', 'south-north-diversion-middle-route'];
    for (const [k, batchSize, list] of [[1, 7, undefined], [2, 3, among]] as const) {
      const options = { k, horizonH: 120, ...(list ? { among: [...list] } : {}) };
      const mine = await runContingency(region, { ...options, pool });
      const remote = await coordinator.contingency(region, `sweep-${k}`, 120, batchSize);
      const theirs = await runContingency(region, { ...options, remote });
      expect(theirs).toEqual(mine);
      expect(theirs.assessed).toBe(theirs.combinations);
      await coordinator.forget(`sweep-${k}`);
    }
  });

  it('runs `renxing run --redis` and `renxing contingency --redis` from the command line with the local results', async () => {
    await withTempDir(async (dir) => {
      const cli = async (...args: string[]): Promise<Record<string, unknown>> => {
        let out = '';
        let err = '';
        const code = await runCli(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
        expect(code, err).toBe(0);
        return JSON.parse(out) as Record<string, unknown>;
      };
      const scenario = join(BUNDLED_SCENARIOS_DIR, 'tangshan-1976.yaml');
      const remote = await cli('run', scenario, '--realizations', '4', '--redis', redis.url, '--chunk-size', '3', '--out', join(dir, 'a'), '--json');
      const mine = await cli('run', scenario, '--realizations', '4', '--workers', '2', '--out', join(dir, 'b'), '--json');
      delete remote['elapsedS'];
      delete mine['elapsedS'];
      expect(JSON.stringify(remote)).toBe(JSON.stringify(mine));
      const pack = join(BUNDLED_REGIONS_DIR, 'capital');
      expect(await cli('contingency', pack, '--redis', redis.url, '--batch-size', '50', '--out', join(dir, 'c'), '--json')).toEqual(await cli('contingency', pack, '--out', join(dir, 'd'), '--json'));
    });
  });
});
