import { existsSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { ERROR_CODES, RenxingError, type ErrorCode } from '../engine/core/errors.js';
import { BUNDLED_REGIONS_DIR, BUNDLED_SCENARIOS_DIR, DIST_DIR } from '../engine/core/paths.js';
import { ENGINE_VERSION } from '../engine/core/version.js';
import { readDataFile } from '../engine/io/read-data-file.js';
import { RedisCoordinator } from '../engine/distributed/coordinator.js';
import type { RedisTarget } from '../engine/distributed/redis.js';
import { createPool, defaultWorkers } from '../engine/parallel/pool.js';
import { listBundledRegions, loadRegion } from '../engine/region/load-region.js';
import type { Region } from '../engine/region/region.js';
import { tessellateSeats } from '../engine/region/tessellate.js';
import { whatIf } from '../engine/run/what-if.js';
import type { Summary } from '../engine/run/summary.js';
import { loadScenarioData } from '../engine/scenario/load-scenario.js';
import { importCliRuns } from './import-cli-runs.js';
import { JobRunner } from './job-runner.js';
import { ROUTE_SCHEMAS } from './route-schemas.js';
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
  maxRealizations?: number;
  bodyLimitBytes?: number;
  logger?: boolean;
  /** Folders besides the bundled scenarios that request scenarios may name packs or rasters in. */
  dataRoots?: string[];
  /** Largest raster domain a run may have (cells; default 4 million). */
  maxRasterCells?: number;
  /** Output roots of the command line (`renxing run`'s `out/`): the finished runs in them are listed with the API's own. */
  importRunsFrom?: string[];
  /**
   * Region runs' realizations go to `renxing worker` processes through this Redis (BullMQ queue
   * `queue`, default renxing); every accepted run queues its chunks at once, and runs cut short by
   * a restart are taken up again (what the workers finished meanwhile is kept).
   */
  redis?: { target: RedisTarget; queue?: string };
}

const send = (reply: FastifyReply, code: ErrorCode, message: string, details: unknown[] = []): FastifyReply =>
  reply.code(ERROR_CODES[code].status).send({ code, message, details });

/** Content types of run layers by extension; anything else (the Float32 `.f32` frames) is octet-stream. */
const LAYER_TYPES: Record<string, string> = { '.json': 'application/json', '.geojson': 'application/geo+json', '.tif': 'image/tiff', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8' };

const notFound = (what: string): RenxingError => new RenxingError('RX_ERR_NOT_FOUND', what);

/** A raster run may store this many depth frames of the largest raster the server takes (more of smaller ones). */
const MAX_FULL_SIZE_FRAMES = 50;

/** Runs whose loaded scenario and region the what-if route keeps. */
const WHAT_IF_CACHE = 4;

/** A request body as a JSON object; anything else (text, an array, a number) is a clear 400. */
function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new RenxingError('RX_ERR_INVALID_INPUT', 'the request body must be a JSON object', [{ file: 'request', path: '(root)', message: `must be a JSON object, got ${Array.isArray(body) ? 'an array' : typeof body}` }]);
  return body as Record<string, unknown>;
}

/**
 * The Renxing HTTP API (DESIGN §7), shaped after OGC API – Processes: regions and scenarios to
 * read, runs as jobs on the engine's worker pool, results as summary and layers, all errors as
 * `{ code, message, details }`. `build()` returns the app unstarted, so tests use `inject()`.
 */
export async function build(options: BuildOptions = {}): Promise<FastifyInstance> {
  // The engine's schemas carry `errorMessage` texts for its own loader; Fastify's validator only
  // needs to know the keyword. It must not coerce, strip or default anything: bodies reach the
  // engine's loader as sent, so the API accepts exactly what `renxing validate` accepts.
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: options.bodyLimitBytes ?? 1_000_000, ajv: { customOptions: { keywords: ['errorMessage'], coerceTypes: false, removeAdditional: false, useDefaults: false } } });
  const remote = options.redis ? await RedisCoordinator.open({ target: options.redis.target, ...(options.redis.queue ? { queue: options.redis.queue } : {}) }) : undefined;
  const store = new RunStore(options.dbPath ?? 'renxing.db', { resumeUnfinished: remote !== undefined });
  const pool = createPool({ workers: options.workers ?? defaultWorkers() });
  const roots = [BUNDLED_SCENARIOS_DIR, ...(options.dataRoots ?? [])];
  const maxPending = options.maxPending ?? 20;
  // On Redis every accepted run queues its chunks at once (this process only merges); locally they take turns on the pool.
  const jobs = new JobRunner(store, pool, options.concurrency ?? (remote ? maxPending : 1), roots, options.workers ?? defaultWorkers(), remote);
  const maxRasterCells = options.maxRasterCells ?? 4_000_000;
  const maxRealizations = options.maxRealizations ?? 10_000;
  const regions = new Map<string, Promise<Region>>();
  const whatIfScenarios = new Map<string, ReturnType<typeof loadScenarioData>>();
  const region = (id: string): Promise<Region> => {
    if (!listBundledRegions().includes(id)) return Promise.reject(notFound(`no region '${id}'`));
    if (!regions.has(id)) regions.set(id, loadRegion(join(BUNDLED_REGIONS_DIR, id)));
    return regions.get(id) as Promise<Region>;
  };

  const perMinute = options.rateLimitPerMinute ?? 1200;
  if (perMinute > 0) {
    await app.register(rateLimit, {
      max: perMinute,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) => new RenxingError('RX_ERR_BUSY', `more than ${context.max} requests a minute from this address; try again in ${context.after}`),
    });
  }
  await app.register(swagger, { openapi: { info: { title: 'Renxing API', version: ENGINE_VERSION, description: 'Disaster-resilience scenarios: regions, scenarios, runs and their results.' } } });
  // Interactive docs at /docs; swagger-ui's assets ship inside the package, so it works offline.
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.setErrorHandler((error: FastifyError | RenxingError, _request, reply) => {
    if (error instanceof RenxingError) return send(reply, error.code, error.message, [...error.issues]);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, 'RX_ERR_TOO_LARGE', error.message);
    if (error.statusCode !== undefined && error.statusCode < 500) return send(reply, 'RX_ERR_BAD_REQUEST', error.message);
    app.log.error(error);
    return send(reply, 'RX_ERR_INTERNAL', 'internal error');
  });
  app.setNotFoundHandler((request, reply) => send(reply, 'RX_ERR_NOT_FOUND', `no route ${request.method} ${request.url}`));
  app.addHook('onRequest', async (request) => {
    if (!options.token || request.method === 'GET' || request.method === 'HEAD') return;
    if (request.headers.authorization !== `Bearer ${options.token}`) throw new RenxingError('RX_ERR_UNAUTHORIZED', 'this route needs the API token (Authorization: Bearer …)');
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

  // The viewer (built by `npm run build` into dist/viz) at `/`: files only, registered one by one, so API routes and 404s are untouched.
  const vizDir = join(DIST_DIR, 'viz');
  if (existsSync(join(vizDir, 'index.html'))) await app.register(fastifyStatic, { root: vizDir, prefix: '/', wildcard: false });

  app.get('/health', { schema: ROUTE_SCHEMAS.health }, async () => ({ status: 'ok', version: ENGINE_VERSION, pendingRuns: jobs.pending }));
  app.get('/openapi.json', async () => app.swagger());

  app.get('/regions', { schema: ROUTE_SCHEMAS.regions }, async () => Promise.all(listBundledRegions().map(async (id) => {
    const r = await region(id);
    return { id, name: r.name, zones: r.zones.count, circles: r.circles.length };
  })));

  app.get<{ Params: { id: string } }>('/regions/:id', { schema: ROUTE_SCHEMAS.region }, async (request) => {
    const r = await region(request.params.id);
    const ids = (members: Int32Array): string[] => Array.from(members, (z) => r.zones.ids[z] as string);
    return {
      id: r.id, name: r.name, ...(r.nameZh ? { nameZh: r.nameZh } : {}),
      circles: r.circles.map((c) => ({ id: c.id, name: c.name, kind: c.kind, ring: c.ring, members: ids(c.members), partialMembers: ids(c.partialMembers) })),
      groups: r.groups.map((g) => ({ id: g.id, name: g.name, kind: g.kind, members: ids(g.members), partialMembers: ids(g.partialMembers) })),
      layers: ['zones', ...(r.zoneGeometry === 'seat' ? ['zone-cells'] : []), ...(r.outline ? ['outline'] : []), 'rivers', 'lifelines', 'shelters'],
    };
  });

  app.get<{ Params: { id: string; name: string } }>('/regions/:id/layers/:name', { schema: ROUTE_SCHEMAS.regionLayer }, async (request) => {
    const r = await region(request.params.id);
    switch (request.params.name) {
      case 'zones':
        return { type: 'FeatureCollection', features: r.zones.properties.map((p, z) => ({ type: 'Feature', geometry: r.zones.geometry[z], properties: p })) };
      case 'zone-cells':
        return tessellateSeats(r.zones, r.outline);
      case 'outline':
        if (!r.outline) throw notFound(`region '${r.id}' has no outline`);
        return r.outline;
      case 'rivers':
      case 'lifelines':
      case 'shelters':
        return r.layers[request.params.name];
      default:
        throw notFound(`region '${r.id}' has no layer '${request.params.name}'`);
    }
  });

  const bundledScenarios = (): string[] => readdirSync(BUNDLED_SCENARIOS_DIR).filter((f) => ['.yaml', '.yml', '.json'].includes(extname(f)));
  const scenarioFile = async (id: string): Promise<{ id?: string; title?: string; region?: string }> => {
    for (const f of bundledScenarios()) {
      const data = (await readDataFile(join(BUNDLED_SCENARIOS_DIR, f))) as { id?: string };
      if (data.id === id) return data;
    }
    throw notFound(`no bundled scenario '${id}'`);
  };
  app.get('/scenarios', { schema: ROUTE_SCHEMAS.scenarios }, async () => Promise.all(bundledScenarios().map(async (f) => {
    const data = (await readDataFile(join(BUNDLED_SCENARIOS_DIR, f))) as { id?: string; title?: string; titleZh?: string; region?: string };
    return { id: data.id, title: data.title, ...(data.titleZh ? { titleZh: data.titleZh } : {}), region: data.region };
  })));
  app.get<{ Params: { id: string } }>('/scenarios/:id', { schema: ROUTE_SCHEMAS.scenario }, async (request) => scenarioFile(request.params.id));
  for (const root of options.importRunsFrom ?? []) {
    await importCliRuns(store, root, (id) => scenarioFile(id).then((f) => f as { id: string; title: string }, () => undefined));
  }

  app.post<{ Body: { scenarioId?: unknown; scenario?: unknown; options?: unknown } }>('/runs', { schema: ROUTE_SCHEMAS.startRun, attachValidation: true }, async (request, reply) => {
    const body = objectBody(request.body);
    const unknownFields = Object.keys(body).filter((k) => !['scenarioId', 'scenario', 'options'].includes(k));
    if (unknownFields.length > 0) throw new RenxingError('RX_ERR_INVALID_INPUT', `unknown field(s): ${unknownFields.join(', ')}`, unknownFields.map((k) => ({ file: 'request', path: k, message: 'unknown field (expected one of: scenarioId, scenario, options)' })));
    if ((body['scenarioId'] === undefined) === (body['scenario'] === undefined)) throw new RenxingError('RX_ERR_INVALID_INPUT', 'give exactly one of scenarioId or scenario', [{ file: 'request', path: '(root)', message: 'give exactly one of scenarioId or scenario' }]);
    const scenarioId = body['scenarioId'];
    if (scenarioId !== undefined && typeof scenarioId !== 'string') throw new RenxingError('RX_ERR_INVALID_INPUT', 'scenarioId must be a string', [{ file: 'request', path: 'scenarioId', message: 'must be a string' }]);
    // A full queue refuses before the region is loaded: that load is the costly part of a request.
    if (jobs.pending >= maxPending) throw new RenxingError('RX_ERR_BUSY', `${jobs.pending} runs are waiting or running (limit ${maxPending}); try again later`);
    const scenario = scenarioId !== undefined ? await scenarioFile(scenarioId) : body['scenario'];
    const runOptions = parseRunOptions(body['options'], maxRealizations);
    const loaded = await loadScenarioData(scenario, 'request', BUNDLED_SCENARIOS_DIR, runOptions, { roots });
    if (loaded.kind === 'domain' && loaded.domain.model.nx * loaded.domain.model.ny > maxRasterCells) {
      throw new RenxingError('RX_ERR_TOO_LARGE', `a ${loaded.domain.model.nx} × ${loaded.domain.model.ny} raster is over this server's limit of ${maxRasterCells.toLocaleString('en-US')} cells`);
    }
    // Every depth frame is stored (Float32, GeoTIFF and PNG) and held in memory while it is: bound the frames by cells.
    if (loaded.kind === 'domain' && loaded.domain.saveTimes.length * loaded.domain.model.nx * loaded.domain.model.ny > maxRasterCells * MAX_FULL_SIZE_FRAMES) {
      throw new RenxingError('RX_ERR_TOO_LARGE', `${loaded.domain.saveTimes.length} depth frames of ${(loaded.domain.model.nx * loaded.domain.model.ny).toLocaleString('en-US')} cells are over this server's limit of ${(maxRasterCells * MAX_FULL_SIZE_FRAMES).toLocaleString('en-US')} cell-frames: save less often (outputEveryH)`);
    }
    if (loaded.scenario.options.realizations > maxRealizations) throw new RenxingError('RX_ERR_TOO_LARGE', `${loaded.scenario.options.realizations} realizations is over this server's limit of ${maxRealizations}`);
    const run = store.create(loaded.scenario.file, runOptions);
    jobs.submit(run.id);
    return reply.code(201).header('Location', `/runs/${run.id}`).send({ id: run.id, status: run.status });
  });

  const runOr404 = (id: string) => store.get(id) ?? (() => { throw notFound(`no run '${id}'`); })();
  app.get('/runs', { schema: ROUTE_SCHEMAS.runs }, async () => store.list());
  app.get<{ Params: { id: string } }>('/runs/:id', { schema: ROUTE_SCHEMAS.run }, async (request) => ({ ...runOr404(request.params.id), layers: store.layerNames(request.params.id) }));
  app.get<{ Params: { id: string } }>('/runs/:id/scenario', { schema: ROUTE_SCHEMAS.runScenario }, async (request) => store.scenarioOf(runOr404(request.params.id).id)?.scenario);
  app.get<{ Params: { id: string } }>('/runs/:id/summary', { schema: ROUTE_SCHEMAS.summary }, async (request, reply) => {
    const run = runOr404(request.params.id);
    const summary = store.summaryJson(run.id);
    if (summary === undefined) throw notFound(`run '${run.id}' has no summary (status ${run.status})`);
    return reply.header('Content-Type', 'application/json; charset=utf-8').send(summary);
  });
  app.get<{ Params: { id: string; name: string } }>('/runs/:id/layers/:name', { schema: ROUTE_SCHEMAS.runLayer }, async (request, reply) => {
    const run = runOr404(request.params.id);
    const layer = store.layer(run.id, request.params.name);
    if (!layer) throw notFound(`run '${run.id}' has no layer '${request.params.name}' (layers: ${store.layerNames(run.id).join(', ') || 'none yet'})`);
    const type = LAYER_TYPES[extname(request.params.name)] ?? 'application/octet-stream';
    const etag = `"${layer.sha256}"`;
    // A client holding this very layer (same content hash) gets a 304 and no body.
    if (request.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag)) return reply.code(304).header('ETag', etag).send();
    return reply.header('Content-Type', type).header('ETag', etag).send(layer.content);
  });
  app.delete<{ Params: { id: string } }>('/runs/:id', { schema: ROUTE_SCHEMAS.deleteRun }, async (request) => {
    const outcome = store.remove(request.params.id);
    if (!outcome) throw notFound(`no run '${request.params.id}'`);
    if (outcome === 'cancelled') jobs.cancel(request.params.id);
    whatIfScenarios.delete(request.params.id);
    jobs.notify(request.params.id); // an event stream on the run hears of it and closes
    return { id: request.params.id, status: outcome };
  });

  // What-if: cut (or restore) lifeline components on a finished run's region and scenario and
  // get the lifeline consequences back at once, without re-running the hazards.
  app.post('/whatif', { schema: ROUTE_SCHEMAS.whatIf, attachValidation: true }, async (request) => {
    const body = objectBody(request.body);
    const issues = Object.keys(body).filter((k) => !['runId', 'cut', 'restore', 'atH'].includes(k)).map((k) => ({ file: 'request', path: k, message: 'unknown field (expected one of: runId, cut, restore, atH)' }));
    const list = (name: string): string[] => {
      const v = body[name] ?? [];
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
        issues.push({ file: 'request', path: name, message: 'must be a list of component ids or corridor:<id>' });
        return [];
      }
      return v as string[];
    };
    const cut = list('cut');
    const restore = list('restore');
    if (typeof body['runId'] !== 'string') issues.push({ file: 'request', path: 'runId', message: 'is required (the id of a finished run)' });
    const atH = body['atH'];
    if (atH !== undefined && !(typeof atH === 'number' && Number.isFinite(atH) && atH >= 0)) issues.push({ file: 'request', path: 'atH', message: 'must be an hour ≥ 0 of the run (default its horizon)' });
    if (issues.length > 0) throw new RenxingError('RX_ERR_INVALID_INPUT', 'invalid what-if request', issues);
    const run = runOr404(body['runId'] as string);
    if (run.status !== 'succeeded') throw notFound(`run '${run.id}' has not finished (status ${run.status})`);
    // The scenario and region load once per run; what-if calls then cost one cascade and one flow per system.
    // A few runs are kept (a loaded region is megabytes), the most recently asked last; a failed load is not kept.
    let pending = whatIfScenarios.get(run.id);
    if (pending) whatIfScenarios.delete(run.id);
    else {
      const stored = store.scenarioOf(run.id);
      pending = loadScenarioData(stored?.scenario, 'request', BUNDLED_SCENARIOS_DIR, stored?.options ?? {}, { roots });
      pending.catch(() => whatIfScenarios.delete(run.id));
    }
    whatIfScenarios.set(run.id, pending);
    for (const oldest of whatIfScenarios.keys()) if (whatIfScenarios.size > WHAT_IF_CACHE) whatIfScenarios.delete(oldest);
    const loaded = await pending;
    if (loaded.kind !== 'region') throw new RenxingError('RX_ERR_INVALID_INPUT', 'what-if works on region runs');
    const summaryJson = store.summaryJson(run.id);
    return whatIf(loaded, cut, restore, summaryJson ? (JSON.parse(summaryJson) as Summary) : undefined, atH as number | undefined);
  });

  app.get<{ Params: { id: string } }>('/runs/:id/events', (request, reply) => {
    const run = runOr404(request.params.id);
    reply.hijack(); // the stream is written on the raw response; fastify must not send its own
    reply.raw.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    const emit = (): boolean => {
      const now = store.get(run.id);
      if (!now) return true;
      reply.raw.write(`event: status\ndata: ${JSON.stringify(now)}\n\n`);
      return !['queued', 'running'].includes(now.status);
    };
    if (emit()) {
      reply.raw.end();
      return;
    }
    const stop = jobs.onChange((id) => {
      if (id === run.id && emit()) {
        stop();
        reply.raw.end();
      }
    });
    request.raw.on('close', stop);
  });

  return app;
}

function parseRunOptions(raw: unknown, maxRealizations: number): { realizations?: number; seed?: number } {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new RenxingError('RX_ERR_INVALID_INPUT', 'options must be an object', [{ file: 'request', path: 'options', message: 'must be an object' }]);
  const o = raw as Record<string, unknown>;
  const issues = Object.entries(o).flatMap(([k, v]) => {
    if (k === 'realizations') return Number.isInteger(v) && (v as number) >= 1 && (v as number) <= maxRealizations ? [] : [{ file: 'request', path: 'options.realizations', message: `must be an integer from 1 to ${maxRealizations}` }];
    if (k === 'seed') return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffffffff ? [] : [{ file: 'request', path: 'options.seed', message: 'must be an integer from 0 to 4294967295' }];
    return [{ file: 'request', path: `options.${k}`, message: 'unknown field (expected one of: realizations, seed)' }];
  });
  if (issues.length > 0) throw new RenxingError('RX_ERR_INVALID_INPUT', 'invalid run options', issues);
  return { ...(o['realizations'] !== undefined ? { realizations: o['realizations'] as number } : {}), ...(o['seed'] !== undefined ? { seed: o['seed'] as number } : {}) };
}
