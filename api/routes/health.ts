import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ENGINE_VERSION } from '../../engine/core/version.js';
import type { JobRunner } from '../job-runner.js';

export const HEALTH_SCHEMAS = {
  health: { response: { 200: Type.Object({ status: Type.Literal('ok'), version: Type.String(), pendingRuns: Type.Integer() }) } },
} as const;

/** `GET /health` (answered from memory, never waiting on a run) and `GET /openapi.json`. */
export async function healthRoutes(app: FastifyInstance, options: { jobs: JobRunner }): Promise<void> {
  app.get('/health', { schema: HEALTH_SCHEMAS.health }, async () => ({ status: 'ok', version: ENGINE_VERSION, pendingRuns: options.jobs.pending }));
  app.get('/openapi.json', async () => app.swagger());
}
