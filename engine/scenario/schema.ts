/**
 * The one schema source for scenario files (DESIGN §4). Hazards are a union told apart by `type`;
 * the schema knows every hazard the format defines, and `hazard-models.ts` says which ones this
 * engine version can run (an unimplemented one is an error, never ignored).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, oneOf, KebabId, LonLat } from '../core/geo-schema.js';
import { PublicShelterShareSchema } from '../region/schema.js';

const Hours = Type.Number({ minimum: 0, description: 'hours from the scenario start' });

export const EarthquakeHazardSchema = Type.Object(
  {
    type: Type.Literal('earthquake'),
    id: Type.Optional(KebabId),
    epicenter: LonLat,
    magnitude: Type.Number({ minimum: 0, maximum: 9.5, description: 'surface-wave magnitude Ms' }),
    depthKm: Type.Number({ minimum: 0, maximum: 700 }),
    strikeDeg: Type.Optional(Type.Number({ minimum: 0, maximum: 360, description: 'azimuth of the long axis of the isoseismals' })),
    mechanism: Type.Optional(oneOf(['strike-slip', 'reverse', 'normal', 'all'] as const)),
    lengthKm: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1500, description: 'rupture length; default from Wells & Coppersmith (1994) when a strike is given' })),
    gmpe: Type.Optional(oneOf(['yu-2013-eastern', 'yu-2013-active', 'yu-2013-tibet', 'yu-2013-stable'] as const)),
    intensityModel: Type.Optional(oneOf(['gb-t-17742-2020', 'yu-2013-intensity-eastern'] as const, { description: 'zone intensity: instrumental, from the sampled PGA and PGV (GB/T 17742-2020, default), or the intensity attenuation relation of the GB 18306-2015 zonation with elliptical isoseismals' })),
    siteClass: Type.Optional(oneOf(['I0', 'I1', 'II', 'III', 'IV'] as const)),
    timeOfDay: Type.Optional(Type.Union([Type.Literal('night'), Type.Literal('day')], { errorMessage: "must be 'night' or 'day'", description: 'sets how many residents are indoors (exposure occupancy)' })),
    residuals: Type.Optional(Type.Union([Type.Literal('sampled'), Type.Literal('median')], { errorMessage: "must be 'sampled' or 'median'" })),
    correlation: Type.Optional(oneOf(['jayaram-baker-2009', 'jayaram-baker-2009-clustered', 'none'] as const)),
    atH: Type.Optional(Hours),
  },
  { additionalProperties: false },
);
export type EarthquakeHazard = Static<typeof EarthquakeHazardSchema>;

/**
 * A historical storm placed over other sub-basins (storm transposition, 暴雨移置): each target
 * sub-basin takes the total a named sub-basin of the source storm received, with the source's
 * duration and time pattern.
 */
export const TransposedStormSchema = Type.Object(
  {
    scenario: Type.String({ minLength: 1, description: 'the scenario file holding the historical storm, relative to this scenario' }),
    hazard: Type.Optional(Type.Integer({ minimum: 0, description: 'which of its rainfall hazards (default 0, the first)' })),
    onto: Type.Record(Id, Id, { minProperties: 1, description: 'target sub-basin id → the source storm\'s sub-basin whose total it takes' }),
  },
  { additionalProperties: false, description: 'the storm of another scenario, moved onto this scenario\'s sub-basins' },
);

export const RainfallHazardSchema = Type.Object(
  {
    type: Type.Literal('rainfall'),
    id: Type.Optional(KebabId),
    durationH: Type.Number({ exclusiveMinimum: 0 }),
    totalsMm: Type.Optional(Type.Record(Id, Type.Number({ minimum: 0 }), { minProperties: 1, description: 'storm total per sub-basin id' })),
    uniformMm: Type.Optional(Type.Number({ minimum: 0, description: 'the same storm total on every sub-basin' })),
    returnPeriodYears: Type.Optional(Type.Number({ minimum: 1, description: 'design storm of this return period' })),
    pattern: Type.Optional(Type.Union([Type.Literal('triangular'), Type.Literal('uniform')], { errorMessage: "must be 'triangular' or 'uniform'", description: 'time distribution of the total: a symmetric triangle peaking mid-storm (default), or even' })),
    antecedentMoisture: Type.Optional(Type.Union([Type.Literal('I'), Type.Literal('II'), Type.Literal('III')], { errorMessage: "must be 'I' (dry), 'II' (average) or 'III' (wet)", description: 'SCS antecedent moisture condition applied to every sub-basin curve number (default II)' })),
    totalsCv: Type.Optional(Type.Number({ minimum: 0, maximum: 2, description: 'coefficient of variation of the storm totals over realizations (lognormal, mean 1; default 0)' })),
    transposedFrom: Type.Optional(TransposedStormSchema),
    scale: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10, description: 'factor on every total (同倍比 scaling of a typical storm): a stress test, stated in the summary, never a return period' })),
    atH: Type.Optional(Hours),
  },
  { additionalProperties: false },
);
export type RainfallHazard = Static<typeof RainfallHazardSchema>;

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

export const DesignFloodHazardSchema = Type.Object(
  {
    type: Type.Literal('designFlood'),
    id: Type.Optional(KebabId),
    node: Type.String({ minLength: 1, description: 'river node (usually a station) where the flood enters the network' }),
    hydrographM3s: Type.Optional(Type.Array(Type.Tuple([Type.Number({ minimum: 0, description: 'hours from atH' }), Type.Number({ minimum: 0, description: 'discharge (m³/s)' })]), { minItems: 2, description: 'inflow hydrograph as [hours, m³/s] pairs, linear between them, 0 outside' })),
    peakM3s: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1e6, description: 'design peak: with shapeFrom, the typical flood is scaled so its peak is this (同倍比, peak control)' })),
    shapeFrom: Type.Optional(Type.Object(
      {
        scenario: Type.String({ minLength: 1, description: 'a region scenario whose river run gives the typical flood, relative to this scenario' }),
        node: Type.String({ minLength: 1, description: 'the node whose outflow in that run is the typical flood' }),
        startH: Type.Optional(Type.Number({ minimum: 0, description: 'hour of that run the design flood starts from (default 0)' })),
      },
      { additionalProperties: false, description: 'the shape of a typical flood (its first realization\'s hydrograph), scaled to peakM3s' },
    )),
    basis: Type.Optional(Type.String({ minLength: 1, description: 'where the design value comes from (shown in the summary)' })),
    atH: Type.Optional(Hours),
  },
  { additionalProperties: false, description: 'give hydrographM3s, or shapeFrom with peakM3s' },
);
export type DesignFloodHazard = Static<typeof DesignFloodHazardSchema>;

export const HazardSchema = Type.Union([EarthquakeHazardSchema, RainfallHazardSchema, OutageHazardSchema, DesignFloodHazardSchema]);
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

/** `[time in seconds, value]` pairs, times increasing. */
const Series = Type.Array(Type.Tuple([Type.Number({ minimum: 0 }), Type.Number()]), { minItems: 1, description: '[seconds, value] pairs' });
const FileRef = Type.String({ minLength: 1, description: 'path relative to the scenario file: ESRI ASCII grid (.asc) or GeoTIFF (.tif), projected CRS in metres' });

export const DomainBoundarySchema = Type.Object(
  {
    side: Type.Union([Type.Literal('N'), Type.Literal('S'), Type.Literal('E'), Type.Literal('W')], { errorMessage: "must be 'N', 'S', 'E' or 'W'" }),
    from: Type.Optional(Type.Number({ description: 'start of the stretch along the edge (CRS units); whole edge if omitted' })),
    to: Type.Optional(Type.Number()),
    type: oneOf(['closed', 'free', 'hfix', 'hvar', 'qfix', 'qvar'] as const),
    value: Type.Optional(Type.Number({ description: 'stage (m) for hfix, unit-width inflow (m²/s) for qfix, slope for free' })),
    series: Type.Optional(Series),
  },
  { additionalProperties: false },
);

/** A point inflow taken from a river-system run: the discharge leaving a node, or what leaves a reach over or through its levees. */
export const FromRiverSchema = Type.Object(
  {
    scenario: Type.String({ minLength: 1, description: 'a region scenario with rainfall or a design flood, relative to this scenario' }),
    node: Type.Optional(Type.String({ minLength: 1, description: 'river node whose outflow enters the domain' })),
    reach: Type.Optional(Type.String({ minLength: 1, description: 'leveed reach whose overtopping and breach outflow enters the domain' })),
    startH: Type.Optional(Type.Number({ minimum: 0, description: 'hour of the river run at the domain’s start (default 0)' })),
  },
  { additionalProperties: false, description: 'exactly one of node or reach; the river run is its scenario’s first realization' },
);

export const DomainPointSchema = Type.Object(
  {
    at: Type.Tuple([Type.Number(), Type.Number()], { description: '[x, y] in the DEM CRS' }),
    type: oneOf(['hfix', 'hvar', 'qfix', 'qvar'] as const),
    value: Type.Optional(Type.Number({ description: 'stage (m) or inflow (m³/s)' })),
    series: Type.Optional(Series),
    fromRiver: Type.Optional(FromRiverSchema),
  },
  { additionalProperties: false },
);

/** A raster flood domain (DESIGN §4): replaces `region` in a scenario. */
export const DomainSchema = Type.Object(
  {
    dem: FileRef,
    manning: Type.Union([Type.Number({ minimum: 0 }), FileRef], { errorMessage: "must be Manning's n (a number ≥ 0) or a raster path" }),
    initialDepth: Type.Optional(FileRef),
    boundaries: Type.Optional(Type.Array(DomainBoundarySchema)),
    points: Type.Optional(Type.Array(DomainPointSchema)),
    rainfallMmPerH: Type.Optional(Series),
    durationH: Type.Number({ exclusiveMinimum: 0, maximum: 8760 }),
    outputEveryH: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    epsg: Type.Optional(Type.Integer({ minimum: 1024, maximum: 32767, description: 'EPSG code of the DEM CRS, written into GeoTIFF outputs' })),
    solver: Type.Optional(
      Type.Object(
        {
          theta: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
          cfl: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
          maxDtS: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
          depthThresholdM: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
          arrivalDepthM: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Domain = Static<typeof DomainSchema>;
export type FromRiver = Static<typeof FromRiverSchema>;

/** What the scenario assumes of the river works, against the pack's defaults. */
export const RiverOverridesSchema = Type.Object(
  {
    reservoirs: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Type.Object(
      {
        initialStorageM3: Type.Optional(Type.Number({ minimum: 0, description: 'storage at the start (m³) instead of the pack’s' })),
        startsFull: Type.Optional(Type.Boolean({ description: 'start at the spillway crest' })),
      },
      { additionalProperties: false },
    ), { description: 'by reservoir id' })),
    detentionBasins: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Type.Object(
      { gatesFail: Type.Optional(Type.Boolean({ description: 'the gates do not open: the basin takes no water and its residents stay' })) },
      { additionalProperties: false },
    ), { description: 'by detention-basin id' })),
  },
  { additionalProperties: false, description: 'reservoir and detention-basin overrides for this scenario' },
);

export const RestorationSchema = Type.Object(
  {
    crews: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Type.Integer({ minimum: 1, maximum: 10000 }), { description: 'repair crews per lifeline system (power, water, …): damaged components of that system wait for a free crew, shortest repair first; without an entry every repair runs at once' })),
    days: Type.Optional(Type.Array(Type.Number({ exclusiveMinimum: 0, maximum: 365 }), { minItems: 1, maxItems: 20, uniqueItems: true, description: 'days after the event at which service is reported (default 1, 3, 7, 30)' })),
    pipelineWorkers: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, description: 'workers on each broken pipeline, mending 0.33 breaks per worker-day (Hazus, pipes over 20 in); without it a broken pipeline stays out for the run' })),
  },
  { additionalProperties: false, description: 'how lifeline outages are repaired and when service is reported' },
);
export type Restoration = Static<typeof RestorationSchema>;
export const DEFAULT_RESTORATION_DAYS = [1, 3, 7, 30] as const;

export const ConsequencesSchema = Type.Object(
  {
    publicShelterShare: Type.Optional(PublicShelterShareSchema),
    vulnerability: Type.Optional(Type.String({ minLength: 1, description: "how buildings are damaged: 'hazus' (Hazus equivalent-PGA curves) or the id of a damage probability matrix in the pack's exposure.yaml (default: the pack's `vulnerability.default`)" })),
  },
  { additionalProperties: false, description: 'how damage and displacement turn into needs, overriding the region pack\'s defaults for this scenario' },
);
export type Consequences = Static<typeof ConsequencesSchema>;

export const ScenarioFileSchema = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    id: KebabId,
    title: Type.String({ minLength: 1 }),
    titleZh: Type.Optional(Type.String({ minLength: 1, description: 'the title in Chinese (the viewer shows it to Chinese readers)' })),
    description: Type.Optional(Type.String()),
    startsAt: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?(Z|[+-]\\d{2}:\\d{2})$', description: 'calendar time of hour 0 (ISO 8601 with its UTC offset), for replays of real events: the viewer shows clock times', errorMessage: 'must be an ISO 8601 time with its offset, e.g. 1976-07-28T03:42:53+08:00' })),
    region: Type.Optional(Type.String({ minLength: 1, description: 'a bundled region pack id, or a path to a pack folder relative to the scenario file' })),
    domain: Type.Optional(DomainSchema),
    hazards: Type.Array(HazardSchema),
    river: Type.Optional(RiverOverridesSchema),
    restoration: Type.Optional(RestorationSchema),
    consequences: Type.Optional(ConsequencesSchema),
    options: Type.Optional(RunOptionsSchema),
    caveats: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'where the scenario is known to differ from what happened or what is assumed, shown next to its figures' })),
  },
  { additionalProperties: false },
);
export type ScenarioFile = Static<typeof ScenarioFileSchema>;

export const DEFAULT_OPTIONS = { realizations: 1, seed: 1, horizonH: 120 } as const satisfies Required<RunOptions>;
