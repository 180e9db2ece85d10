/**
 * The one schema source for region packs (DESIGN §3). The loader validates with these, the JSON
 * Schemas in `schemas/` are exported from them, and the API will reuse them.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, oneOf, KebabId, LineStringGeometry, LonLat, MultiPolygonGeometry, PointGeometry, PolygonGeometry } from '../core/geo-schema.js';
import { LifelinePropertiesSchema } from './lifeline-schema.js';
import { RiverPropertiesSchema } from './river-schema.js';
import { ProvenanceFields, sourceSchema } from './provenance-schema.js';

const Text = Type.String({ minLength: 1 });
const Members = Type.Array(Id, { uniqueItems: true });

export const CIRCLE_KINDS = ['core', 'central-city', 'sub-centre', 'new-towns', 'ecological', 'commuting', 'functional', 'industrial', 'remainder'] as const;
export const GROUP_KINDS = ['wing', 'twin-city', 'nodes', 'cross-border', 'cluster'] as const;

/** Where a circle's member list comes from: what the sources say, and which members no source names. */
export const CircleBasisSchema = Type.Object(
  {
    source: sourceSchema('where the circle and its membership are described (URLs, or SOURCES.md#key, separated by " ; ")'),
    cites: Type.String({ minLength: 1, description: 'what the sources say of the members (which units they name, counts, areas)' }),
    inferred: Type.Optional(Type.Array(Id, { uniqueItems: true, minItems: 1, description: 'members that no source names: the list is the pack\'s inference' })),
    method: Type.Optional(Type.String({ minLength: 1, description: 'how the inferred members were chosen and checked; required with `inferred`' })),
  },
  { additionalProperties: false },
);

export const CircleSchema = Type.Object(
  {
    id: KebabId,
    name: Text,
    nameZh: Type.Optional(Text),
    kind: oneOf(CIRCLE_KINDS),
    ring: Type.Integer({ minimum: 0, description: 'order from the inside out; circles sharing a ring are siblings' }),
    within: Type.Optional(Type.Array(KebabId, { uniqueItems: true, description: 'circles that must contain every member' })),
    planAreaKm2: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'area the plan states for the circle' })),
    note: Type.Optional(Text),
    basis: Type.Optional(CircleBasisSchema),
    members: Members,
    partialMembers: Type.Optional(Members),
  },
  { additionalProperties: false },
);

export const GroupSchema = Type.Object(
  {
    id: KebabId,
    name: Text,
    nameZh: Type.Optional(Text),
    kind: oneOf(GROUP_KINDS),
    note: Type.Optional(Text),
    members: Members,
    partialMembers: Type.Optional(Members),
  },
  { additionalProperties: false },
);

/**
 * Share of the displaced who seek a public shelter place rather than relatives, friends or a
 * hotel: one share for every hazard, or one per hazard (the earthquake's displaced by damage,
 * the flood's by evacuation ahead of water and by depth). Default 1 (a public place for all).
 */
export const PublicShelterShareSchema = Type.Union([
  Type.Number({ minimum: 0, maximum: 1 }),
  Type.Object(
    {
      earthquake: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'share of those displaced by earthquake damage' })),
      flood: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'share of those leaving ahead of or because of flood water' })),
    },
    { additionalProperties: false },
  ),
], { description: 'share of the displaced who seek a public shelter place: a number for every hazard, or { earthquake, flood } (default 1)', errorMessage: 'must be a share from 0 to 1, or { earthquake, flood } shares' });
export type PublicShelterShare = Static<typeof PublicShelterShareSchema>;

export const RegionFileSchema = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    id: KebabId,
    name: Text,
    nameZh: Type.Optional(Text),
    crs: Type.Literal('EPSG:4326', { errorMessage: "must be 'EPSG:4326' (WGS-84 lon/lat)" }),
    zoneGeometry: Type.Union([Type.Literal('seat'), Type.Literal('boundary')], { errorMessage: "must be 'seat' or 'boundary'" }),
    zoneLevel: Type.Optional(Text),
    censusYear: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
    extent: Type.Optional(Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], { description: '[minLon, minLat, maxLon, maxLat]; every zone must lie inside' })),
    circles: Type.Array(CircleSchema, { minItems: 1 }),
    groups: Type.Optional(Type.Array(GroupSchema)),
    dem: Type.Optional(Type.Object(
      {
        path: Type.String({ minLength: 1, description: 'the DEM file, relative to the pack folder and inside it: a GeoTIFF (.tif, .tiff) or an ESRI ASCII grid, heights in metres on square cells of a projected CRS' }),
        epsg: Type.Optional(Type.Integer({ minimum: 1, description: "the DEM's projected CRS (EPSG code): needed for an ESRI ASCII grid, checked against a GeoTIFF's own" })),
      },
      { additionalProperties: false, description: 'a DEM of the flood plain: compartments drawn as polygons take their stage–area relation from it in place of `stageArea`, and the lifeline components in them their ground height unless given' },
    )),
    defaults: Type.Optional(
      Type.Object(
        {
          needsPerPersonPerDay: Type.Optional(
            Type.Object({ waterL: Type.Number({ minimum: 0 }), foodKcal: Type.Number({ minimum: 0 }) }, { additionalProperties: false }),
          ),
          shelterAreaM2PerPerson: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'covered living space per person in a tent or shelter (default 3.5 m², Sphere)' })),
          tentAreaM2: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'floor area of the relief tent the region stocks (default 12 m², MZ/T 011.2-2010): a tent houses tentAreaM2 ÷ shelterAreaM2PerPerson people' })),
          publicShelterShare: Type.Optional(PublicShelterShareSchema),
          hospitalBedOccupancy: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'share of hospital beds in use before the disaster (default 0.794, China 2023)' })),
          evacuationWindowH: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'hours roads carry evacuees and patients (default 24)' })),
          floodDisplacementDepthM: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'residents whose ground floods at least this deep leave home (default 0.5 m)' })),
          utilityDisplacement: Type.Optional(Type.Object(
            {
              afterH: Type.Number({ exclusiveMinimum: 0, description: 'hours without water or power after which residents leave home' }),
              share: Type.Number({ minimum: 0, maximum: 1, description: 'share of those residents who leave' }),
            },
            { additionalProperties: false, description: 'displacement by long utility loss; off unless the region sets it (no sourced default)' },
          )),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type RegionFile = Static<typeof RegionFileSchema>;
export type CircleDef = Static<typeof CircleSchema>;
export type GroupDef = Static<typeof GroupSchema>;

const FoldedUnit = Type.Object(
  { id: Id, nameZh: Text, population: Type.Integer({ minimum: 0 }), basis: Text },
  { additionalProperties: false },
);

export const ZonePropertiesSchema = Type.Object(
  {
    id: Id,
    name: Text,
    nameZh: Type.Optional(Text),
    province: Type.Optional(Text),
    prefecture: Type.Optional(Text),
    prefectureZh: Type.Optional(Text),
    population: Type.Integer({ minimum: 0, description: 'resident population (census)' }),
    censusPopulation: Type.Optional(Type.Integer({ minimum: 0, description: 'population of the unit alone, before folded units' })),
    areaKm2: Type.Number({ exclusiveMinimum: 0 }),
    urbanShare: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    circles: Type.Array(KebabId, { uniqueItems: true }),
    seat: Type.Optional(LonLat),
    siteClass: Type.Optional(oneOf(['I0', 'I1', 'II', 'III', 'IV'] as const, { hint: '(GB 50011 site classes)' })),
    foldedUnits: Type.Optional(Type.Array(FoldedUnit)),
    estimate: Type.Optional(Text),
    ...ProvenanceFields,
  },
  { additionalProperties: false },
);
export type ZoneProperties = Static<typeof ZonePropertiesSchema>;

export const ZoneFeatureSchema = Type.Object(
  {
    type: Type.Literal('Feature'),
    geometry: Type.Union([PointGeometry, PolygonGeometry, MultiPolygonGeometry]),
    properties: ZonePropertiesSchema,
  },
  { additionalProperties: false },
);

function featureCollection<T extends ReturnType<typeof Type.Object>>(feature: T, description: string) {
  return Type.Object(
    {
      type: Type.Literal('FeatureCollection'),
      name: Type.Optional(Text),
      note: Type.Optional(Text),
      source: Type.Optional(sourceSchema('where the figures of features without a source of their own come from (URLs, or SOURCES.md#key, separated by " ; ")')),
      features: Type.Array(feature),
    },
    { additionalProperties: false, description },
  );
}

export const ZonesFileSchema = featureCollection(ZoneFeatureSchema, 'zones.geojson: one feature per zone');
export type ZonesFile = Static<typeof ZonesFileSchema>;

const AnyGeometry = Type.Union([PointGeometry, LineStringGeometry, PolygonGeometry, MultiPolygonGeometry]);

export const SHELTER_KINDS = ['shelter', 'stadium', 'school', 'hospital', 'exhibition-hall', 'park'] as const;

export const RiverFeatureSchema = Type.Object({ type: Type.Literal('Feature'), geometry: AnyGeometry, properties: RiverPropertiesSchema }, { additionalProperties: false });
export const RiversFileSchema = featureCollection(RiverFeatureSchema, 'rivers.geojson: the river-system network');
export type RiversFile = Static<typeof RiversFileSchema>;
export const LifelineFeatureSchema = Type.Object({ type: Type.Literal('Feature'), geometry: AnyGeometry, properties: LifelinePropertiesSchema }, { additionalProperties: false });
export const LifelinesFileSchema = featureCollection(LifelineFeatureSchema, 'lifelines.geojson: lifeline nodes and links');
export type LifelinesFile = Static<typeof LifelinesFileSchema>;
export const ShelterPropertiesSchema = Type.Object(
  {
    id: Id,
    kind: oneOf(SHELTER_KINDS),
    name: Text,
    nameZh: Type.Optional(Text),
    zone: Type.String({ minLength: 1, description: 'the zone the facility stands in' }),
    capacity: Type.Integer({ minimum: 0, description: 'people it can shelter (0 for a hospital that only gives beds)' }),
    beds: Type.Optional(Type.Integer({ minimum: 0, description: 'hospital beds' })),
    areaM2: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'effective shelter area (m²), when the capacity was derived from it' })),
    estimate: Type.Optional(Text),
    ...ProvenanceFields,
  },
  { additionalProperties: false },
);
export type ShelterProperties = Static<typeof ShelterPropertiesSchema>;
export const SheltersFileSchema = featureCollection(
  Type.Object({ type: Type.Literal('Feature'), geometry: Type.Union([PointGeometry, PolygonGeometry, MultiPolygonGeometry]), properties: ShelterPropertiesSchema }, { additionalProperties: false }),
  'shelters.geojson: shelters and dual-use facilities',
);
export type SheltersFile = Static<typeof SheltersFileSchema>;

export const OUTLINE_KINDS = ['province', 'municipality', 'region'] as const;
export const OutlineFileSchema = featureCollection(
  Type.Object({
    type: Type.Literal('Feature'),
    geometry: Type.Union([PolygonGeometry, MultiPolygonGeometry]),
    properties: Type.Object({ id: KebabId, name: Text, nameZh: Type.Optional(Text), kind: oneOf(OUTLINE_KINDS), source: Type.Optional(Text) }, { additionalProperties: false }),
  }, { additionalProperties: false }),
  'outline.geojson (optional): the true outlines of the region\'s top-level units (provinces, municipalities); seat-only zones are tessellated within them',
);
export type OutlineFile = Static<typeof OutlineFileSchema>;

const Share = Type.Number({ minimum: 0, maximum: 1 });
const MatrixRows = Type.Array(Type.Tuple([Share, Share, Share, Share, Share]), { minItems: 1, description: 'one row per intensity of `intensities`: the shares of 基本完好, 轻微破坏, 中等破坏, 严重破坏, 毁坏 (summing to 1)' });

export const DamageMatrixSchema = Type.Object(
  {
    id: KebabId,
    name: Text,
    reference: Type.String({ minLength: 1, description: 'the published study and table the rows come from' }),
    intensities: Type.Array(Type.Integer({ minimum: 1, maximum: 12 }), { minItems: 1, description: 'the tabulated intensities, consecutive and rising' }),
    codeYear: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100, description: 'the seismic code splitting preCode and postCode rows (1990: GBJ 11-89)' })),
    classes: Type.Record(KebabId, Type.Object(
      { all: Type.Optional(MatrixRows), preCode: Type.Optional(MatrixRows), postCode: Type.Optional(MatrixRows) },
      { additionalProperties: false, description: 'rows for every dwelling of the class (all), or for those built before and after codeYear' },
    ), { minProperties: 1 }),
  },
  { additionalProperties: false, description: 'a damage probability matrix (震害矩阵) per structure class' },
);
export type DamageMatrixDef = Static<typeof DamageMatrixSchema>;

export const ExposureFileSchema = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    occupancy: Type.Object({ night: Type.Number({ minimum: 0, maximum: 1 }), day: Type.Number({ minimum: 0, maximum: 1 }) }, { additionalProperties: false }),
    structureClasses: Type.Array(
      Type.Object({ id: KebabId, name: Text, nameZh: Type.Optional(Text), fragility: Text }, { additionalProperties: false }),
      { minItems: 1 },
    ),
    stock: Type.Array(
      Type.Object(
        {
          zonesWithPrefix: Type.String({ minLength: 1, description: 'applies to every zone whose id starts with this' }),
          households: Type.Record(KebabId, Type.Number({ minimum: 0 }), { minProperties: 1 }),
          builtBeforeCode: Type.Optional(Type.Record(KebabId, Share, { description: 'per structure class, the share of its households in dwellings built before the matrices\' codeYear (census 住房建成年代)' })),
          singleStoreyHouseholds: Type.Optional(Type.Number({ minimum: 0, description: 'households in single-storey dwellings (平房) among those counted in `households`: the single-family share of Hazus\'s displacement weights (absent: every dwelling counts as multi-family)' })),
          estimate: Type.Optional(Text),
          source: Type.Optional(sourceSchema()),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    vulnerability: Type.Optional(Type.Object(
      {
        default: Type.Optional(Type.String({ minLength: 1, description: "'hazus' (the Hazus equivalent-PGA curves of each class's fragility, the default) or the id of a matrix" })),
        matrices: Type.Optional(Type.Array(DamageMatrixSchema)),
      },
      { additionalProperties: false, description: 'how buildings are damaged: Hazus curves on PGA, or damage probability matrices on intensity; a scenario may pick another with consequences.vulnerability' },
    )),
  },
  { additionalProperties: false, description: 'exposure.yaml: residential building stock by structure class' },
);
export type ExposureFile = Static<typeof ExposureFileSchema>;
