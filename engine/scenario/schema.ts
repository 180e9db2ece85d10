/**
 * The one schema source for scenario files (DESIGN §4). Hazards are a union told apart by `type`;
 * the schema knows every hazard the format defines, and `hazard-models.ts` says which ones this
 * engine version can run (an unimplemented one is an error, never ignored).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, KebabId, LonLat } from '../core/geo-schema.js';

const Hours = Type.Number({ minimum: 0, description: 'hours from the scenario start' });

export const EarthquakeHazardSchema = Type.Object(
  {
    type: Type.Literal('earthquake'),
    id: Type.Optional(KebabId),
    epicenter: LonLat,
    magnitude: Type.Number({ minimum: 0, maximum: 9.5, description: 'surface-wave magnitude Ms' }),
    depthKm: Type.Number({ minimum: 0, maximum: 700 }),
    strikeDeg: Type.Optional(Type.Number({ minimum: 0, maximum: 360, description: 'azimuth of the long axis of the isoseismals' })),
    atH: Type.Optional(Hours),
  },
  { additionalProperties: false },
);

export const RainfallHazardSchema = Type.Object(
  {
    type: Type.Literal('rainfall'),
    id: Type.Optional(KebabId),
    durationH: Type.Number({ exclusiveMinimum: 0 }),
    totalsMm: Type.Optional(Type.Record(Id, Type.Number({ minimum: 0 }), { minProperties: 1, description: 'storm total per sub-basin id' })),
    uniformMm: Type.Optional(Type.Number({ minimum: 0, description: 'the same storm total on every sub-basin' })),
    returnPeriodYears: Type.Optional(Type.Number({ minimum: 1, description: 'design storm of this return period' })),
    atH: Type.Optional(Hours),
  },
  { additionalProperties: false },
);

export const OutageHazardSchema = Type.Object(
  {
    type: Type.Literal('outage'),
    id: Type.Optional(KebabId),
    targets: Type.Array(Type.String({ pattern: '^(corridor:|component:)?[A-Za-z0-9][A-Za-z0-9._:-]*$', errorMessage: "must be a component id or 'corridor:<id>'" }), { minItems: 1, uniqueItems: true }),
    atH: Type.Optional(Hours),
    restoreAtH: Type.Optional(Hours),
  },
  { additionalProperties: false },
);

export const HazardSchema = Type.Union([EarthquakeHazardSchema, RainfallHazardSchema, OutageHazardSchema]);
export type Hazard = Static<typeof HazardSchema>;
export type HazardType = Hazard['type'];

export const RunOptionsSchema = Type.Object(
  {
    realizations: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })),
    horizonH: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 8760 })),
  },
  { additionalProperties: false },
);
export type RunOptions = Static<typeof RunOptionsSchema>;

export const ScenarioFileSchema = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    id: KebabId,
    title: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    region: Type.String({ minLength: 1, description: 'a bundled region pack id, or a path to a pack folder relative to the scenario file' }),
    hazards: Type.Array(HazardSchema),
    options: Type.Optional(RunOptionsSchema),
  },
  { additionalProperties: false },
);
export type ScenarioFile = Static<typeof ScenarioFileSchema>;

export const DEFAULT_OPTIONS = { realizations: 1, seed: 1, horizonH: 120 } as const satisfies Required<RunOptions>;
