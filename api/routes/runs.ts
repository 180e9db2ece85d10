import { extname } from 'node:path';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RenxingError } from '../../engine/core/errors.js';
import { BUNDLED_SCENARIOS_DIR } from '../../engine/core/paths.js';
import type { RegionCache } from '../../engine/region/region-cache.js';
import { findBundledScenario } from '../../engine/scenario/bundled-scenarios.js';
import { loadScenarioData, type LoadedDomainScenario } from '../../engine/scenario/load-scenario.js';
import { ScenarioFileSchema } from '../../engine/scenario/schema.js';
import { ErrorSchema, errorResponses, IdParams, notFound, objectBody, Open } from '../errors.js';
import type { JobRunner } from '../job-runner.js';
import { isCursor, type RunStore, type SummaryBytes } from '../run-store.js';

const RunStatus = Type.Union(['queued', 'running', 'succeeded', 'failed', 'interrupted', 'cancelled'].map((s) => Type.Literal(s)));

export const RunRecordSchema = Type.Object({
  id: Type.String(),
  scenarioId: Type.String(),
  title: Type.String(),
  status: RunStatus,
  progress: Type.Number({ minimum: 0, maximum: 1 }),
  createdAt: Type.String(),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([ErrorSchema, Type.Null()]),
});

/** Most runs one page of `GET /runs` holds (and its default). */
export const MAX_RUNS_PAGE = 1000;

export const RUN_SCHEMAS = {
  startRun: {
    body: Type.Object(
      {
        scenarioId: Type.Optional(Type.String({ description: 'a bundled scenario id' })),
        scenario: Type.Optional(ScenarioFileSchema),
        options: Type.Optional(Type.Object({ realizations: Type.Optional(Type.Integer({ minimum: 1 })), seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })) })),
      },
      { description: 'exactly one of scenarioId or scenario' },
    ),
    response: { 201: Type.Object({ id: Type.String(), status: RunStatus }), ...errorResponses(400, 401, 404, 413, 422, 429) },
  },
  runs: {
    querystring: Type.Object({
      // Query values are text, and the server's validator coerces nothing: the number is checked as digits.
      limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}$', description: `runs per page, 1 to ${MAX_RUNS_PAGE} (the default), oldest first; a \`Link: <…>; rel="next"\` header names the next page` })),
      after: Type.Optional(Type.String({ maxLength: 200, description: 'the cursor of the page before, from its Link header' })),
    }),
    response: { 200: Type.Array(RunRecordSchema), ...errorResponses(400) },
  },
  run: { params: IdParams, response: { 200: Type.Intersect([RunRecordSchema, Type.Object({ layers: Type.Array(Type.String()) })]), ...errorResponses(404) } },
  runScenario: { params: IdParams, response: { 200: Open({}, 'the scenario file the run ran (DESIGN §4), as it was sent'), ...errorResponses(404) } },
  summary: { params: IdParams, response: { 200: Open({}, 'summary.json (DESIGN §5), or a raster run’s grid summary: stored bytes with a SHA-256 ETag, gzip-encoded when the client accepts it'), ...errorResponses(404) } },
  runLayer: { params: Type.Object({ id: Type.String(), name: Type.String() }), response: { 200: Type.Any({ description: 'GeoJSON, JSON, GeoTIFF, Float32 or text, by the name’s extension' }), ...errorResponses(404) } },
  deleteRun: { params: IdParams, response: { 200: Type.Object({ id: Type.String(), status: Type.String() }), ...errorResponses(401, 404) } },
} as const;

export interface RunRoutesOptions {
  store: RunStore;
  jobs: JobRunner;
  /** Folders request scenarios may name packs and rasters in. */
  roots: readonly string[];
  regions: RegionCache;
  /** Most runs waiting or executing; beyond it POST /runs answers 429. */
  maxPending: number;
  maxRealizations: number;
  maxRasterCells: number;
  /** Most depth frames × cells of a raster run. */
  maxCellFrames: number;
  /** Seconds between heartbeat comments on an idle event stream. */
  sseHeartbeatS: number;
}

/** Content types of run layers by extension; anything else (the Float32 `.f32` frames) is octet-stream. */
const LAYER_TYPES: Record<string, string> = { '.json': 'application/json', '.geojson': 'application/geo+json', '.tif': 'image/tiff', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8' };

/** Summaries kept in memory as served: a finished run's summary never changes, so reads cost no query. */
const SUMMARY_CACHE = 32;

/** Whether the request's If-None-Match names one of `tags`. */
const holds = (request: FastifyRequest, ...tags: string[]): boolean => request.headers['if-none-match']?.split(',').some((tag) => tags.includes(tag.trim())) ?? false;

/** Whether the client takes gzip (an `Accept-Encoding` naming it without q=0). */
const takesGzip = (request: FastifyRequest): boolean => /(^|,)\s*(gzip|\*)\s*(;\s*q=(?!0(\.0*)?\s*(,|$))[\d.]+)?\s*(,|$)/i.test(String(request.headers['accept-encoding'] ?? ''));

/**
 * Runs as jobs (DESIGN §7): `POST /runs`, `GET /runs` (paginated), `GET /runs/{id}` and its
 * scenario, summary, layers and server-sent events, `DELETE /runs/{id}`.
 */
export async function runRoutes(app: FastifyInstance, options: RunRoutesOptions): Promise<void> {
  const { store, jobs } = options;
  const runOr404 = (id: string) => store.get(id) ?? (() => { throw notFound(`no run '${id}'`); })();
  const summaries = new Map<string, SummaryBytes>();
  const summaryOf = (id: string): SummaryBytes | undefined => {
    const hit = summaries.get(id);
    if (hit) return hit;
    const stored = store.summaryBytes(id);
    if (stored) {
      summaries.set(id, stored);
      for (const oldest of summaries.keys()) if (summaries.size > SUMMARY_CACHE) summaries.delete(oldest);
    }
    return stored;
  };

  app.post<{ Body: { scenarioId?: unknown; scenario?: unknown; options?: unknown } }>('/runs', { schema: RUN_SCHEMAS.startRun, attachValidation: true }, async (request, reply) => {
    const body = objectBody(request.body);
    const unknownFields = Object.keys(body).filter((k) => !['scenarioId', 'scenario', 'options'].includes(k));
    if (unknownFields.length > 0) throw new RenxingError('RX_ERR_INVALID_INPUT', `unknown field(s): ${unknownFields.join(', ')}`, unknownFields.map((k) => ({ file: 'request', path: k, message: 'unknown field (expected one of: scenarioId, scenario, options)' })));
    if ((body['scenarioId'] === undefined) === (body['scenario'] === undefined)) throw new RenxingError('RX_ERR_INVALID_INPUT', 'give exactly one of scenarioId or scenario', [{ file: 'request', path: '(root)', message: 'give exactly one of scenarioId or scenario' }]);
    const scenarioId = body['scenarioId'];
    if (scenarioId !== undefined && typeof scenarioId !== 'string') throw new RenxingError('RX_ERR_INVALID_INPUT', 'scenarioId must be a string', [{ file: 'request', path: 'scenarioId', message: 'must be a string' }]);
    // A full queue refuses before the region is loaded: that load is the costly part of a request.
    if (jobs.pending >= options.maxPending) throw new RenxingError('RX_ERR_BUSY', `${jobs.pending} runs are waiting or running (limit ${options.maxPending}); try again later`);
    const scenario = scenarioId !== undefined ? await findBundledScenario(scenarioId) : body['scenario'];
    const runOptions = parseRunOptions(body['options'], options.maxRealizations);
    const loaded = await loadScenarioData(scenario, 'request', BUNDLED_SCENARIOS_DIR, runOptions, { roots: options.roots, regions: options.regions });
    if (loaded.kind === 'domain') checkRaster(loaded, options);
    if (loaded.scenario.options.realizations > options.maxRealizations) throw new RenxingError('RX_ERR_TOO_LARGE', `${loaded.scenario.options.realizations} realizations is over this server's limit of ${options.maxRealizations}`);
    const run = store.create(loaded.scenario.file, runOptions);
    jobs.submit(run.id);
    return reply.code(201).header('Location', `/runs/${run.id}`).send({ id: run.id, status: run.status });
  });

  app.get<{ Querystring: { limit?: string; after?: string } }>('/runs', { schema: RUN_SCHEMAS.runs }, async (request, reply) => {
    const { after } = request.query;
    const limit = request.query.limit === undefined ? MAX_RUNS_PAGE : Number(request.query.limit);
    if (!(limit >= 1 && limit <= MAX_RUNS_PAGE)) throw new RenxingError('RX_ERR_INVALID_INPUT', `limit must be from 1 to ${MAX_RUNS_PAGE}`, [{ file: 'request', path: 'limit', message: `must be an integer from 1 to ${MAX_RUNS_PAGE}` }]);
    if (after !== undefined && !isCursor(after)) throw new RenxingError('RX_ERR_INVALID_INPUT', 'after must be a cursor from a Link header of GET /runs', [{ file: 'request', path: 'after', message: 'is not a cursor this server gave' }]);
    const page = store.list({ limit, ...(after !== undefined ? { after } : {}) });
    if (page.next) reply.header('Link', `</runs?limit=${limit}&after=${page.next}>; rel="next"`);
    return page.runs;
  });

  app.get<{ Params: { id: string } }>('/runs/:id', { schema: RUN_SCHEMAS.run }, async (request) => ({ ...runOr404(request.params.id), layers: store.layerNames(request.params.id) }));
  app.get<{ Params: { id: string } }>('/runs/:id/scenario', { schema: RUN_SCHEMAS.runScenario }, async (request) => store.scenarioOf(runOr404(request.params.id).id)?.scenario);

  // The summary as the bytes stored when the run finished (a gzip copy beside them), with their hash as ETag: a read is a lookup, no query once cached, no serialisation.
  app.get<{ Params: { id: string } }>('/runs/:id/summary', { schema: RUN_SCHEMAS.summary }, async (request, reply) => {
    const summary = summaryOf(request.params.id);
    if (!summary) {
      const run = runOr404(request.params.id);
      throw notFound(`run '${run.id}' has no summary (status ${run.status})`);
    }
    const etag = `"${summary.sha256}"`;
    const gzipTag = `"${summary.sha256}-gzip"`;
    reply.header('Vary', 'Accept-Encoding').header('Cache-Control', 'no-cache');
    if (holds(request, etag, gzipTag)) return reply.code(304).header('ETag', takesGzip(request) ? gzipTag : etag).send();
    reply.header('Content-Type', 'application/json; charset=utf-8');
    if (takesGzip(request)) return reply.header('Content-Encoding', 'gzip').header('ETag', gzipTag).send(summary.gzip);
    return reply.header('ETag', etag).send(summary.json);
  });

  app.get<{ Params: { id: string; name: string } }>('/runs/:id/layers/:name', { schema: RUN_SCHEMAS.runLayer }, async (request, reply) => {
    const run = runOr404(request.params.id);
    const layer = store.layer(run.id, request.params.name);
    if (!layer) throw notFound(`run '${run.id}' has no layer '${request.params.name}' (layers: ${store.layerNames(run.id).join(', ') || 'none yet'})`);
    const type = LAYER_TYPES[extname(request.params.name)] ?? 'application/octet-stream';
    const etag = `"${layer.sha256}"`;
    // A client holding this very layer (same content hash) gets a 304 and no body.
    if (holds(request, etag)) return reply.code(304).header('ETag', etag).send();
    return reply.header('Content-Type', type).header('ETag', etag).send(layer.content);
  });

  app.delete<{ Params: { id: string } }>('/runs/:id', { schema: RUN_SCHEMAS.deleteRun }, async (request) => {
    const outcome = store.remove(request.params.id);
    if (!outcome) throw notFound(`no run '${request.params.id}'`);
    if (outcome === 'cancelled') jobs.cancel(request.params.id);
    summaries.delete(request.params.id);
    jobs.notify(request.params.id); // an event stream on the run hears of it and closes
    return { id: request.params.id, status: outcome };
  });

  // Server-sent status events until the run ends; a comment line every sseHeartbeatS keeps an idle
  // stream open through proxies and lets either side notice a dead connection.
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
    const heartbeat = setInterval(() => reply.raw.write(`: heartbeat ${new Date().toISOString()}\n\n`), options.sseHeartbeatS * 1000);
    heartbeat.unref();
    const unsubscribe = jobs.onChange((id) => {
      if (id === run.id && emit()) {
        stop();
        reply.raw.end();
      }
    });
    const stop = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
    };
    request.raw.on('close', stop);
  });
}

/** A raster run's size against the server's limits: cells, and every depth frame stored (Float32, GeoTIFF and PNG) and held in memory while it is. */
function checkRaster(loaded: LoadedDomainScenario, options: Pick<RunRoutesOptions, 'maxRasterCells' | 'maxCellFrames'>): void {
  const cells = loaded.domain.model.nx * loaded.domain.model.ny;
  if (cells > options.maxRasterCells) {
    throw new RenxingError('RX_ERR_TOO_LARGE', `a ${loaded.domain.model.nx} × ${loaded.domain.model.ny} raster is over this server's limit of ${options.maxRasterCells.toLocaleString('en-US')} cells`);
  }
  if (loaded.domain.saveTimes.length * cells > options.maxCellFrames) {
    throw new RenxingError('RX_ERR_TOO_LARGE', `${loaded.domain.saveTimes.length} depth frames of ${cells.toLocaleString('en-US')} cells are over this server's limit of ${options.maxCellFrames.toLocaleString('en-US')} cell-frames: save less often (outputEveryH)`);
  }
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
