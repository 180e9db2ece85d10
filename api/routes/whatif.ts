import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { RenxingError } from '../../engine/core/errors.js';
import { BUNDLED_SCENARIOS_DIR } from '../../engine/core/paths.js';
import type { RegionCache } from '../../engine/region/region-cache.js';
import type { Summary } from '../../engine/run/summary.js';
import { whatIf } from '../../engine/run/what-if.js';
import { loadScenarioData } from '../../engine/scenario/load-scenario.js';
import { errorResponses, notFound, objectBody } from '../errors.js';
import type { RunStore } from '../run-store.js';

/** Most components or corridors one what-if request may cut or restore. */
const MAX_TARGETS = 10_000;

export const WHAT_IF_SCHEMAS = {
  whatIf: {
    body: Type.Object({
      runId: Type.String(),
      cut: Type.Optional(Type.Array(Type.String(), { maxItems: MAX_TARGETS })),
      restore: Type.Optional(Type.Array(Type.String(), { maxItems: MAX_TARGETS })),
      atH: Type.Optional(Type.Number({ minimum: 0, description: 'the hour of the run to cut at, at most its horizon: the run\'s hazards leave out what was out then (default its horizon)' })),
    }),
    response: { 200: Type.Object({}, { additionalProperties: true, description: 'lifeline, evacuation and mutual-aid consequences of the cuts' }), ...errorResponses(400, 401, 404) },
  },
} as const;

/** Runs whose loaded scenario and region the what-if route keeps. */
const WHAT_IF_CACHE = 4;

/**
 * `POST /whatif`: cut (or restore) lifeline components on a finished run's region and scenario
 * and get the lifeline consequences back at once, without re-running the hazards.
 */
export async function whatIfRoutes(app: FastifyInstance, options: { store: RunStore; roots: readonly string[]; regions: RegionCache }): Promise<void> {
  const { store } = options;
  const scenarios = new Map<string, Promise<{ loaded: Awaited<ReturnType<typeof loadScenarioData>>; summary: Summary | undefined }>>();

  app.post('/whatif', { schema: WHAT_IF_SCHEMAS.whatIf, attachValidation: true }, async (request) => {
    const body = objectBody(request.body);
    const issues = Object.keys(body).filter((k) => !['runId', 'cut', 'restore', 'atH'].includes(k)).map((k) => ({ file: 'request', path: k, message: 'unknown field (expected one of: runId, cut, restore, atH)' }));
    const list = (name: string): string[] => {
      const v = body[name] ?? [];
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
        issues.push({ file: 'request', path: name, message: 'must be a list of component ids or corridor:<id>' });
        return [];
      }
      if (v.length > MAX_TARGETS) {
        issues.push({ file: 'request', path: name, message: `must have at most ${MAX_TARGETS} item(s)` });
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
    const run = store.get(body['runId'] as string);
    if (!run) throw notFound(`no run '${String(body['runId'])}'`);
    if (run.status !== 'succeeded') throw notFound(`run '${run.id}' has not finished (status ${run.status})`);
    // The scenario, region and summary load once per run; what-if calls then cost one cascade and one flow per system.
    // A few runs are kept (a loaded region is megabytes), the most recently asked last; a failed load is not kept.
    let pending = scenarios.get(run.id);
    if (pending) scenarios.delete(run.id);
    else {
      const stored = store.scenarioOf(run.id);
      const summaryJson = store.summaryJson(run.id);
      pending = loadScenarioData(stored?.scenario, 'request', BUNDLED_SCENARIOS_DIR, stored?.options ?? {}, { roots: options.roots, regions: options.regions })
        .then((loaded) => ({ loaded, summary: summaryJson ? (JSON.parse(summaryJson) as Summary) : undefined }));
      pending.catch(() => scenarios.delete(run.id));
    }
    scenarios.set(run.id, pending);
    for (const oldest of scenarios.keys()) if (scenarios.size > WHAT_IF_CACHE) scenarios.delete(oldest);
    const { loaded, summary } = await pending;
    if (loaded.kind !== 'region') throw new RenxingError('RX_ERR_INVALID_INPUT', 'what-if works on region runs');
    const horizonH = loaded.scenario.options.horizonH;
    if (typeof atH === 'number' && atH > horizonH) throw new RenxingError('RX_ERR_INVALID_INPUT', 'invalid what-if request', [{ file: 'request', path: 'atH', message: `is ${atH} h, past the run's horizon of ${horizonH} h` }]);
    return whatIf(loaded, cut, restore, summary, atH as number | undefined);
  });
}
