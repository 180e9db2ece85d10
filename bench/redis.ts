/**
 * What the queue costs: a Tangshan 1976 ensemble and the capital pack's N−2 sweep on this process's
 * pool (2 threads) against two `renxing worker` processes (1 thread each) over a redis-server on
 * the same machine, at the default job size (about 64 jobs a run) and with jobs made smaller, to
 * show how the overhead grows with the number of jobs. Every configuration must give the local
 * numbers bit for bit (checked here); only the time differs.
 *
 * The machine may be shared, so each Redis configuration is timed between two local runs (local,
 * Redis a, local, Redis b, local …, repeated `--reps` times) and its ratio is taken against the
 * mean of the two local runs around it; the table gives the median ratio and its range. Workers
 * are started and warmed (pack loaded, scenario compiled) before the clock starts. A Redis run's
 * time holds splitting, queueing, each worker compiling its job, the results' trip and the merge;
 * the submitting side compiles and summarizes in both cases, so that cost cancels in the ratio.
 * CPU seconds (this process, the workers and redis-server together) are given too: on a shared
 * machine they say what the queue costs far more steadily than wall time does.
 *
 * Usage: npm run build && nice -n 10 npm run bench:redis -- [--realizations 2000] [--pairs all|N]
 *   [--reps 2] [--jobs 64,256,1024] [--only ensemble|sweep]
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLED_REGIONS_DIR, BUNDLED_SCENARIOS_DIR } from '../engine/core/paths.js';
import { RedisCoordinator } from '../engine/distributed/coordinator.js';
import { parseRedisUrl } from '../engine/distributed/redis-url.js';
import { combinationCount, runContingency } from '../engine/lifelines/run-contingency.js';
import { createPool } from '../engine/parallel/pool.js';
import { loadRegion } from '../engine/region/load-region.js';
import { runScenario } from '../engine/run/run-scenario.js';
import { loadScenario } from '../engine/scenario/load-scenario.js';
import { startRedis, startWorkerProcess, type WorkerProcess } from '../tests/fixtures/redis-server.js';

const { values: args } = parseArgs({
  options: {
    realizations: { type: 'string', default: '2000' },
    pairs: { type: 'string', default: 'all' },
    reps: { type: 'string', default: '2' },
    jobs: { type: 'string', default: '64,256,1024' },
    only: { type: 'string' },
  },
});
const realizations = Number(args.realizations);
const pairsCap = args.pairs === 'all' ? undefined : Number(args.pairs);
const reps = Number(args.reps);
/** Redis configurations, as jobs a run: 64 is the coordinator's default, more jobs mean smaller ones. */
const jobTargets = args.jobs.split(',').map(Number);
if (!(realizations >= 1) || !(reps >= 1) || (pairsCap !== undefined && !(pairsCap >= 1)) || !jobTargets.every((j) => j >= 1)) throw new TypeError('--realizations, --reps, --jobs (a list) and --pairs (or "all") must be positive numbers');
/** Job sizes that split `units` into about each of `jobTargets` jobs (distinct sizes only). */
const sizesFor = (units: number): number[] => [...new Set(jobTargets.map((j) => Math.max(1, Math.ceil(units / j))))];

/**
 * CPU seconds used so far by this process (all its threads), the worker processes and redis-server
 * (Linux /proc; clock ticks of 1/100 s). On a shared machine wall time swings with the neighbours'
 * load; CPU time much less, so the queue's cost is also given as CPU spent on the same work.
 */
const cpuPids: number[] = [];
const cpuSeconds = (): number => {
  const own = process.cpuUsage();
  let ticks = 0;
  for (const pid of cpuPids) {
    // Fields after the ")" that ends the command name: state is the 1st, utime the 12th, stime the 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (own.user + own.system) / 1e6 + ticks / 100;
};

/** Wall and CPU seconds of `f`. */
const seconds = async <T>(f: () => Promise<T>): Promise<[{ wall: number; cpu: number }, T]> => {
  const t0 = performance.now();
  const c0 = cpuSeconds();
  const value = await f();
  return [{ wall: (performance.now() - t0) / 1000, cpu: cpuSeconds() - c0 }, value];
};
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** One workload: the local run and Redis runs at several job sizes, alternated, each checked against the local result. */
interface Workload {
  name: string;
  unit: string;
  units: number;
  local(): Promise<string>;
  /** Runs on Redis with jobs of `size` units, returning the result as JSON. */
  remote(size: number, key: string): Promise<string>;
  sizes: number[];
  /** Jobs of the local run (the pool's chunks) and of a Redis run with jobs of `size`. */
  localJobs: number;
  jobs(size: number): number;
}

async function measure(w: Workload, coordinator: RedisCoordinator): Promise<void> {
  const [firstLocal, reference] = await seconds(() => w.local());
  const locals = [firstLocal];
  const runs = new Map(w.sizes.map((s) => [s, [] as { wall: number; cpu: number; wallRatio: number; cpuRatio: number }[]]));
  for (let rep = 0; rep < reps; rep++) {
    for (const size of w.sizes) {
      const key = randomUUID();
      const [t, result] = await seconds(() => w.remote(size, key));
      await coordinator.forget(key);
      if (result !== reference) throw new Error(`${w.name}: the Redis result (jobs of ${size}) differs from the local one`);
      const before = locals[locals.length - 1] as { wall: number; cpu: number };
      const [after, again] = await seconds(() => w.local());
      if (again !== reference) throw new Error(`${w.name}: two local runs differ`);
      locals.push(after);
      runs.get(size)?.push({ ...t, wallRatio: t.wall / ((before.wall + after.wall) / 2), cpuRatio: t.cpu / ((before.cpu + after.cpu) / 2) });
    }
  }
  const range = (xs: number[]): string => `${median(xs).toFixed(3)} (${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)})`;
  console.log(`\n${w.name}: ${w.units.toLocaleString('en-US')} ${w.unit}; ${locals.length} local runs alternated with ${reps} of each Redis configuration`);
  console.log(`| configuration | jobs | ${w.unit} per job | median wall s | ${w.unit}/s | wall ÷ local (median, range) | median CPU s | CPU ÷ local (median, range) |`);
  console.log('|---|---|---|---|---|---|---|---|');
  const localWall = median(locals.map((l) => l.wall));
  console.log(`| local pool, 2 threads | ${w.localJobs} | ${Math.ceil(w.units / w.localJobs)} | ${localWall.toFixed(1)} | ${(w.units / localWall).toFixed(1)} | 1 (runs ${Math.min(...locals.map((l) => l.wall)).toFixed(1)}–${Math.max(...locals.map((l) => l.wall)).toFixed(1)} s) | ${median(locals.map((l) => l.cpu)).toFixed(1)} | 1 |`);
  for (const size of w.sizes) {
    const r = runs.get(size) ?? [];
    const wall = median(r.map((x) => x.wall));
    const jobs = w.jobs(size);
    console.log(`| Redis, 2 worker processes × 1 thread | ${jobs} | ${Math.ceil(w.units / jobs)} | ${wall.toFixed(1)} | ${(w.units / wall).toFixed(1)} | ${range(r.map((x) => x.wallRatio))} | ${median(r.map((x) => x.cpu)).toFixed(1)} | ${range(r.map((x) => x.cpuRatio))} |`);
  }
}

const redis = await startRedis();
const coordinator = await RedisCoordinator.open({ target: parseRedisUrl(redis.url) });
const pool = createPool({ workers: 2 });
let workers: WorkerProcess[] = [];
try {
  workers = await Promise.all([0, 1].map(() => startWorkerProcess(redis.url, '--workers', '1', '--concurrency', '1')));
  cpuPids.push(...workers.map((w) => w.proc.pid as number), ...(redis.pid ? [redis.pid] : []));
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'} (shared), Node ${process.version}; redis-server on loopback, no persistence`);
  const tangshan = join(BUNDLED_SCENARIOS_DIR, 'tangshan-1976.yaml');
  const loaded = await loadScenario(tangshan, { realizations, seed: 1 });
  const warm = await loadScenario(tangshan, { realizations: 8, seed: 2 });
  const region = await loadRegion(join(BUNDLED_REGIONS_DIR, 'capital'));

  if (args.only !== 'sweep') {
    // Warm: the pool's threads and each worker (two jobs, so both workers take one).
    await runScenario(warm, { pool });
    await runScenario(warm, { remote: await coordinator.ensemble(warm, randomUUID(), 4) });
    await measure({
      name: `Tangshan 1976 ensemble (seed 1)`,
      unit: 'realizations',
      units: realizations,
      local: async () => JSON.stringify(await runScenario(loaded, { pool, now: () => 0 })),
      remote: async (size, key) => JSON.stringify(await runScenario(loaded, { remote: await coordinator.ensemble(loaded, key, size), now: () => 0 })),
      sizes: sizesFor(realizations),
      localJobs: Math.ceil(realizations / Math.ceil(realizations / 8)), // the pool's 4 chunks a thread
      jobs: (size) => Math.ceil(realizations / size),
    }, coordinator);
  }

  if (args.only !== 'ensemble') {
    const sweep = { k: 2 as const, horizonH: 120, ...(pairsCap ? { maxCases: pairsCap } : {}) };
    const warmSweep = { k: 1 as const, horizonH: 120 };
    const single = await runContingency(region, { ...warmSweep, pool });
    await runContingency(region, { ...warmSweep, remote: await coordinator.contingency(region, randomUUID(), 120, 8) });
    const pairs = combinationCount(single.combinations, 2);
    const cases = Math.min(pairs, pairsCap ?? Infinity) + 1; // + the intact network
    await measure({
      name: `capital N−2 sweep, ${pairsCap ? `${(cases - 1).toLocaleString('en-US')} of ${pairs.toLocaleString('en-US')} pairs (evenly spaced, --max-cases)` : `all ${pairs.toLocaleString('en-US')} pairs`}`,
      unit: 'cases',
      units: cases,
      local: async () => JSON.stringify(await runContingency(region, { ...sweep, pool })),
      remote: async (size, key) => JSON.stringify(await runContingency(region, { ...sweep, remote: await coordinator.contingency(region, key, 120, size) })),
      sizes: sizesFor(cases),
      localJobs: Math.ceil(cases / Math.ceil(cases / 8)),
      jobs: (size) => Math.ceil(cases / size),
    }, coordinator);
  }
} finally {
  await Promise.all(workers.map((w) => w.stop()));
  await coordinator.close();
  await pool.destroy();
  await redis.stop();
}
