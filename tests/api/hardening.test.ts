// Issue 24 over HTTP: bounded requests, a run's time budget, the event loop free while runs end,
// summaries as stored bytes, trustProxy, pagination and event-stream heartbeats.
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { build, tokenMatches } from '../../api/app.js';
import { LIMITS } from '../../engine/core/limits.js';
import type * as CompileInput from '../../engine/run/compile-input.js';
import type * as FinishRun from '../../engine/run/finish-run.js';
import type * as Layers from '../../engine/run/layers.js';

// The stages that blocked the event loop (issue 24, defect 7), wrapped to record any call on the
// server's thread; a call on a pool thread runs the built module and is not recorded.
const mainThread = vi.hoisted(() => ({ calls: [] as string[] }));
vi.mock('../../engine/run/compile-input.js', async (importOriginal) => {
  const original = await importOriginal<typeof CompileInput>();
  return { ...original, compileRealizationInput: (...args: Parameters<typeof original.compileRealizationInput>) => (mainThread.calls.push('compileRealizationInput'), original.compileRealizationInput(...args)) };
});
vi.mock('../../engine/run/layers.js', async (importOriginal) => {
  const original = await importOriginal<typeof Layers>();
  return { ...original, renderRunFiles: (...args: Parameters<typeof original.renderRunFiles>) => (mainThread.calls.push('renderRunFiles'), original.renderRunFiles(...args)) };
});
vi.mock('../../engine/run/finish-run.js', async (importOriginal) => {
  const original = await importOriginal<typeof FinishRun>();
  return {
    ...original,
    finishRegionRun: (...args: Parameters<typeof original.finishRegionRun>) => (mainThread.calls.push('finishRegionRun'), original.finishRegionRun(...args)),
    prepareResult: (...args: Parameters<typeof original.prepareResult>) => (mainThread.calls.push('prepareResult'), original.prepareResult(...args)),
  };
});

async function finished(app: FastifyInstance, id: string, tries = 1200): Promise<{ status: string; error: { code: string; message: string } | null }> {
  for (let k = 0; k < tries; k++) {
    const run = (await app.inject({ url: `/runs/${id}` })).json<{ status: string; error: { code: string; message: string } | null }>();
    if (!['queued', 'running'].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`run ${id} did not finish`);
}

const quake = { type: 'earthquake', epicenter: [118.18, 39.63], magnitude: 7, depthKm: 12 };
const scenario = (extra: Record<string, unknown>) => ({ schemaVersion: 1, id: 'probe', title: 'Probe', region: 'capital', hazards: [quake], ...extra });

describe('bounded requests (issue 24)', () => {
  let app: FastifyInstance;
  beforeAll(async () => { app = await build({ dbPath: ':memory:', workers: 1 }); });
  afterAll(async () => { await app.close(); });
  const post = (body: unknown) => app.inject({ method: 'POST', url: '/runs', payload: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });

  it('defect 1: refuses a scenario with more hazards than the limit (a 9,000-quake body froze the server)', async () => {
    // The 686 KB body of the report: its 45,000 keys are over the limit before it is even parsed into objects.
    const huge = await post({ scenario: scenario({ hazards: Array.from({ length: 9000 }, () => quake) }) });
    expect([huge.statusCode, huge.json<{ code: string }>().code]).toEqual([413, 'RX_ERR_TOO_LARGE']);
    const many = await post({ scenario: scenario({ hazards: Array.from({ length: LIMITS.hazards.value + 1 }, () => quake) }) });
    expect(many.statusCode).toBe(400);
    expect(many.json()).toMatchObject({ code: 'RX_ERR_INVALID_INPUT', details: [{ file: 'request', path: 'hazards', message: `must have at most ${LIMITS.hazards.value} item(s)` }] });
  });

  it('defect 3: refuses what a run would fail on, with the field named, before it is queued', async () => {
    const rain = await post({ scenario: scenario({ hazards: [{ type: 'rainfall', durationH: 24, uniformMm: 1e308 }] }) });
    expect([rain.statusCode, rain.json<{ details: unknown[] }>().details]).toEqual([400, [{ file: 'request', path: 'hazards[0].uniformMm', message: 'must be ≤ 26470' }]]);
    const late = await post({ scenario: scenario({ hazards: [{ ...quake, atH: 500 }] }) });
    expect(late.json()).toMatchObject({ details: [{ path: 'hazards[0].atH', message: "is 500 h, not before the run's horizon of 120 h (options.horizonH): the hazard would never happen" }] });
    expect((await app.inject({ url: '/runs' })).json()).toEqual([]);
  });

  it('defect 9: refuses a JSON body with a key twice, and more keys than the limit', async () => {
    const twice = await post('{"scenarioId": "baseline", "scenarioId": "tangshan-1976"}');
    expect(twice.statusCode).toBe(400);
    expect(twice.json()).toMatchObject({ code: 'RX_ERR_FILE_PARSE', details: [{ file: 'request', message: "invalid JSON at line 1, column 28: duplicate key 'scenarioId' (keys must be unique)" }] });
    const keys = `{"scenarioId": "baseline", "options": {${Array.from({ length: LIMITS.scenarioKeys.value }, (_, k) => `"k${k}": 1`).join(',')}}}`;
    expect((await post(keys)).json()).toMatchObject({ code: 'RX_ERR_TOO_LARGE', details: [{ message: `has more than ${LIMITS.scenarioKeys.value.toLocaleString('en-US')} keys` }] });
  });

  it('refuses a what-if hour past the run\'s horizon', async () => {
    const { id } = (await post({ scenarioId: 'baseline' })).json<{ id: string }>();
    expect(await finished(app, id)).toMatchObject({ status: 'succeeded' });
    const late = await app.inject({ method: 'POST', url: '/whatif', payload: { runId: id, cut: [], atH: 500 } });
    expect([late.statusCode, late.json<{ details: unknown[] }>().details]).toEqual([400, [{ file: 'request', path: 'atH', message: "is 500 h, past the run's horizon of 120 h" }]]);
  });

  it('documents the limits in the OpenAPI description', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json<{ info: { description: string } }>();
    for (const [name, limit] of Object.entries(LIMITS)) expect(doc.info.description).toContain(`| \`${name}\` | ${limit.value.toLocaleString('en-US')} ${limit.unit} |`);
    expect(doc.info.description).toContain('may not pass the world record for its duration (WMO: 305 mm in 1 h, 1,144 mm in 12 h, 1,825 mm in 24 h,');
    expect(doc.info.description).toContain("A hazard at or after the run's horizon (`options.horizonH`) is refused");
    // The per-field ranges are in the request schema, e.g. a storm's uniform total.
    const body = JSON.stringify((await app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>().paths['/runs']);
    expect(body).toContain('"uniformMm":{"minimum":0,"maximum":26470');
  });
});

describe('summaries as stored bytes (issue 24, item 8)', () => {
  it('serves the bytes stored at the end of the run, with an ETag, gzip when accepted, 304 when held', async () => {
    const app = await build({ dbPath: ':memory:', workers: 1 });
    try {
      const { id } = (await app.inject({ method: 'POST', url: '/runs', payload: { scenarioId: 'baseline' } })).json<{ id: string }>();
      expect(await finished(app, id)).toMatchObject({ status: 'succeeded' });
      const plain = await app.inject({ url: `/runs/${id}/summary` });
      expect(plain.headers['etag']).toMatch(/^"[0-9a-f]{64}"$/);
      expect(plain.headers['content-encoding']).toBeUndefined();
      const summary = plain.json<{ scenario: string }>();
      expect(summary.scenario).toBe('baseline');
      const zipped = await app.inject({ url: `/runs/${id}/summary`, headers: { 'accept-encoding': 'br, gzip;q=0.8' } });
      expect([zipped.headers['content-encoding'], zipped.headers['vary']]).toEqual(['gzip', 'Accept-Encoding']);
      expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
      expect(gunzipSync(zipped.rawPayload).equals(plain.rawPayload)).toBe(true);
      expect((await app.inject({ url: `/runs/${id}/summary`, headers: { 'accept-encoding': 'gzip;q=0' } })).headers['content-encoding']).toBeUndefined();
      const held = await app.inject({ url: `/runs/${id}/summary`, headers: { 'if-none-match': String(plain.headers['etag']) } });
      expect([held.statusCode, held.body]).toEqual([304, '']);
    } finally {
      await app.close();
    }
  });
});

describe('runs that end, and runs over their budget (issue 24, items 7 and the budget)', () => {
  it('keeps the event loop free while a run starts and ends: its input, summary and layers are made on worker threads', async () => {
    // No rate limit: the polling below would pass 1,200 requests a minute when a loaded machine makes the run slow.
    const app = await build({ dbPath: ':memory:', workers: 1, rateLimitPerMinute: 0 });
    try {
      mainThread.calls.length = 0;
      const { id } = (await app.inject({ method: 'POST', url: '/runs', payload: { scenarioId: 'tangshan-1976', options: { realizations: 4 } } })).json<{ id: string }>();
      let run = { status: 'queued' };
      while (['queued', 'running'].includes(run.status)) {
        expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
        run = (await app.inject({ url: `/runs/${id}` })).json<{ status: string }>();
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(run.status).toBe('succeeded');
      expect((await app.inject({ url: `/runs/${id}/layers/zones.geojson` })).statusCode).toBe(200);
      // Before: the server's thread compiled the input (0.1–0.3 s here) and, as the run ended, rendered
      // its layers and summary (0.8–1.8 s), with /health waiting. Now they run only on pool threads,
      // which load dist/ and never see this file's wrappers.
      expect(mainThread.calls).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('fails a run past its time budget with RX_ERR_BUDGET and frees its slot', async () => {
    // 10,000 realizations take minutes here; the run queued behind it starts when it fails.
    const app = await build({ dbPath: ':memory:', workers: 1, runTimeoutS: 3 });
    try {
      const slow = (await app.inject({ method: 'POST', url: '/runs', payload: { scenarioId: 'tangshan-1976', options: { realizations: 10_000 } } })).json<{ id: string }>();
      const next = (await app.inject({ method: 'POST', url: '/runs', payload: { scenarioId: 'baseline' } })).json<{ id: string }>();
      expect(await finished(app, slow.id)).toMatchObject({ status: 'failed', error: { code: 'RX_ERR_BUDGET', message: 'the run took longer than its time budget of 3 s' } });
      for (let k = 0; k < 400 && (await app.inject({ url: `/runs/${next.id}` })).json<{ status: string }>().status === 'queued'; k++) await new Promise((r) => setTimeout(r, 25));
      expect((await app.inject({ url: `/runs/${next.id}` })).json<{ status: string }>().status).not.toBe('queued');
      await finished(app, next.id);
      expect((await app.inject({ url: '/health' })).json()).toMatchObject({ pendingRuns: 0 });
    } finally {
      await app.close();
    }
  });
});

describe('clients behind proxies, tokens, pages and streams (issue 24, item 8)', () => {
  it('counts the rate limit per forwarded client only with trustProxy', async () => {
    for (const [trustProxy, expected] of [[undefined, [200, 200, 429]], [true, [200, 200, 200]]] as const) {
      const app = await build({ dbPath: ':memory:', workers: 1, rateLimitPerMinute: 2, ...(trustProxy ? { trustProxy } : {}) });
      try {
        const codes: number[] = [];
        for (const client of ['203.0.113.1', '203.0.113.1', '203.0.113.2']) codes.push((await app.inject({ url: '/health', headers: { 'x-forwarded-for': client } })).statusCode);
        expect(codes, `trustProxy ${String(trustProxy)}`).toEqual(expected);
      } finally {
        await app.close();
      }
    }
  });

  it('compares the token in constant time, whatever the length sent', () => {
    expect(tokenMatches('Bearer secret', 'secret')).toBe(true);
    for (const wrong of [undefined, '', 'Bearer secre', 'Bearer secrets', 'Bearer SECRET', `Bearer ${'x'.repeat(10_000)}`]) expect(tokenMatches(wrong, 'secret')).toBe(false);
  });

  it('pages GET /runs with a limit and a Link to the next page', async () => {
    const app = await build({ dbPath: ':memory:', workers: 1 });
    try {
      const ids: string[] = [];
      for (let k = 0; k < 5; k++) ids.push((await app.inject({ method: 'POST', url: '/runs', payload: { scenarioId: 'baseline' } })).json<{ id: string }>().id);
      const seen: string[] = [];
      let url: string | undefined = '/runs?limit=2';
      while (url) {
        const page: Awaited<ReturnType<typeof app.inject>> = await app.inject({ url });
        expect(page.statusCode).toBe(200);
        seen.push(...page.json<{ id: string }[]>().map((r) => r.id));
        url = /^<([^>]+)>; rel="next"$/.exec(String(page.headers['link'] ?? ''))?.[1];
      }
      expect(seen).toEqual((await app.inject({ url: '/runs' })).json<{ id: string }[]>().map((r) => r.id));
      expect(new Set(seen)).toEqual(new Set(ids));
      expect((await app.inject({ url: '/runs?limit=0' })).statusCode).toBe(400);
      expect((await app.inject({ url: '/runs?after=nonsense!' })).statusCode).toBe(400);
      for (const id of ids) await finished(app, id);
    } finally {
      await app.close();
    }
  });

  it('sends heartbeats on an event stream while the run is quiet', async () => {
    const app = await build({ dbPath: ':memory:', workers: 1, sseHeartbeatS: 0.05 });
    try {
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const { id } = (await app.inject({ method: 'POST', url: '/runs', payload: { scenarioId: 'tangshan-1976', options: { realizations: 10_000 } } })).json<{ id: string }>();
      const response = await fetch(`${address}/runs/${id}/events`);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      while (!/: heartbeat /.test(text)) text += new TextDecoder().decode((await reader.read()).value);
      expect(text).toMatch(/^event: status\ndata: /);
      await app.inject({ method: 'DELETE', url: `/runs/${id}` });
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
      expect(text).toMatch(/"status":"cancelled"/);
    } finally {
      await app.close();
    }
  });
});
