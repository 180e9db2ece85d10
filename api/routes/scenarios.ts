import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { findBundledScenario, readBundledScenarios } from '../../engine/scenario/bundled-scenarios.js';
import { errorResponses, IdParams, Open } from '../errors.js';


export const SCENARIO_SCHEMAS = {
  scenarios: { response: { 200: Type.Array(Open({ id: Type.Optional(Type.String()), title: Type.Optional(Type.String()), titleZh: Type.Optional(Type.String()), region: Type.Optional(Type.String()) }, 'a bundled scenario')) } },
  scenario: { params: IdParams, response: { 200: Open({}, 'the bundled scenario file (DESIGN §4)'), ...errorResponses(404) } },
} as const;

/** The bundled scenario files: `GET /scenarios`, `GET /scenarios/{id}`. */
export async function scenarioRoutes(app: FastifyInstance): Promise<void> {
  app.get('/scenarios', { schema: SCENARIO_SCHEMAS.scenarios }, async () => (await readBundledScenarios()).map(({ data }) => ({
    id: data['id'], title: data['title'], ...(data['titleZh'] ? { titleZh: data['titleZh'] } : {}), region: data['region'],
  })));
  app.get<{ Params: { id: string } }>('/scenarios/:id', { schema: SCENARIO_SCHEMAS.scenario }, async (request) => findBundledScenario(request.params.id));
}
