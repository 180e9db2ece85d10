import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { RenxingError } from '../engine/core/errors.js';
import { LIMITS, limitsTable, rangeRules, SCENARIO_DATA_LIMITS } from '../engine/core/limits.js';
import { BUNDLED_SCENARIOS_DIR, DIST_DIR } from '../engine/core/paths.js';
import { ENGINE_VERSION } from '../engine/core/version.js';
import { RedisCoordinator } from '../engine/distributed/coordinator.js';
import type { RedisTarget } from '../engine/distributed/redis-url.js';
import { checkJsonText } from '../engine/io/read-data-file.js';
import { defaultWorkers } from '../engine/parallel/default-workers.js';
import { createPool } from '../engine/parallel/pool.js';
import { RegionCache } from '../engine/region/region-cache.js';
import { findBundledScenario } from '../engine/scenario/bundled-scenarios.js';
import { handleErrors } from './errors.js';
import { importCliRuns } from './import-cli-runs.js';
import { JobRunner } from './job-runner.js';
import { healthRoutes } from './routes/health.js';
import { regionRoutes } from './routes/regions.js';
import { runRoutes } from './routes/runs.js';
import { scenarioRoutes } from './routes/scenarios.js';
import { whatIfRoutes } from './routes/whatif.js';
import { RunStore } from './run-store.js';

export interface BuildOptions {
  /** SQLite file for runs (default `renxing.db`); ':memory:' for a throwaway store. */
  dbPath?: string;
  /** When set, POST and DELETE need `Authorization: Bearer <token>`. */
  token?: string;
  workers?: number;
  /** Runs executing at once; the rest wait in the queue. */
  concurrency?: number;
  /** Most runs waiting or executing; beyond it POST /runs answers 429. */
  maxPending?: number;
  /** Requests per minute per client address (429 beyond); 0 turns the limit off. */
  rateLimitPerMinute?: number;
  /**
   * Which proxies to believe about the client's address (Fastify's `trustProxy`: true, or
   * addresses and CIDR ranges): behind a reverse proxy, the rate limit then counts per
   * client (X-Forwarded-For) rather than one bucket for the proxy. Default: none.
   */
  trustProxy?: boolean | string | string[];
  maxRealizations?: number;
  bodyLimitBytes?: number;
  logger?: boolean;
  /** Folders besides the bundled scenarios that request scenarios may name packs or rasters in. */
  dataRoots?: string[];
  /** Largest raster domain a run may have (cells; default 4 million). */
  maxRasterCells?: number;
  /** Output roots of the command line (`renxing run`'s `out/`): the finished runs in them are listed with the API's own. */
  importRunsFrom?: string[];
  /** Wall time of one run before it fails with RX_ERR_BUDGET (s; default LIMITS.runTimeS). */
  runTimeoutS?: number;
  /** JavaScript heap of each worker thread (MiB; default LIMITS.workerHeapMb). */
  workerHeapMb?: number;
  /** Seconds between heartbeat comments on a run's event stream (default 15). */
  sseHeartbeatS?: number;
  /**
   * Region runs' realizations go to `renxing worker` processes through this Redis (BullMQ queue
   * `queue`, default renxing); every accepted run queues its chunks at once, and runs cut short by
   * a restart are taken up again (what the workers finished meanwhile is kept).
   */
  redis?: { target: RedisTarget; queue?: string };
}

/** Whether an Authorization header carries the token, compared in constant time (hashes of equal length, so neither the length nor a prefix leaks). */
export function tokenMatches(header: string | undefined, token: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(header ?? ''), digest(`Bearer ${token}`)) && header === `Bearer ${token}`;
}

/**
 * The Renxing HTTP API (DESIGN §7), shaped after OGC API – Processes: regions and scenarios to
 * read, runs as jobs on the engine's worker pool, results as summary and layers, all errors as
 * `{ code, message, details }`. `build()` only wires the parts: one plugin per resource in
 * `routes/`, sharing the limits table (engine/core/limits.ts) and the error table (errors.ts).
 * It returns the app unstarted, so tests use `inject()`.
 */
export async function build(options: BuildOptions = {}): Promise<FastifyInstance> {
  // The engine's schemas carry `errorMessage` texts for its own loader; Fastify's validator only
  // needs to know the keyword. It must not coerce, strip or default anything: bodies reach the
  // engine's loader as sent, so the API accepts exactly what `renxing validate` accepts.
  const bodyLimit = options.bodyLimitBytes ?? LIMITS.scenarioFileBytes.value;
  const app = Fastify({
    logger: options.logger ?? false, bodyLimit, ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    ajv: { customOptions: { keywords: ['errorMessage'], coerceTypes: false, removeAdditional: false, useDefaults: false } },
  });
  const workers = options.workers ?? defaultWorkers();
  const heapMb = options.workerHeapMb ?? LIMITS.workerHeapMb.value;
  const remote = options.redis ? await RedisCoordinator.open({ target: options.redis.target, ...(options.redis.queue ? { queue: options.redis.queue } : {}) }) : undefined;
  const store = new RunStore(options.dbPath ?? 'renxing.db', { resumeUnfinished: remote !== undefined });
  const pool = createPool({ workers, heapMb, onError: (error) => app.log.error(error) });
  const roots = [BUNDLED_SCENARIOS_DIR, ...(options.dataRoots ?? [])];
  const regions = new RegionCache();
  const maxPending = options.maxPending ?? 20;
  // On Redis every accepted run queues its chunks at once (this process only merges); locally they take turns on the pool.
  const jobs = new JobRunner({
    store, pool, concurrency: options.concurrency ?? (remote ? maxPending : 1), roots, gridWorkers: workers, runTimeoutS: options.runTimeoutS ?? LIMITS.runTimeS.value, heapMb, regions,
    ...(remote ? { remote } : {}),
  });
  jobs.onError = (error) => app.log.error(error);
  app.addHook('onClose', async () => {
    // Runs on Redis are left there, to be taken up at the next start; local runs finish first.
    if (remote) await jobs.detach();
    else {
      jobs.stop();
      await jobs.idle();
    }
    await pool.destroy();
    await remote?.close();
    store.close();
  });
  for (const id of store.unfinished()) jobs.submit(id);

  handleErrors(app);
  // JSON bodies as Fastify parses them (prototype poisoning refused), then bounded like a scenario file: keys, nesting, no key twice.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    try {
      checkJsonText(body as string, 'request', SCENARIO_DATA_LIMITS);
    } catch (error) {
      done(error as RenxingError, undefined);
      return;
    }
    void parseJson(request, body as string, done);
  });

  const perMinute = options.rateLimitPerMinute ?? 1200;
  if (perMinute > 0) {
    await app.register(rateLimit, {
      max: perMinute,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) => new RenxingError('RX_ERR_BUSY', `more than ${context.max} requests a minute from this address; try again in ${context.after}`),
    });
  }
  await app.register(swagger, {
    openapi: { info: { title: 'Renxing API', version: ENGINE_VERSION, description: `Disaster-resilience scenarios: regions, scenarios, runs and their results.\n\n## Limits\n\n${limitsTable()}\n\n${rangeRules()}` } },
  });
  // Interactive docs at /docs; swagger-ui's assets ship inside the package, so it works offline.
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.addHook('onRequest', async (request) => {
    if (!options.token || request.method === 'GET' || request.method === 'HEAD') return;
    if (!tokenMatches(request.headers.authorization, options.token)) throw new RenxingError('RX_ERR_UNAUTHORIZED', 'this route needs the API token (Authorization: Bearer …)');
  });

  // The viewer (built by `npm run build` into dist/viz) at `/`: files only, registered one by one, so API routes and 404s are untouched.
  const vizDir = join(DIST_DIR, 'viz');
  if (existsSync(join(vizDir, 'index.html'))) await app.register(fastifyStatic, { root: vizDir, prefix: '/', wildcard: false });

  await app.register(healthRoutes, { jobs });
  await app.register(regionRoutes, { regions });
  await app.register(scenarioRoutes);
  await app.register(runRoutes, {
    store, jobs, roots, regions,
    maxPending,
    maxRealizations: options.maxRealizations ?? LIMITS.serverRealizations.value,
    maxRasterCells: options.maxRasterCells ?? LIMITS.serverRasterCells.value,
    maxCellFrames: (options.maxRasterCells ?? LIMITS.serverRasterCells.value) * (LIMITS.serverCellFrames.value / LIMITS.serverRasterCells.value),
    sseHeartbeatS: options.sseHeartbeatS ?? 15,
  });
  await app.register(whatIfRoutes, { store, roots, regions });

  for (const root of options.importRunsFrom ?? []) {
    await importCliRuns(store, root, (id) => findBundledScenario(id).then((f) => f as { id: string; title: string }, () => undefined));
  }
  return app;
}
