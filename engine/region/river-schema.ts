/**
 * Properties of the river-system network in `rivers.geojson` (DESIGN §3), one schema per kind.
 * Nodes: junction, station, reservoir, detention-basin, outlet. Links: reach. Areas: subbasin,
 * compartment (land behind levees that spilled water floods).
 * SI units; every figure from a source or marked `estimate` in the pack.
 */
import { Type, type Static, type TProperties } from '@sinclair/typebox';
import { Id } from '../core/geo-schema.js';
import { ProvenanceFields } from './provenance-schema.js';

const Text = Type.String({ minLength: 1 });
const Positive = (description: string) => Type.Number({ exclusiveMinimum: 0, description });
const NonNegative = (description: string) => Type.Number({ minimum: 0, description });

const common = {
  id: Id,
  name: Text,
  nameZh: Type.Optional(Text),
  zone: Type.Optional(Id),
  estimate: Type.Optional(Text),
  ...ProvenanceFields,
};

export const SubbasinSchema = Type.Object(
  {
    kind: Type.Literal('subbasin'), ...common,
    areaKm2: Positive('drainage area (km²)'),
    curveNumber: Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'SCS curve number for average antecedent moisture (AMC II)' }),
    tcH: Positive('time of concentration (h)'),
    outlet: Type.String({ minLength: 1, description: 'id of the node its runoff enters' }),
    designRain: Type.Optional(Type.Array(Type.Object(
      {
        durationH: Positive('storm duration (h) these statistics are for'),
        meanMm: Positive('mean of the annual maximum areal rainfall of that duration (mm)'),
        cv: Positive('its coefficient of variation'),
        csOverCv: Type.Optional(Positive('skew over Cv (default 3.5, the usual Chinese storm-atlas ratio)')),
        source: Type.String({ minLength: 1, description: 'where the statistics come from (storm atlas, hydrology manual)' }),
      },
      { additionalProperties: false },
    ), { minItems: 1, description: 'annual-maximum rainfall statistics for design storms (Pearson III), one entry per duration' })),
  },
  { additionalProperties: false },
);

/** Stage–area relation: (level above the lowest ground, flooded area) from (0, 0) upward. */
const StageArea = Type.Array(
  Type.Object({ stageM: NonNegative('water level above the lowest ground (m)'), areaKm2: NonNegative('area flooded at that level (km²)') }, { additionalProperties: false }),
  { minItems: 2, description: 'stage–area relation, levels increasing from (0 m, 0 km²); the area stays at its last value above the last level' },
);

/** Area (km²) of each zone inside a compartment or basin. */
const ZoneAreas = Type.Record(Type.String({ minLength: 1 }), Positive('area of the zone inside (km²)'), { minProperties: 1, description: 'area of each zone inside (km²), by zone id' });

export const CompartmentSchema = Type.Object(
  {
    kind: Type.Literal('compartment'), ...common,
    zones: ZoneAreas,
    stageArea: StageArea,
    drainageM3s: Type.Optional(NonNegative('rate at which water leaves the compartment once in it — drainage sluices and pumping stations back to the river or the sea (m³/s; default 0: what floods it stays for the run)')),
  },
  { additionalProperties: false },
);

const node = <K extends string, P extends TProperties>(kind: K, extra: P) =>
  Type.Object({ kind: Type.Literal(kind), ...common, ...extra }, { additionalProperties: false });

export const JunctionSchema = node('junction', {});
export const OutletSchema = node('outlet', {});
export const StationSchema = node('station', { safeDischargeM3s: Type.Optional(NonNegative('discharge the river carries safely here (m³/s)')) });

export const ReservoirSchema = node('reservoir', {
  initialStorageM3: NonNegative('storage at the start (m³)'),
  floodLimitStorageM3: NonNegative('storage at the flood-limit level (m³): above it the reservoir releases to bring it down'),
  crestStorageM3: Positive('storage at the spillway crest (m³)'),
  maxReleaseM3s: NonNegative('largest controlled release, what the downstream reach can take (m³/s)'),
  spillwayM3sPerM3: Type.Optional(NonNegative('spillway discharge per m³ of storage above the crest (m³/s per m³), a linearised rating')),
});

export const DetentionBasinSchema = node('detention-basin', {
  areaKm2: Positive('area (km²)'),
  designVolumeM3: Positive('design storage (m³)'),
  residents: Type.Integer({ minimum: 0, description: 'people living inside, displaced at activation' }),
  controlStation: Type.Optional(Type.String({ minLength: 1, description: 'node whose discharge opens the gates (default: the basin node itself)' })),
  activationDischargeM3s: NonNegative('discharge at the control station that opens the gates (m³/s)'),
  gateCapacityM3s: Positive('largest inflow the gates pass (m³/s)'),
  zones: Type.Optional(ZoneAreas),
  stageArea: Type.Optional(StageArea),
});

export const ReachSchema = Type.Object(
  {
    kind: Type.Literal('reach'), ...common,
    from: Type.String({ minLength: 1 }),
    to: Type.String({ minLength: 1 }),
    lengthKm: Positive('length (km)'),
    widthM: Positive('channel width (m)'),
    slope: Positive('bed slope (m/m)'),
    manning: Positive("Manning's n"),
    capacityM3s: Type.Optional(NonNegative('discharge the levees contain (m³/s); above it water leaves the river')),
    leveeReturnPeriodYears: Type.Optional(Positive('levee design standard (years): sets the levee grade, hence its freeboard and breach fragility (GB 50286-2013)')),
    floodsCompartment: Type.Optional(Type.String({ minLength: 1, description: 'compartment that water leaving this reach over or through its levees floods' })),
    breachWidthM: Type.Optional(Positive('final width of a levee breach on this reach (m)')),
    diversion: Type.Optional(Type.Object(
      {
        aboveM3s: NonNegative('discharge at the from-node above which the diversion takes water (m³/s)'),
        maxM3s: Positive('largest discharge the diversion takes (m³/s): its sluice or channel capacity'),
      },
      { additionalProperties: false, description: 'a branch leaving a bifurcation: it takes the flow at its from-node above `aboveM3s`, up to `maxM3s`; the rest continues down the main reach' },
    )),
  },
  { additionalProperties: false },
);

export const RiverPropertiesSchema = Type.Union([SubbasinSchema, CompartmentSchema, JunctionSchema, OutletSchema, StationSchema, ReservoirSchema, DetentionBasinSchema, ReachSchema]);
export type RiverProperties = Static<typeof RiverPropertiesSchema>;
export type Subbasin = Static<typeof SubbasinSchema>;
export type Reservoir = Static<typeof ReservoirSchema>;
export type DetentionBasin = Static<typeof DetentionBasinSchema>;
export type Reach = Static<typeof ReachSchema>;
export type Compartment = Static<typeof CompartmentSchema>;
