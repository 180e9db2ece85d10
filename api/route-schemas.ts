/**
 * The API's request and response schemas (TypeBox), one per route and status code: they make the
 * OpenAPI document at /openapi.json and serialise responses. Request bodies are checked by the
 * handlers themselves (the engine's loader gives `<file>: <path>: <message>` details), so body
 * schemas here document the shape with `attachValidation` rather than reject on their own.
 * Objects the engine grows (summaries, layers, region details) allow further properties, so a
 * new result field is never dropped by the serialiser.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { ScenarioFileSchema } from '../engine/scenario/schema.js';

const Open = (properties: Parameters<typeof Type.Object>[0], description: string) => Type.Object(properties, { additionalProperties: true, description });

export const ErrorSchema = Type.Object(
  {
    code: Type.String({ description: 'RX_ERR_… code' }),
    message: Type.String(),
    details: Type.Array(Type.Any(), { description: 'issues as { file, path, message }, when the input had them' }),
  },
  { description: 'every error response' },
);

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

const errors = (...codes: number[]): Record<number, TSchema> => Object.fromEntries(codes.map((c) => [c, ErrorSchema]));
const IdParams = Type.Object({ id: Type.String() });
const LayerParams = Type.Object({ id: Type.String(), name: Type.String() });
const FeatureCollection = Open({ type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Any()) }, 'GeoJSON FeatureCollection');

export const ROUTE_SCHEMAS = {
  health: { response: { 200: Type.Object({ status: Type.Literal('ok'), version: Type.String(), pendingRuns: Type.Integer() }) } },
  regions: { response: { 200: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), zones: Type.Integer(), circles: Type.Integer() })) } },
  region: { params: IdParams, response: { 200: Open({ id: Type.String(), name: Type.String(), circles: Type.Array(Type.Any()), groups: Type.Array(Type.Any()), layers: Type.Array(Type.String()) }, 'a region: circles and groups with their member zones, and its layer names'), ...errors(404) } },
  regionLayer: { params: LayerParams, response: { 200: FeatureCollection, ...errors(404) } },
  scenarios: { response: { 200: Type.Array(Open({ id: Type.Optional(Type.String()), title: Type.Optional(Type.String()), titleZh: Type.Optional(Type.String()), region: Type.Optional(Type.String()) }, 'a bundled scenario')) } },
  scenario: { params: IdParams, response: { 200: Open({}, 'the bundled scenario file (DESIGN §4)'), ...errors(404) } },
  startRun: {
    body: Type.Object(
      {
        scenarioId: Type.Optional(Type.String({ description: 'a bundled scenario id' })),
        scenario: Type.Optional(ScenarioFileSchema),
        options: Type.Optional(Type.Object({ realizations: Type.Optional(Type.Integer({ minimum: 1 })), seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })) })),
      },
      { description: 'exactly one of scenarioId or scenario' },
    ),
    response: { 201: Type.Object({ id: Type.String(), status: RunStatus }), ...errors(400, 401, 404, 413, 422, 429) },
  },
  runs: { response: { 200: Type.Array(RunRecordSchema) } },
  run: { params: IdParams, response: { 200: Type.Intersect([RunRecordSchema, Type.Object({ layers: Type.Array(Type.String()) })]), ...errors(404) } },
  runScenario: { params: IdParams, response: { 200: Open({}, 'the scenario file the run ran (DESIGN §4), as it was sent'), ...errors(404) } },
  summary: { params: IdParams, response: { 200: Open({}, 'summary.json (DESIGN §5), or a raster run’s grid summary'), ...errors(404) } },
  runLayer: { params: LayerParams, response: { 200: Type.Any({ description: 'GeoJSON, JSON, GeoTIFF, Float32 or text, by the name’s extension' }), ...errors(404) } },
  deleteRun: { params: IdParams, response: { 200: Type.Object({ id: Type.String(), status: Type.String() }), ...errors(401, 404) } },
  whatIf: {
    body: Type.Object({ runId: Type.String(), cut: Type.Optional(Type.Array(Type.String())), restore: Type.Optional(Type.Array(Type.String())), atH: Type.Optional(Type.Number({ minimum: 0, description: 'the hour of the run to cut at: the run\'s hazards leave out what was out then (default its horizon)' })) }),
    response: { 200: Open({}, 'lifeline, evacuation and mutual-aid consequences of the cuts'), ...errors(400, 401, 404) },
  },
} as const;
