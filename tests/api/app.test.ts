import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../api/app.js';
import { RunStore } from '../../api/run-store.js';
import { BUNDLED_SCENARIOS_DIR } from '../../engine/core/paths.js';
import { createPool } from '../../engine/parallel/pool.js';
import { runScenario } from '../../engine/run/run-scenario.js';
import { loadScenario } from '../../engine/scenario/load-scenario.js';
import { packWithLifelines } from '../fixtures/lifeline-pack.js';
import { withTempDir, writePack } from '../fixtures/mini-pack.js';

async function finished(app: FastifyInstance, id: string): Promise<{ status: string }> {
  for (let k = 0; k < 600; k++) {
    const run = (await app.inject({ url: `/runs/${id}` })).json<{ status: string }>();
    if (!['queued', 'running'].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`run ${id} did not finish`);
}

describe('the HTTP API', () => {
  let app: FastifyInstance;
  beforeAll(async () => { app = await build({ dbPath: ':memory:', workers: 1 }); });
  afterAll(async () => { await app.close(); });

  it('answers health and the OpenAPI document', async () => {
    expect((await app.inject({ url: '/health' })).json()).toMatchObject({ status: 'ok' });
    const doc = (await app.inject({ url: '/openapi.json' })).json<{ openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>> }>();
    expect(doc.openapi).toMatch(/^3\./);
    // A response schema per status code, and the request bodies documented with the engine's scenario schema.
    expect(Object.keys(doc.paths['/runs']?.['post']?.responses ?? {}).sort()).toEqual(['201', '400', '401', '404', '413', '422', '429']);
    expect(Object.keys(doc.paths['/runs/{id}']?.['get']?.responses ?? {}).sort()).toEqual(['200', '404']);
    expect(JSON.stringify(doc.paths['/runs']?.['post']?.requestBody)).toContain('antecedentMoisture');
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (['/openapi.json', '/runs/{id}/events'].includes(path) || path.startsWith('/docs')) continue;
      for (const operation of Object.values(methods)) expect(Object.keys(operation.responses).length, path).toBeGreaterThan(0);
    }
    const docs = await app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger-ui/i);
  });

  it('serves regions, their layers and bundled scenarios', async () => {
    expect((await app.inject({ url: '/regions' })).json()).toEqual([{ id: 'capital', name: expect.any(String) as unknown, zones: 199, circles: 9 }]);
    const capital = (await app.inject({ url: '/regions/capital' })).json<{ circles: { id: string; members: string[] }[] }>();
    expect(capital.circles.find((c) => c.id === 'core')?.members).toEqual(['110101', '110102']);
    expect((await app.inject({ url: '/regions/capital/layers/zones' })).json<{ features: unknown[] }>().features).toHaveLength(199);
    const scenarios = (await app.inject({ url: '/scenarios' })).json<{ id: string }[]>().map((s) => s.id);
    expect(scenarios).toEqual(expect.arrayContaining(['baseline', 'tangshan-1976']));
  });

  it('answers unknown things and path tricks with 404 and a coded error', async () => {
    for (const url of ['/regions/atlantis', '/regions/..%2F..%2Fetc/layers/zones', '/regions/capital/layers/..%2Fregion.yaml', '/scenarios/nope', '/runs/nope', '/nowhere']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toMatchObject({ code: 'RX_ERR_NOT_FOUND', details: [] });
    }
  });

  it('runs a bundled scenario as a job and gives the same summary as the engine', async () => {
    const created = await app.inject({ method: 'POST', url: '/runs', payload: { scenarioId: 'tangshan-1976', options: { realizations: 8, seed: 5 } } });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    expect(created.headers['location']).toBe(`/runs/${id}`);
    expect(await finished(app, id)).toMatchObject({ status: 'succeeded' });
    const summary = (await app.inject({ url: `/runs/${id}/summary` })).json<Record<string, unknown>>();
    const pool = createPool({ workers: 1 });
    const direct = await runScenario(await loadScenario(join(BUNDLED_SCENARIOS_DIR, 'tangshan-1976.yaml'), { realizations: 8, seed: 5 }), { pool });
    await pool.destroy();
    expect({ ...summary, elapsedS: 0 }).toEqual(JSON.parse(JSON.stringify({ ...direct, elapsedS: 0 })));
    const zones = await app.inject({ url: `/runs/${id}/layers/zones.geojson` });
    expect(zones.headers['content-type']).toMatch(/geo\+json/);
    const again = await app.inject({ url: `/runs/${id}/layers/zones.geojson`, headers: { 'if-none-match': String(zones.headers['etag']) } });
    expect([again.statusCode, again.body]).toEqual([304, '']);
    const events = await app.inject({ url: `/runs/${id}/events` });
    expect(events.body).toMatch(/^event: status\ndata: .*"status":"succeeded"/);
    expect((await app.inject({ method: 'DELETE', url: `/runs/${id}` })).json()).toEqual({ id, status: 'removed' });
    expect((await app.inject({ url: `/runs/${id}` })).statusCode).toBe(404);
  });

  it('stops a cancelled run: the next run does not wait for it', async () => {
    // 10,000 realizations would hold the single run slot for many minutes on this machine.
    const big = (await app.inject({ method: 'POST', url: '/runs', payload: { scenarioId: 'tangshan-1976', options: { realizations: 10_000 } } })).json<{ id: string }>();
    for (let k = 0; k < 400 && (await app.inject({ url: `/runs/${big.id}` })).json<{ status: string }>().status !== 'running'; k++) await new Promise((r) => setTimeout(r, 25));
    expect((await app.inject({ method: 'DELETE', url: `/runs/${big.id}` })).json()).toEqual({ id: big.id, status: 'cancelled' });
    const small = (await app.inject({ method: 'POST', url: '/runs', payload: { scenarioId: 'baseline' } })).json<{ id: string }>();
    expect(await finished(app, small.id)).toMatchObject({ status: 'succeeded' });
    expect((await app.inject({ url: `/runs/${big.id}` })).json()).toMatchObject({ status: 'cancelled' });
    expect((await app.inject({ url: '/health' })).json()).toMatchObject({ pendingRuns: 0 });
  });

  it('takes many simultaneous submissions and reads without losing or duplicating a run', async () => {
    const before = (await app.inject({ url: '/runs' })).json<{ id: string }[]>().length;
    const submissions = Array.from({ length: 12 }, () => app.inject({ method: 'POST', url: '/runs', payload: { scenarioId: 'baseline' } }));
    const reads = Array.from({ length: 12 }, () => app.inject({ url: '/runs' }));
    const [created, listed] = await Promise.all([Promise.all(submissions), Promise.all(reads)]);
    expect(listed.every((r) => r.statusCode === 200)).toBe(true);
    expect(created.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const ids = created.map((r) => r.json<{ id: string }>().id);
    expect(new Set(ids).size).toBe(12);
    for (const id of ids) expect(await finished(app, id)).toMatchObject({ status: 'succeeded' });
    const all = (await app.inject({ url: '/runs' })).json<{ id: string }[]>();
    expect(all).toHaveLength(before + 12);
    for (const id of ids) expect(all.filter((r) => r.id === id)).toHaveLength(1);
  });

  it('refuses bad requests with the right status and details', async () => {
    const post = (payload: string, type = 'application/json') => app.inject({ method: 'POST', url: '/runs', payload, headers: { 'content-type': type } });
    expect((await post('{"scenarioId": ')).json()).toMatchObject({ code: 'RX_ERR_BAD_REQUEST' });
    expect((await post('{"scenarioId": "baseline", "colour": 1}')).json()).toMatchObject({ code: 'RX_ERR_INVALID_INPUT', details: [{ path: 'colour' }] });
    expect((await post('{"scenarioId": "baseline", "scenario": {}}')).statusCode).toBe(400);
    expect((await post('{"scenarioId": "baseline", "options": {"realizations": 0}}')).json()).toMatchObject({ details: [{ path: 'options.realizations' }] });
    const quake = { schemaVersion: 1, id: 'x', title: 'X', region: 'capital', hazards: [{ type: 'earthquake', epicenter: [118, 39.6], magnitude: 12, depthKm: 10 }] };
    const bad = await post(JSON.stringify({ scenario: quake }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'RX_ERR_INVALID_INPUT', details: [{ file: 'request', path: 'hazards[0].magnitude', message: 'must be ≤ 9.5' }] });
    expect((await post(JSON.stringify({ scenario: { ...quake, padding: 'x'.repeat(2_000_000) } }))).statusCode).toBe(413);
    // What `renxing validate` refuses, the API refuses: nothing is coerced, stripped or defaulted on the way in.
    const asText = await post(JSON.stringify({ scenario: { ...quake, hazards: [{ ...quake.hazards[0], magnitude: '6' }] } }));
    expect(asText.json()).toMatchObject({ code: 'RX_ERR_INVALID_INPUT', details: [{ path: 'hazards[0].magnitude' }] });
    const extra = await post(JSON.stringify({ scenario: { ...quake, hazards: [{ ...quake.hazards[0], magnitude: 6 }], extra: 1 } }));
    expect(extra.json()).toMatchObject({ code: 'RX_ERR_INVALID_INPUT', details: [{ path: 'extra' }] });
    expect((await post('{"scenarioId": 123}')).json()).toMatchObject({ code: 'RX_ERR_INVALID_INPUT', details: [{ path: 'scenarioId' }] });
    expect((await post('[1, 2]')).json()).toMatchObject({ code: 'RX_ERR_INVALID_INPUT', message: 'the request body must be a JSON object' });
    const deep = await post(`{"scenario": {"schemaVersion": 1, "id": "x", "title": "X", "region": "capital", "hazards": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}`);
    expect(deep.statusCode).toBe(400);
  });
});

describe('what-if on a finished run', () => {
  it('cuts and restores lifeline components and answers with the consequences', async () => {
    await withTempDir(async (dir) => {
      const packDir = await writePack(dir, packWithLifelines());
      // A pack outside the bundled scenarios is refused unless the server allows its folder.
      const strict = await build({ dbPath: ':memory:', workers: 1 });
      const refused = await strict.inject({ method: 'POST', url: '/runs', payload: { scenario: { schemaVersion: 1, id: 'cut', title: 'Cut', region: packDir, hazards: [], options: { horizonH: 12 } } } });
      expect(refused.statusCode).toBe(400);
      const details = (response: { json: <T>() => T }): { path: string; message: string }[] => response.json<{ details: { path: string; message: string }[] }>().details;
      expect(details(refused).find((d) => d.path === 'region')?.message).toMatch(/must be a bundled pack \(capital\) or a pack folder this server allows$/);
      const traversal = await strict.inject({ method: 'POST', url: '/runs', payload: { scenario: { schemaVersion: 1, id: 'g', title: 'G', domain: { dem: '../../../../etc/passwd', manning: 0.03, durationH: 1 }, hazards: [] } } });
      expect(traversal.statusCode).toBe(400);
      expect(details(traversal).find((d) => d.path === 'domain.dem')?.message).toBe("'../../../../etc/passwd' must be a file inside the bundled scenarios or a folder this server allows");
      await strict.close();
      const app = await build({ dbPath: ':memory:', workers: 1, dataRoots: [dir] });
      try {
        const scenario = { schemaVersion: 1, id: 'cut', title: 'Cut', region: packDir, hazards: [{ type: 'outage', targets: ['corridor:north'] }], options: { horizonH: 12 } };
        const { id } = (await app.inject({ method: 'POST', url: '/runs', payload: { scenario } })).json<{ id: string }>();
        expect(await finished(app, id)).toMatchObject({ status: 'succeeded' });
        const whatif = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/whatif', payload });
        expect((await whatif({ runId: id, cut: ['W-WD'] })).json()).toMatchObject({ unservedPopulation: { power: 1000, water: 5000 } });
        // Issue 23, defect 2: each failed component says why, so the viewer draws cuts red and knock-ons pink.
        const causes = (await whatif({ runId: id, cut: ['S'] })).json<{ failedComponents: { id: string; cause: string }[] }>().failedComponents;
        expect(Object.fromEntries(causes.map((f) => [f.id, f.cause]))).toEqual({ 'P1-S': 'outage', S: 'outage', W: 'lost S' });
        expect((await whatif({ runId: id, restore: ['corridor:north'] })).json()).toMatchObject({ unservedPopulation: { power: 0, water: 0 }, zones: [] });
        const bad = await whatif({ runId: id, cut: ['nowhere'] });
        expect(bad.statusCode).toBe(400);
        expect(bad.json()).toMatchObject({ details: [{ path: 'cut[0]', message: "unknown component or corridor 'nowhere' in region 'mini'" }] });
        expect((await whatif({ runId: 'nope' })).statusCode).toBe(404);
        expect((await whatif({ cut: 'W-WD' })).json()).toMatchObject({ code: 'RX_ERR_INVALID_INPUT' });
      } finally {
        await app.close();
      }
    });
  });
});

describe('a real listening server', () => {
  it('answers over loopback HTTP', async () => {
    const app = await build({ dbPath: ':memory:', workers: 1 });
    try {
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const response = await fetch(`${address}/regions`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { id: string }[])[0]?.id).toBe('capital');
    } finally {
      await app.close();
    }
  });
});

describe('API safety and persistence', () => {
  it('limits requests per address', async () => {
    const app = await build({ dbPath: ':memory:', workers: 1, rateLimitPerMinute: 3 });
    try {
      const codes: number[] = [];
      for (let k = 0; k < 5; k++) codes.push((await app.inject({ url: '/health' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      expect((await app.inject({ url: '/health' })).json()).toMatchObject({ code: 'RX_ERR_BUSY' });
    } finally {
      await app.close();
    }
  });

  it('needs the token for writes when one is set', async () => {
    const app = await build({ dbPath: ':memory:', workers: 1, token: 'secret' });
    try {
      expect((await app.inject({ method: 'POST', url: '/runs', payload: { scenarioId: 'baseline' } })).json()).toMatchObject({ code: 'RX_ERR_UNAUTHORIZED' });
      expect((await app.inject({ url: '/runs' })).statusCode).toBe(200);
      const ok = await app.inject({ method: 'POST', url: '/runs', payload: { scenarioId: 'baseline' }, headers: { authorization: 'Bearer secret' } });
      expect(ok.statusCode).toBe(201);
    } finally {
      await app.close();
    }
  });

  it('keeps finished runs across restarts and marks interrupted ones', async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, 'runs.db');
      const first = await build({ dbPath: db, workers: 1 });
      const { id } = (await first.inject({ method: 'POST', url: '/runs', payload: { scenarioId: 'baseline' } })).json<{ id: string }>();
      await finished(first, id);
      await first.close();
      // A run that was executing when the process died.
      const store = new RunStore(db);
      const dead = store.create({ id: 'baseline', title: 'Baseline' }, {});
      store.markRunning(dead.id);
      store.close();
      const second = await build({ dbPath: db, workers: 1 });
      try {
        expect((await second.inject({ url: `/runs/${id}` })).json()).toMatchObject({ status: 'succeeded' });
        expect((await second.inject({ url: `/runs/${id}/summary` })).json()).toMatchObject({ scenario: 'baseline' });
        expect((await second.inject({ url: `/runs/${dead.id}` })).json()).toMatchObject({ status: 'interrupted' });
        const again = (await second.inject({ method: 'POST', url: '/runs', payload: { scenarioId: 'baseline' } })).json<{ id: string }>();
        expect(await finished(second, again.id)).toMatchObject({ status: 'succeeded' });
      } finally {
        await second.close();
      }
    });
  });
});
