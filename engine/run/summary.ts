import type { BackupRouteReport } from '../lifelines/backup-routes.js';
import type { MetricStats } from '../parallel/ensemble.js';
import type { AidSummary, EvacuationSummary, MutualAidEntry } from '../people/people-summary.js';
import type { DemSummary } from '../region/pack-dem.js';

/**
 * `summary.json` (DESIGN §5). Stages add their optional blocks (flood, lifelines, evacuation,
 * mutualAid) and per-zone fields as they come; field names are the contract.
 */
export interface ZoneSummary {
  id: string;
  name: string;
  nameZh?: string;
  population: number;
  areaKm2: number;
  /** Circle ids the zone belongs to, whole or in part. */
  circles: string[];
  /** The innermost circle holding the zone whole, or null. */
  band: string | null;
  /** Ground motion over the realizations: median (p50) intensity (instrumental, GB/T 17742-2020, or the attenuation relation, per the event's intensityModel), PGA with its 5–95% range, PGV, and Sa(1.0 s) from the zoning spectrum (what bridges feel). */
  quake?: { intensity: number; pgaG: number; pgaGP05: number; pgaGP95: number; pgvCmS: number; sa10G?: number };
  /** Residents displaced by any hazard: uninhabitable dwellings, opened detention basins, deep water (mean over realizations). */
  displaced?: number;
  /** Of the displaced, those seeking a public shelter place (the others stay with relatives, friends or in hotels), by the shares of the hazard that displaced them (mean). */
  seekingShelter?: number;
  /** Of those seeking public shelter: placed in a shelter, or left without one (the people plan). */
  evacuation?: { sheltered: number; unsheltered: number };
  /** Hazus deaths and injuries, and beside them deaths by the Chinese casualty models (the check of `quake.casualtyCheck`), means over realizations. */
  casualties?: { deaths: number; injuries: number; seriousInjuries: number; deathsYinZhiqian?: number; deathsPagerChina?: number };
  /** Residents by the damage state of their dwelling (means over realizations). */
  residentsByDamageState?: Record<string, number>;
  /** River flood at its fullest: deepest water on the zone's flooded land, km² flooded, residents on it, by SL 483 depth class (means over realizations). */
  flood?: { maxDepthM: number; floodedAreaKm2: number; populationExposed: number; byDepthBand: Record<string, number> };
  /** Fraction of the zone's residents without each lifeline system it is served by (mean over realizations). */
  serviceLoss?: Record<string, number>;
  /** Hours a resident of the zone is without each system over the horizon (fraction-weighted mean). */
  serviceHoursLost?: Record<string, number>;
  /** Of those hours, the ones flood water caused: beyond what the scenario's other outages alone cause (mean). */
  serviceHoursLostToFlood?: Record<string, number>;
}

/** A component flood water put out of service (means over the realizations it happened in). */
export interface FloodDamageEntry {
  id: string;
  system: string;
  /** Its flood rule's class, or `bridge` for a river crossing. */
  floodClass: string;
  corridor?: string;
  /** The flood areas it stands in or runs through, and the reaches it bridges with each bridge's design discharge (the water may have come from any of them). */
  areas?: string[];
  bridges?: { reach: string; designM3s: number }[];
  /** Share of realizations it went out in, and the hour it first did. */
  probabilityOut: number;
  outAtH: number;
  /** Hour it was back, where it was back within the horizon. */
  backAtH?: number;
  /** Share of realizations it was still out at the horizon. */
  probabilityStillOut: number;
  /** Deepest water over its floor. */
  maxDepthM?: number;
}

/** Lifelines (DESIGN §5 `lifelines`). */
export interface LifelineSummary {
  /**
   * What goes out within the horizon — cut, damaged by the earthquake or under flood water (the
   * hazards' outages more likely than not), and what their loss takes out in turn ('lost …') — each
   * time it goes out, when, why, and when it is back (absent: not within the horizon).
   */
  failedComponents: { id: string; system: string; cause: string; atH: number; restoredAtH?: number }[];
  /** Residents without each system at the end of the horizon (mean over realizations). */
  unservedPopulation: Record<string, number>;
  /** Resident-hours without each system over the horizon. */
  residentHoursWithout: Record<string, number>;
  /** Residents without each system for at least 24 h and 72 h by the horizon (mean over realizations). */
  residentsWithoutFor: Record<string, Record<string, number>>;
  /**
   * The restoration curve: residents without each system at days after the event (the earthquake,
   * else the first outage), as repairs end and outages are lifted — mean and 5–95 % over realizations.
   */
  restoration: { day: number; atH: number; unservedPopulation: Record<string, { mean: number; p05: number; p95: number }> }[];
  /** Components an earthquake can damage: the share of realizations that left each out of service (extensive or complete damage), and still out at the horizon (not yet repaired). */
  quakeDamage?: { id: string; system: string; fragility: string; probabilityOutOfService: number; probabilityDownAtHorizon: number }[];
  /** Components flood water put out, most likely first. */
  floodDamage?: FloodDamageEntry[];
  /** The flood rule of each class in `floodDamage`, with its source; and what is assumed where the pack is silent. */
  floodRules?: Record<string, string>;
  /** Per system touched by the outages at `backupRoutesAtH` (the hour the most components are out): unmet supply, load rerouted, the corridors that took it, the bottleneck links. */
  backupRoutes: BackupRouteReport[];
  backupRoutesAtH: number;
}

export interface QuakeSummary {
  events: { gmpe: string; intensityModel: string; ms: number; mw: number; depthKm: number; epicenter: [number, number]; ruptureLengthKm: number; strikeDeg?: number; residuals: string }[];
  /** Residents in zones whose PGA reached each design acceleration (GB 50011: VI 0.05 g, VII 0.10 g, VIII 0.20 g, IX 0.40 g). */
  /** Residents in zones whose intensity (by each event's intensityModel) rounds to each degree or more. */
  populationAtIntensity: ({ intensity: number } & MetricStats)[];
  populationAtPga: ({ pgaG: number } & MetricStats)[];
  damage?: {
    method: string;
    /** Which vulnerability gave the damage states: 'hazus' or a damage probability matrix of the pack, with its source. */
    vulnerability: { model: string; reference: string };
    deaths: MetricStats;
    injuries: MetricStats;
    seriousInjuries: MetricStats;
    displaced: MetricStats;
    residentsInDamageState: Record<string, MetricStats>;
  };
  /**
   * Deaths by Chinese casualty models beside the Hazus estimate (`damage.deaths`), as a check: not
   * used by other stages. 尹之潜 needs building damage (absent without an exposure).
   */
  casualtyCheck: {
    basis: string;
    yinZhiqian?: { deaths: MetricStats; method: string };
    pagerChina: { deaths: MetricStats; method: string };
  };
}

export interface CircleSummary {
  id: string;
  name: string;
  nameZh?: string;
  kind: string;
  ring: number;
  zones: number;
  partialZones: number;
  population: number;
  areaKm2: number;
  planAreaKm2?: number;
}

/** The river-system flood (DESIGN §5 `flood`). */
export interface FloodSummary {
  /** Each storm: its rain over the network's sub-basins (before any spread over realizations), the factor on its totals and, for a transposed storm, where it came from — never a return period the engine cannot source. */
  storms: { durationH: number; rainM3: number; meanMm: number; scale: number; transposedFrom?: string }[];
  /** Design floods entering the network: where, their peak, the source of the design value, and the typical flood that shaped them. */
  designFloods: { node: string; peakM3s: number; basis?: string; shapeFrom?: string }[];
  /** Stations and sea outlets: peak, its time, and the hydrograph at every hour from 0 (mean over realizations). */
  stations: { id: string; name: string; peakDischargeM3s: number; peakTimeH: number; hourlyM3s: number[] }[];
  reservoirs: { id: string; name: string; peakInflowM3s: number; peakOutflowM3s: number; maxStorageM3: number }[];
  detentionBasins: { id: string; name: string; activated: boolean; activatedAtH?: number; maxStoredM3: number; residents: number }[];
  /**
   * Levees overtopped (flow above the design discharge) or breached (sampled fragility): where,
   * when (mean over the realizations it happened in), how much left the river, in what share of
   * realizations, and the compartment it flooded.
   */
  leveeFailures: { id: string; reach: string; kind: 'overtopping' | 'breach'; atH: number; volumeM3: number; probability: number; floods?: string }[];
  /** Compartments and detention basins with water in them: level (deepest water), volume, extent, since when, residents on the flooded land, level at every hour from 0 (means; `probability`: share of realizations). */
  floodedAreas: { id: string; name: string; kind: 'compartment' | 'detention-basin'; probability: number; floodedFromH: number; maxStageM: number; maxVolumeM3: number; floodedAreaKm2: number; populationExposed: number; hourlyStageM: number[] }[];
  /** Residents on flooded land by SL 483-2017 depth class, in all, and those displaced by depth. */
  exposure: { depthBandsM: number[]; byDepthBand: Record<string, MetricStats>; populationExposed: MetricStats; displacedByDepth: MetricStats; displacementDepthM: number };
  /** Rain + design-flood inflow = losses + in transit + reservoir and basin storage + floodplain + sea + channel storage; `drainedM3` is the part of the floodplain water that drained out of compartments by the end. */
  mass: { rainM3: number; externalInflowM3: number; lossesM3: number; inTransitM3: number; reservoirStorageChangeM3: number; basinStoredM3: number; floodplainM3: number; seaOutflowM3: number; channelStorageChangeM3: number; drainedM3: number; relativeError: number };
  /** Where the pack names a DEM: the compartments whose stage–area relation came from it (the others keep the pack's), and the components whose ground it gave. */
  dem?: DemSummary;
}

export interface Summary {
  schemaVersion: 1;
  scenario: string;
  scenarioTitle: string;
  region: string;
  regionName: string;
  seed: number;
  realizations: number;
  engineVersion: string;
  elapsedS: number;
  totals: { zones: number; population: number; areaKm2: number };
  circles: CircleSummary[];
  zones: ZoneSummary[];
  quake?: QuakeSummary;
  flood?: FloodSummary;
  lifelines?: LifelineSummary;
  evacuation?: EvacuationSummary;
  /** Aid one circle gives another, per resource, with the corridors it travels (DESIGN §5). */
  mutualAid?: MutualAidEntry[];
  /** Each circle's need per resource: met within, met by other circles, unmet. */
  aid?: AidSummary;
  ensemble?: Record<string, MetricStats>;
  /** Where the scenario is known to differ from what happened, or what it assumes (the scenario's `caveats`). */
  caveats?: string[];
}

/** Per zone: displaced over the realizations; seeking public shelter (mean), sheltered and unsheltered from the people plan. */
export interface PeopleZoneStats { displaced: MetricStats[] | undefined; seekers: Float64Array; sheltered: Float64Array; unsheltered: Float64Array }
