import type { MetricSink } from '../../parallel/metric-sink.js';
import { valueAt } from '../grid/model.js';
import type { DesignFloodHazard, RainfallHazard, ScenarioFile } from '../../scenario/schema.js';
import type { RiverNetwork } from './network.js';
import type { Rng } from '../../parallel/rng.js';
import { areaAt, areaByDepthBand, stageAt, type Hypsometry } from './compartment.js';
import { breachDepthM, leveeFragility, type LeveeFragility } from './levee-breach.js';
import { designDepth } from './pearson-iii.js';
import type { AntecedentMoisture } from './scs-curve-number.js';
import { simulateRiverNetwork, type RiverRunResult } from './simulate-network.js';

/** Routing step of the river-system model (a scenario run; the benchmark also runs 5 minutes). */
export const FLOOD_STEP_S = 900;

/** Share of a storm's total fallen by time t (h) of a storm lasting d hours. */
function cumulativeShare(t: number, d: number, pattern: 'triangular' | 'uniform'): number {
  if (t <= 0) return 0;
  if (t >= d) return 1;
  if (pattern === 'uniform') return t / d;
  // Symmetric triangle peaking mid-storm: the CDF of the triangular distribution on [0, d].
  return t <= d / 2 ? (2 * t * t) / (d * d) : 1 - (2 * (d - t) * (d - t)) / (d * d);
}

/** One storm's rain per routing step on each sub-basin, and the spread of its totals over realizations. */
export interface CompiledStorm {
  rainMm: Float64Array[];
  /** Coefficient of variation of the storm's totals (0: the same rain in every realization). */
  totalsCv: number;
  /** The factor on its totals, and the scenario whose storm it moved here, for the summary. */
  scale: number;
  transposedFrom?: string;
  durationH: number;
}

/** Land a flood can cover, with where people live on it: a levee compartment or a detention basin. */
export interface FloodArea {
  id: string;
  hypsometry: Hypsometry;
  /** Zone index and km² of each part, and the residents on it. */
  zone: Int32Array;
  km2: Float64Array;
  residents: Float64Array;
  /** Residents leave when their ground floods deep enough (compartments); basin residents leave at activation instead. */
  displacesByDepth: boolean;
}

/** A scenario's river flood compiled for realizations: the network, the storms, and the land they can flood. */
export interface FloodInput {
  network: RiverNetwork;
  dtS: number;
  steps: number;
  storms: CompiledStorm[];
  antecedentMoisture: AntecedentMoisture;
  /** Per reach: breach fragility where the levee's standard and design discharge are known. */
  fragility: (LeveeFragility | undefined)[];
  breachWidthM: Float64Array;
  /** Compartments, then detention basins, in network order. */
  areas: FloodArea[];
  zonePopulation: Float64Array;
  displacementDepthM: number;
  /** Design-flood inflows (m³/s at each sample) by node. */
  nodeInflows: Map<number, Float64Array>;
  /** Each design flood as given, for the summary: where, its peak, where the value comes from and what shaped it. */
  designFloods: { node: string; peakM3s: number; basis?: string; shapeFrom?: string }[];
}

/**
 * Depth classes for exposure: < 0.5, 0.5–1, 1–2, 2–3 and ≥ 3 m — the first edge is the
 * displacement depth, then 1 m steps to about a storey.
 */
export const DEPTH_BAND_EDGES_M = [0.5, 1, 2, 3] as const;
export const DEPTH_BAND_LABELS = ['<0.5m', '0.5-1m', '1-2m', '2-3m', '>=3m'] as const;

/**
 * Residents leave home where the water stands at least this deep: 0.5 m, where still water
 * reaches "danger for some" in the Defra/Environment Agency hazard rating HR = d·(v + 0.5) + DF
 * (FD2321/TR2, 2006: HR 0.75 at v = 0 with the debris factor 0.5 of open land). A region may set
 * its own (`defaults.floodDisplacementDepthM`).
 */
export const FLOOD_DISPLACEMENT_DEPTH_M = 0.5;

/**
 * Final breach width where a reach gives none: 50 m, just above the widest Hai-plain breaches
 * found with a source (the Wei River 1953, 47 m and 35 m; SOURCES.md of the capital pack).
 */
export const DEFAULT_BREACH_WIDTH_M = 50;

export interface FloodZones {
  population: Float64Array;
  areaKm2: Float64Array;
  index: Map<string, number>;
}

/**
 * A scenario's river flood for realizations: rain per routing step on each sub-basin (totals
 * split by their pattern), design-flood inflows at their nodes, the network with the scenario's
 * reservoir and gate overrides, each leveed reach's breach fragility, and the land the flood can cover.
 */
export function compileFloodInput(hazards: RainfallHazard[], packNetwork: RiverNetwork, horizonH: number, zones: FloodZones, options: { displacementDepthM?: number; stepS?: number; designFloods?: DesignFloodHazard[]; overrides?: ScenarioFile['river'] } = {}): FloodInput {
  const stepS = options.stepS ?? FLOOD_STEP_S;
  // Hourly hydrographs and levels are read every 3600/Δt steps.
  if (!(stepS > 0 && Number.isInteger(3600 / stepS))) throw new RangeError(`the river model's step must divide an hour, got ${stepS} s`);
  const network = withOverrides(packNetwork, options.overrides);
  const steps = Math.ceil((horizonH * 3600) / stepS);
  const dtH = stepS / 3600;
  const storms = hazards.map((h): CompiledStorm => {
    const start = h.atH ?? 0;
    const pattern = h.pattern ?? 'triangular';
    const rainMm = network.subbasins.map((b) => {
      const series = new Float64Array(steps);
      const total = (h.totalsMm?.[b.id] ?? h.uniformMm ?? designTotal(b, h) ?? 0) * (h.scale ?? 1);
      if (total === 0) return series;
      for (let k = 0; k < steps; k++) series[k] = total * (cumulativeShare((k + 1) * dtH - start, h.durationH, pattern) - cumulativeShare(k * dtH - start, h.durationH, pattern));
      return series;
    });
    return { rainMm, totalsCv: h.totalsCv ?? 0, scale: h.scale ?? 1, durationH: h.durationH, ...(h.transposedFrom ? { transposedFrom: h.transposedFrom.scenario } : {}) };
  });
  // One soil state per run: the wettest condition any storm names (the storms share the ground).
  const order = ['I', 'II', 'III'] as const;
  const antecedentMoisture = order[Math.max(...hazards.map((h) => order.indexOf(h.antecedentMoisture ?? 'II')))] ?? 'II';
  const fragility = network.reaches.map((r) => (r.capacityM3s !== undefined && r.leveeReturnPeriodYears !== undefined ? leveeFragility({ ...r, capacityM3s: r.capacityM3s, leveeReturnPeriodYears: r.leveeReturnPeriodYears }) : undefined));
  const breachWidthM = Float64Array.from(network.reaches, (r) => r.breachWidthM ?? DEFAULT_BREACH_WIDTH_M);
  const areas = [
    ...network.compartments.map((c) => floodArea(c.id, c.hypsometry, c.zones, zones, undefined)),
    ...network.basins.map((b) => floodArea(b.id, b.hypsometry, b.zones ? Object.entries(b.zones) : b.zone ? [[b.zone, b.areaKm2]] : [], zones, b.residents)),
  ];
  const displacementDepthM = options.displacementDepthM ?? FLOOD_DISPLACEMENT_DEPTH_M;
  const nodeInflows = new Map<number, Float64Array>();
  for (const flood of options.designFloods ?? []) {
    const node = network.nodeIds.indexOf(flood.node);
    const series = nodeInflows.get(node) ?? new Float64Array(steps + 1);
    const points = flood.hydrographM3s ?? [];
    const hydrograph = { t: points.map(([h]) => h), v: points.map(([, q]) => q) };
    const [first, last] = [hydrograph.t[0] ?? 0, hydrograph.t.at(-1) ?? 0];
    // Linear between the given points, 0 before the first and after the last.
    for (let k = 0; k <= steps; k++) {
      const tH = k * dtH - (flood.atH ?? 0);
      if (tH >= first && tH <= last) series[k] = (series[k] as number) + valueAt(hydrograph, tH);
    }
    nodeInflows.set(node, series);
  }
  const designFloods = (options.designFloods ?? []).map((f) => ({
    node: f.node, peakM3s: Math.max(0, ...(f.hydrographM3s ?? []).map(([, q]) => q)),
    ...(f.basis ? { basis: f.basis } : {}), ...(f.shapeFrom ? { shapeFrom: `${f.shapeFrom.scenario} at ${f.shapeFrom.node}` } : {}),
  }));
  return { network, dtS: stepS, steps, storms, antecedentMoisture, fragility, breachWidthM, areas, zonePopulation: zones.population, displacementDepthM, nodeInflows, designFloods };
}

/** A design storm's total on a sub-basin: the Pearson III depth of the hazard's return period from the sub-basin's statistics for its duration. */
function designTotal(b: RiverNetwork['subbasins'][number], h: RainfallHazard): number | undefined {
  const stats = h.returnPeriodYears === undefined ? undefined : b.designRain?.find((d) => d.durationH === h.durationH);
  return stats && h.returnPeriodYears !== undefined ? designDepth(stats.meanMm, stats.cv, stats.csOverCv ?? 3.5, h.returnPeriodYears) : undefined;
}

/** The pack's network with the scenario's assumptions: reservoirs starting elsewhere, basin gates that fail (never open). */
function withOverrides(network: RiverNetwork, overrides: ScenarioFile['river']): RiverNetwork {
  if (!overrides) return network;
  return {
    ...network,
    reservoirs: network.reservoirs.map((r) => {
      const o = overrides.reservoirs?.[r.id];
      return o ? { ...r, initialStorageM3: o.startsFull ? r.crestStorageM3 : (o.initialStorageM3 ?? r.initialStorageM3) } : r;
    }),
    basins: network.basins.map((b) => (overrides.detentionBasins?.[b.id]?.gatesFail ? { ...b, activationDischargeM3s: Infinity } : b)),
  };
}

/**
 * Residents on each zone's part of a flood area: the zone's mean density × the part's area
 * (people spread evenly over a zone, for want of a finer census), or a basin's counted residents
 * shared by area.
 */
function floodArea(id: string, hypsometry: Hypsometry, parts: [string, number][], zones: FloodZones, counted: number | undefined): FloodArea {
  const known = parts.filter(([zone]) => zones.index.has(zone));
  const zone = Int32Array.from(known, ([z]) => zones.index.get(z) as number);
  const km2 = Float64Array.from(known, ([, a]) => a);
  const totalKm2 = km2.reduce((a, b) => a + b, 0);
  const residents = Float64Array.from(known, ([, a], j) => (counted !== undefined ? (counted * a) / totalKm2 : ((zones.population[zone[j] as number] as number) * a) / (zones.areaKm2[zone[j] as number] as number)));
  return { id, hypsometry, zone, km2, residents, displacesByDepth: counted === undefined };
}

const hours = (sample: number, dtS: number): number => (sample * dtS) / 3600;

/** Nodes whose hydrographs a run reports: stations and sea outlets. */
export const gaugeNodes = (network: RiverNetwork): number[] => network.nodeKinds.flatMap((kind, k) => (kind === 'station' || kind === 'outlet' ? [k] : []));

/** Hourly samples of a run of `steps` routing steps (t = 0, 1, 2 … h). */
export const hourlySamples = (input: FloodInput): number => Math.floor((input.steps * input.dtS) / 3600) + 1;

/** One realization's river run: levee strengths, then the storms' totals, drawn from `rng` in that order. */
export function simulateFloodRealization(input: FloodInput, rng: Rng): RiverRunResult {
  const { network, dtS } = input;
  const breachDepth = Float64Array.from(input.fragility, (f) => (f ? breachDepthM(f, rng.normal()) : Infinity));
  const rainMm = network.subbasins.map(() => new Float64Array(input.steps));
  for (const storm of input.storms) {
    // Lognormal with mean 1 and the storm's coefficient of variation.
    const sigma = Math.sqrt(Math.log(1 + storm.totalsCv * storm.totalsCv));
    const factor = storm.totalsCv > 0 ? Math.exp(sigma * rng.normal() - (sigma * sigma) / 2) : 1;
    storm.rainMm.forEach((series, i) => {
      const target = rainMm[i] as Float64Array;
      for (let k = 0; k < series.length; k++) target[k] = (target[k] as number) + factor * (series[k] as number);
    });
  }
  return simulateRiverNetwork({ network, dtS, steps: input.steps, rainMm, antecedentMoisture: input.antecedentMoisture, breachDepthM: breachDepth, breachWidthM: input.breachWidthM, nodeInflows: input.nodeInflows });
}

/** What the flood leaves for the stages after it: the water on the land and in the rivers over time, and the people it displaces. */
export interface FloodLoads {
  /** Routing step (s): the series below hold a sample every step from t = 0. */
  dtS: number;
  /** Water level in each flood area (m above its lowest ground), `input.areas` order, at every sample. */
  areaStageM: Float64Array[];
  /** When each area began to flood (hours, −1 if it did not): when its residents are warned to leave. */
  areaFloodedAtH: Float64Array;
  /** Discharge entering each reach at every sample (m³/s): what the bridges over it must pass. */
  reachInflowM3s: Float64Array[];
  /** When each detention basin opened (hours, −1 if it did not). */
  basinOpenedAtH: Float64Array;
  /** Per zone: residents whose ground flooded at least the displacement depth (compartments only). */
  displacedByDepth: Float64Array;
  /** The same residents by the area they live in, leaving when it begins to flood (the warning), per zone. */
  depthDepartures: { atH: number; displaced: Float64Array }[];
}

/**
 * One realization of the river flood: the storms' totals and each levee's strength drawn from
 * `rng` (reach order, then storm order), the network routed, then peaks at nodes, hourly
 * hydrographs at the gauges, reservoirs, basins, levees, the flooded areas with who lives on
 * them, and the volume balance.
 */
export function runFloodRealization(input: FloodInput, rng: Rng, sink: MetricSink): FloodLoads {
  const { network, dtS } = input;
  const result = simulateFloodRealization(input, rng);
  const nodes = network.nodeIds.length;
  const gauges = gaugeNodes(network);
  const samples = hourlySamples(input);
  const perHour = Math.round(3600 / dtS);
  const hydrographs = sink.field('river.gaugeHourlyM3s', gauges.length * samples);
  gauges.forEach((node, g) => {
    const q = result.nodeOutflow[node] as Float64Array;
    for (let h = 0; h < samples; h++) hydrographs[g * samples + h] = q[Math.min(h * perHour, q.length - 1)] ?? 0;
  });
  const peak = sink.field('river.nodePeakM3s', nodes);
  const peakAt = sink.field('river.nodePeakTimeH', nodes);
  result.nodeOutflow.forEach((q, node) => {
    let best = 0;
    let at = 0;
    q.forEach((v, k) => { if (v > best) { best = v; at = k; } });
    peak[node] = best;
    peakAt[node] = hours(at, dtS);
  });
  const rIn = sink.field('river.reservoirPeakInflowM3s', network.reservoirs.length);
  const rOut = sink.field('river.reservoirPeakOutflowM3s', network.reservoirs.length);
  const rMax = sink.field('river.reservoirMaxStorageM3', network.reservoirs.length);
  network.reservoirs.forEach((r, i) => {
    rIn[i] = Math.max(...(result.nodeInflow[r.node] as Float64Array));
    rOut[i] = Math.max(...(result.reservoirs[i]?.outflow ?? [0]));
    rMax[i] = Math.max(...(result.reservoirs[i]?.storage ?? [0]));
  });
  const bAt = sink.field('river.basinActivatedAtH', network.basins.length);
  const bMax = sink.field('river.basinMaxStoredM3', network.basins.length);
  let basinResidents = 0;
  network.basins.forEach((b, i) => {
    const basin = result.basins[i];
    bAt[i] = basin && basin.activatedAt >= 0 ? hours(basin.activatedAt, dtS) : -1;
    bMax[i] = Math.max(...(basin?.stored ?? [0]));
    if (basin && basin.activatedAt >= 0) basinResidents += b.residents;
  });
  const oVol = sink.field('river.reachOvertopM3', network.reaches.length);
  const oAt = sink.field('river.reachOvertopAtH', network.reaches.length);
  const brAt = sink.field('river.reachBreachAtH', network.reaches.length);
  const brVol = sink.field('river.reachBreachM3', network.reaches.length);
  let breaches = 0;
  result.overtopping.forEach((o, i) => {
    oVol[i] = o.volumeM3;
    oAt[i] = o.firstAt >= 0 ? hours(o.firstAt, dtS) : -1;
    brAt[i] = o.breachAt >= 0 ? hours(o.breachAt, dtS) : -1;
    brVol[i] = o.breachVolumeM3;
    if (o.breachAt >= 0) breaches++;
  });
  sink.scalar('flood.leveeBreaches', breaches);
  sink.scalar('flood.basinResidentsDisplaced', basinResidents);
  for (const [name, value] of Object.entries(result.mass) as [string, number][]) sink.scalar(`flood.mass.${name}`, value);
  let drained = 0;
  for (const v of result.compartmentDrainedM3) drained += v;
  sink.scalar('flood.mass.drainedM3', drained);
  const compartmentVolume = [...result.compartmentVolume, ...result.basins.map((b) => b.stored)];
  const areaStageM = input.areas.map((area, a) => (compartmentVolume[a] ?? new Float64Array(input.steps + 1)).map((v) => stageAt(area.hypsometry, v)));
  const { displaced, departures, floodedAtH } = floodedAreas(input, compartmentVolume, areaStageM, sink);
  return { dtS, areaStageM, areaFloodedAtH: floodedAtH, reachInflowM3s: result.reachInflow, basinOpenedAtH: bAt, displacedByDepth: displaced, depthDepartures: departures };
}

/**
 * Each flooded area at its fullest (compartments only fill within a run; basins hold their
 * stored water): level, extent and when it began, then per zone the deepest water, the flooded
 * km², residents exposed by depth class and those displaced by depth. People on a part of an area
 * are taken as spread evenly over its land, so a class holds the residents × its share of the land.
 */
function floodedAreas(input: FloodInput, volume: Float64Array[], areaStage: Float64Array[], sink: MetricSink): { displaced: Float64Array; departures: FloodLoads['depthDepartures']; floodedAtH: Float64Array } {
  const n = input.zonePopulation.length;
  const bands = DEPTH_BAND_EDGES_M.length + 1;
  const stageOut = sink.field('flood.areaMaxStageM', input.areas.length);
  const volumeOut = sink.field('flood.areaMaxVolumeM3', input.areas.length);
  const areaOut = sink.field('flood.areaFloodedKm2', input.areas.length);
  const startOut = sink.field('flood.areaFloodedAtH', input.areas.length);
  const exposedOut = sink.field('flood.areaPopulationExposed', input.areas.length);
  const samples = hourlySamples(input);
  const perHour = Math.round(3600 / input.dtS);
  const hourlyOut = sink.field('flood.areaHourlyStageM', input.areas.length * samples);
  const zoneDepth = sink.field('zone.flood.maxDepthM', n);
  const zoneKm2 = sink.field('zone.flood.floodedAreaKm2', n);
  const zoneExposed = sink.field('zone.flood.populationExposed', n);
  const zoneBands = sink.field('zone.flood.exposedByDepthBand', n * bands);
  const displaced = new Float64Array(n);
  const byArea: { atH: number; displaced: Float64Array }[] = [];
  const totals = new Float64Array(bands);
  input.areas.forEach((area, a) => {
    const v = volume[a] ?? new Float64Array(1);
    let vMax = 0;
    for (const x of v) if (x > vMax) vMax = x;
    const stage = stageAt(area.hypsometry, vMax);
    const flooded = areaAt(area.hypsometry, stage);
    const started = v.findIndex((x) => x > 0);
    stageOut[a] = stage;
    volumeOut[a] = vMax;
    areaOut[a] = flooded / 1e6;
    startOut[a] = started >= 0 ? hours(started, input.dtS) : -1;
    const stages = areaStage[a] as Float64Array;
    for (let h = 0; h < samples; h++) hourlyOut[a * samples + h] = stages[Math.min(h * perHour, stages.length - 1)] ?? 0;
    if (flooded <= 0) return;
    const land = area.km2.reduce((s, x) => s + x, 0);
    const byBand = areaByDepthBand(area.hypsometry, stage, DEPTH_BAND_EDGES_M);
    const deep = areaAt(area.hypsometry, stage - input.displacementDepthM);
    const leaving = new Float64Array(n);
    let exposedHere = 0;
    area.zone.forEach((z, j) => {
      const share = (area.km2[j] as number) / land;
      // The part's residents over the whole area's land: × a flooded area gives the part's people on it.
      const perM2 = (area.residents[j] as number) / (land * 1e6);
      zoneDepth[z] = Math.max(zoneDepth[z] as number, stage);
      zoneKm2[z] = (zoneKm2[z] as number) + (flooded / 1e6) * share;
      for (let k = 0; k < bands; k++) {
        const people = perM2 * (byBand[k] as number);
        zoneBands[z * bands + k] = (zoneBands[z * bands + k] as number) + people;
        zoneExposed[z] = (zoneExposed[z] as number) + people;
        exposedHere += people;
      }
      if (area.displacesByDepth) leaving[z] = (leaving[z] as number) + perM2 * deep;
    });
    exposedOut[a] = exposedHere;
    if (deep > 0 && area.displacesByDepth) {
      leaving.forEach((x, z) => { displaced[z] = (displaced[z] as number) + x; });
      byArea.push({ atH: startOut[a], displaced: leaving });
    }
  });
  // An area's residents are counted in each area covering them; no zone exposes more than it has.
  for (let z = 0; z < n; z++) {
    const cap = input.zonePopulation[z] as number;
    if ((zoneExposed[z] as number) > cap) {
      const scale = cap / (zoneExposed[z] as number);
      zoneExposed[z] = cap;
      for (let k = 0; k < bands; k++) zoneBands[z * bands + k] = (zoneBands[z * bands + k] as number) * scale;
    }
    if ((displaced[z] as number) > cap) {
      // The same cap on each area's leavers, so their departures still add up to the zone's.
      const scale = cap / (displaced[z] as number);
      for (const part of byArea) part.displaced[z] = (part.displaced[z] as number) * scale;
      displaced[z] = cap;
    }
    for (let k = 0; k < bands; k++) totals[k] = (totals[k] as number) + (zoneBands[z * bands + k] as number);
  }
  let exposed = 0;
  DEPTH_BAND_LABELS.forEach((label, k) => {
    sink.scalar(`flood.populationExposed.${label}`, totals[k] as number);
    exposed += totals[k] as number;
  });
  sink.scalar('flood.populationExposed', exposed);
  sink.scalar('flood.displacedByDepth', displaced.reduce((s, x) => s + x, 0));
  return { displaced, departures: byArea, floodedAtH: startOut };
}
