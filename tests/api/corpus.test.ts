// Issue 24: the outside probe's requests as a corpus. Each gets its status and a coded error, and
// no response body holds a stack trace or a path of the server's machine.
import { homedir, tmpdir } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../api/app.js';
import { PACKAGE_ROOT } from '../../engine/core/paths.js';
import { API_CORPUS, TOKEN_CORPUS, type CorpusRequest } from '../fixtures/api-corpus.js';

const LEAKS = [PACKAGE_ROOT, tmpdir(), homedir(), 'node_modules', '    at ', '.ts:', '.js:'];

async function send(app: FastifyInstance, request: CorpusRequest): Promise<{ statusCode: number; body: string }> {
  const body = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
  return app.inject({
    method: request.method ?? 'GET', url: request.url,
    headers: { ...(body !== undefined ? { 'content-type': request.type ?? 'application/json' } : {}), ...request.headers },
    ...(body !== undefined ? { payload: body } : {}),
  });
}

function check(request: CorpusRequest, response: { statusCode: number; body: string }): void {
  expect(response.statusCode, request.name).toBe(request.status);
  if (request.code) expect(JSON.parse(response.body), request.name).toMatchObject({ code: request.code, message: expect.any(String) as unknown, details: expect.any(Array) as unknown });
  for (const leak of LEAKS) expect(response.body.includes(leak), `${request.name}: body holds '${leak}'`).toBe(false);
}

describe('the API corpus (issue 24)', () => {
  let app: FastifyInstance;
  let guarded: FastifyInstance;
  beforeAll(async () => {
    app = await build({ dbPath: ':memory:', workers: 1, rateLimitPerMinute: 0 });
    guarded = await build({ dbPath: ':memory:', workers: 1, rateLimitPerMinute: 0, token: 'secret' });
  });
  afterAll(async () => { await Promise.all([app.close(), guarded.close()]); });

  it.each(API_CORPUS.map((r) => [r.name, r] as const))('%s', async (_, request) => {
    check(request, await send(app, request));
  });

  it.each(TOKEN_CORPUS.map((r) => [r.name, r] as const))('with a token: %s', async (_, request) => {
    check(request, await send(guarded, request));
  });

  it('queued nothing from the corpus', async () => {
    expect((await app.inject({ url: '/runs' })).json()).toEqual([]);
  });
});
