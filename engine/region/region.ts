import type { RiverNetwork } from '../flood/river/network.js';
import type { LifelineNetwork } from '../lifelines/network.js';
import type { CompiledMatrix } from '../quake/vulnerability/damage-probability-matrix.js';
import type { PackDem } from './pack-dem.js';
import type { SheltersFile, LifelinesFile, OutlineFile, RegionFile, RiversFile, ZoneProperties } from './schema.js';

/**
 * A loaded, checked region pack. Zone attributes that kernels read are structure-of-arrays
 * (index = zone index); circles and groups refer to zones by index.
 */
export interface ZoneTable {
  count: number;
  ids: string[];
  names: string[];
  lon: Float64Array;
  lat: Float64Array;
  population: Float64Array;
  areaKm2: Float64Array;
  /** Index into `Region.circles` of the innermost circle holding the zone as a whole member, or -1. */
  band: Int32Array;
  /** The zone's validated properties, as authored (for layers and reports). */
  properties: ZoneProperties[];
  geometry: ZoneGeometry[];
}

export type ZoneGeometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'Polygon'; coordinates: [number, number][][] }
  | { type: 'MultiPolygon'; coordinates: [number, number][][][] };

export interface ZoneSet {
  id: string;
  name: string;
  nameZh?: string;
  note?: string;
  /** Zone indices of whole members, ascending. */
  members: Int32Array;
  /** Zone indices of zones only partly inside, ascending. */
  partialMembers: Int32Array;
}

export interface Circle extends ZoneSet {
  kind: RegionFile['circles'][number]['kind'];
  ring: number;
  within: string[];
  planAreaKm2?: number;
}

export interface Group extends ZoneSet {
  kind: NonNullable<RegionFile['groups']>[number]['kind'];
}

/** Residential building stock: each zone's residents split over structure classes. */
export interface Exposure {
  classes: { id: string; name: string; nameZh?: string; fragility: string }[];
  /** Share of each zone's residents in each class, `shares[zone * classes + class]`, rows summing to 1. */
  shares: Float64Array;
  /**
   * Share of each zone's residents in single-family dwellings (Hazus's displacement weights tell
   * single- from multi-family), from the census's single-storey (平房) households; absent where the
   * pack gives no storey counts (every dwelling then counts as multi-family).
   */
  singleFamilyShare?: Float64Array;
  occupancy: { night: number; day: number };
  /** The pack's damage probability matrices, compiled over `classes`. */
  matrices: CompiledMatrix[];
  /** 'hazus' or a matrix id: the vulnerability a scenario gets unless it names another. */
  defaultVulnerability: string;
  /** Per zone and class, the share of residents in dwellings built before the matrices' code year (`[zone * classes + class]`); absent when no matrix splits a class. */
  builtBeforeCode?: Float64Array;
}

export interface Region {
  id: string;
  name: string;
  nameZh?: string;
  /** Absolute path of the pack folder. */
  dir: string;
  zoneGeometry: 'seat' | 'boundary';
  zones: ZoneTable;
  circles: Circle[];
  groups: Group[];
  defaults: NonNullable<RegionFile['defaults']>;
  layers: { rivers: RiversFile; lifelines: LifelinesFile; shelters: SheltersFile };
  /** From the optional `outline.geojson`: the true outlines of the provinces and municipalities. */
  outline?: OutlineFile;
  /** From the optional `exposure.yaml`. */
  exposure?: Exposure;
  /** The river-system network of `rivers.geojson`, compiled for routing (empty when the pack has none). */
  river: RiverNetwork;
  /** The lifeline systems of `lifelines.geojson`, compiled (empty when the pack has none). */
  lifelines: LifelineNetwork;
  /** The DEM region.yaml names, and what its compartments read from it (their relations are already in `river`). */
  dem?: PackDem;
}
