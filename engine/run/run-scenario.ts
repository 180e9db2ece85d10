import type { Piscina } from 'piscina';
import { ENGINE_VERSION } from '../core/version.js';
import { runEnsemble, summarizeColumns, summarizeMetrics, type MetricSeries, type MetricStats } from '../parallel/ensemble.js';
import { compileFloodInput, DEPTH_BAND_EDGES_M, DEPTH_BAND_LABELS, gaugeNodes, hourlySamples, type FloodInput, type FloodZones } from '../flood/river/flood-stage.js';
import type { Region } from '../region/region.js';
import type { LoadedScenario } from '../scenario/load-scenario.js';
import { compileDamageModel } from '../quake/damage.js';
import { compileQuakeField } from '../quake/ground-motion.js';
import { compileLifelineDamage, type LifelineDamageModel } from '../quake/lifeline-damage.js';
import { backupRoutes } from '../lifelines/backup-routes.js';
import { scenarioOutages } from '../lifelines/scenario-outages.js';
import { outageTimeline, stateAt, type Outage } from '../lifelines/restoration.js';
import { OUTAGE_DURATIONS_H } from '../lifelines/service.js';
import { DEFAULT_RESTORATION_DAYS } from '../scenario/schema.js';
import { compilePeopleInput, planPeople, type PeoplePlan } from '../people/people-stage.js';
import { networkAid } from '../people/network-aid.js';
import { summarizePeople } from '../people/people-summary.js';
import { DAMAGE_STATE_NAMES, INTENSITY_BANDS, PGA_BANDS_G, peopleLoads, type LifelineInput, type PeopleStageInput, type RealizationInput } from './realization.js';
import type { CircleSummary, FloodSummary, LifelineSummary, PeopleZoneStats, QuakeSummary, Summary, ZoneSummary } from './summary.js';

export interface RunContext {
  pool: Piscina;
  onProgress?: (done: number, total: number) => void;
  /** Cancels the run: its realizations stop and the run fails. */
  signal?: AbortSignal;
  /** Clock for `elapsedS`; injectable so tests are not timing-dependent. */
  now?: () => number;
}

export function compileRealizationInput(loaded: LoadedScenario): RealizationInput {
  const { scenario, region } = loaded;
  const zones = { lon: region.zones.lon, lat: region.zones.lat, siteClass: region.zones.properties.map((p) => p.siteClass) };
  const quakes = scenario.file.hazards.filter((h) => h.type === 'earthquake');
  const flood = compileScenarioFlood(loaded);
  const outages = scenarioOutages(loaded);
  const damageable = quakes.length > 0 ? compileLifelineDamage(region.lifelines) : undefined;
  const lifelineDamage = damageable && damageable.components.length > 0 ? damageable : undefined;
  return {
    zoneIds: region.zones.ids,
    zonePopulation: region.zones.population,
    circles: region.circles.map((c) => ({ id: c.id, members: c.members })),
    quakes: quakes.map((h) => compileQuakeField(h, zones)),
    ...(quakes.length > 0 && region.exposure ? { damage: compileDamageModel(region.exposure, quakes[0]?.timeOfDay ?? 'night') } : {}),
    ...(flood ? { flood } : {}),
    ...(outages.length > 0 || lifelineDamage ? { lifelines: compileLifelineInput(loaded, outages, lifelineDamage) } : {}),
    ...(scenario.file.hazards.length > 0 ? { people: compilePeopleStage(loaded) } : {}),
  };
}

function compileLifelineInput({ scenario, region }: LoadedScenario, outages: Outage[], damage: LifelineDamageModel | undefined): LifelineInput {
  const quakeAtH = scenario.file.hazards.find((h) => h.type === 'earthquake')?.atH ?? 0;
  const { crews, days, pipelineWorkers } = scenario.file.restoration ?? {};
  return {
    network: region.lifelines, outages, horizonH: scenario.options.horizonH,
    ...(damage ? { damage, quakeAtH } : {}),
    ...(crews ? { crews } : {}),
    ...(pipelineWorkers ? { pipelineWorkers } : {}),
    // The curve starts at the event: the earthquake, else the first outage.
    restoration: { fromH: damage ? quakeAtH : Math.min(...outages.map((o) => o.fromH)), days: days ?? DEFAULT_RESTORATION_DAYS },
  };
}

/** The scenario's river flood (rain, design floods, overrides) compiled for realizations, or undefined when it has none. */
export function compileScenarioFlood({ scenario, region }: LoadedScenario): FloodInput | undefined {
  const rain = scenario.file.hazards.filter((h) => h.type === 'rainfall');
  const designFloods = scenario.file.hazards.filter((h) => h.type === 'designFlood');
  if (rain.length === 0 && designFloods.length === 0) return undefined;
  return compileFloodInput(rain, region.river, scenario.options.horizonH, floodZones(region), {
    designFloods, ...(scenario.file.river ? { overrides: scenario.file.river } : {}),
    ...(region.defaults.floodDisplacementDepthM ? { displacementDepthM: region.defaults.floodDisplacementDepthM } : {}),
  });
}

export const floodZones = (region: Region): FloodZones => ({ population: region.zones.population, areaKm2: region.zones.areaKm2, index: new Map(region.zones.ids.map((id, z) => [id, z])) });

function compilePeopleStage({ region }: LoadedScenario): PeopleStageInput {
  const zoneIndex = new Map(region.zones.ids.map((id, z) => [id, z]));
  const basins = region.river.basins;
  return {
    ...compilePeopleInput(region),
    basinZone: Int32Array.from(basins, (b) => (b.zone === undefined ? -1 : (zoneIndex.get(b.zone) ?? -1))),
    basinResidents: Float64Array.from(basins, (b) => b.residents),
  };
}

/**
 * Runs a loaded scenario: every realization of the chain on the pool, then the summary. With one
 * realization the summary reports its values; with more, the ensemble means (and `ensemble`
 * holds mean/p05/p50/p95 of every metric).
 */
export async function runScenario(loaded: LoadedScenario, context: RunContext): Promise<Summary> {
  const now = context.now ?? ((): number => performance.now() / 1000);
  const started = now();
  const { scenario, region } = loaded;
  const { realizations, seed } = scenario.options;
  const input = compileRealizationInput(loaded);
  const values = await runEnsemble(context.pool, input, {
    realizations, seed, ...(context.onProgress ? { onProgress: context.onProgress } : {}), ...(context.signal ? { signal: context.signal } : {}),
  });
  const stats = summarizeMetrics(values);
  const zoneStats = (name: string): MetricStats[] | undefined => (values[name] ? summarizeColumns(values[name]) : undefined);
  const quakeZones = input.quakes.length > 0 ? {
    intensity: zoneStats('zone.quake.intensity'), pga: zoneStats('zone.quake.pgaG'), pgv: zoneStats('zone.quake.pgvCmS'), sa10: zoneStats('zone.quake.sa10G'), deaths: zoneStats('zone.quake.deaths'), injuries: zoneStats('zone.quake.injuries'),
    serious: zoneStats('zone.quake.seriousInjuries'), displaced: zoneStats('zone.quake.displaced'), states: zoneStats('zone.quake.residentsByDamageState'),
  } : undefined;
  const metric = (name: string): number => stats[name]?.mean ?? Number.NaN;
  const people = input.people ? peoplePlan(input, input.people, values) : undefined;
  const floodZones = input.flood ? { depth: zoneStats('zone.flood.maxDepthM'), km2: zoneStats('zone.flood.floodedAreaKm2'), exposed: zoneStats('zone.flood.populationExposed'), bands: zoneStats('zone.flood.exposedByDepthBand') } : undefined;
  const peopleZones: PeopleZoneStats | undefined = people ? { displaced: zoneStats('zone.people.displaced'), sheltered: people.plan.evacuation.sheltered, unsheltered: people.plan.evacuation.unsheltered } : undefined;
  return {
    schemaVersion: 1,
    scenario: scenario.file.id,
    scenarioTitle: scenario.file.title,
    region: region.id,
    regionName: region.name,
    seed,
    realizations,
    engineVersion: ENGINE_VERSION,
    elapsedS: Number((now() - started).toFixed(3)),
    totals: { zones: region.zones.count, population: metric('population.total'), areaKm2: round1(sum(region.zones.areaKm2)) },
    circles: region.circles.map((c): CircleSummary => ({
      id: c.id, name: c.name, ...(c.nameZh ? { nameZh: c.nameZh } : {}), kind: c.kind, ring: c.ring,
      zones: c.members.length, partialZones: c.partialMembers.length,
      population: metric(`population.circle.${c.id}`),
      areaKm2: round1(sumAt(region.zones.areaKm2, c.members)),
      ...(c.planAreaKm2 ? { planAreaKm2: c.planAreaKm2 } : {}),
    })),
    zones: zoneSummaries(region, quakeZones, floodZones, { loss: lifelineByZone(input, values, 'unservedFraction', 4), hours: lifelineByZone(input, values, 'hoursWithout', 2) }, peopleZones),
    ...(input.quakes.length > 0 ? { quake: quakeSummary(input, stats) } : {}),
    ...(input.flood ? { flood: floodSummary(input.flood, values, stats) } : {}),
    ...(input.lifelines ? { lifelines: lifelineSummary(input.lifelines, stats, values, input.zonePopulation) } : {}),
    ...(input.people && people ? withNetworkAid(summarizePeople(input.people, people.plan, people.displaced, input.zoneIds, realizations > 1 ? `plan for the mean loads of ${realizations} realizations (spread over realizations in ensemble)` : 'plan of the single realization'), input, input.people, values) : {}),
    ...(realizations > 1 ? { ensemble: stats } : {}),
  };
}

function floodSummary(flood: FloodInput, values: Record<string, MetricSeries>, stats: Record<string, MetricStats>): FloodSummary {
  const { network } = flood;
  const mean = (name: string): number[] => (values[name] ? summarizeColumns(values[name]).map((s) => s.mean) : []);
  // Times and sizes of events that happen in some realizations only: share of realizations, and means over those.
  const when = (name: string, column: number, happened: (v: number) => boolean): { probability: number; mean: number } => {
    const series = values[name];
    if (!series) return { probability: 0, mean: Number.NaN };
    let count = 0;
    let total = 0;
    for (let r = 0; r * series.width < series.values.length; r++) {
      const v = series.values[r * series.width + column] as number;
      if (happened(v)) { count++; total += v; }
    }
    const realizations = series.values.length / series.width;
    return { probability: count / realizations, mean: count > 0 ? total / count : Number.NaN };
  };
  const nodePeak = mean('river.nodePeakM3s');
  const nodePeakAt = mean('river.nodePeakTimeH');
  const hydrographs = mean('river.gaugeHourlyM3s');
  const samples = hourlySamples(flood);
  const r = { inflow: mean('river.reservoirPeakInflowM3s'), outflow: mean('river.reservoirPeakOutflowM3s'), storage: mean('river.reservoirMaxStorageM3') };
  const b = { at: mean('river.basinActivatedAtH'), stored: mean('river.basinMaxStoredM3') };
  const o = { volume: mean('river.reachOvertopM3'), breachVolume: mean('river.reachBreachM3') };
  const area = { stage: mean('flood.areaMaxStageM'), volume: mean('flood.areaMaxVolumeM3'), km2: mean('flood.areaFloodedKm2'), exposed: mean('flood.areaPopulationExposed'), hourly: mean('flood.areaHourlyStageM') };
  const compartmentIds = network.compartments.map((c) => c.id);
  const massOf = (name: string): number => stats[`flood.mass.${name}`]?.mean ?? Number.NaN;
  return {
    stations: gaugeNodes(network).map((k, g) => ({
      id: network.nodeIds[k] as string, name: network.nodeNames[k] as string, peakDischargeM3s: round4(nodePeak[k] ?? 0), peakTimeH: nodePeakAt[k] ?? 0,
      hourlyM3s: hydrographs.slice(g * samples, (g + 1) * samples).map((q) => Math.round(q * 10) / 10),
    })),
    reservoirs: network.reservoirs.map((res, i) => ({ id: res.id, name: res.name, peakInflowM3s: round4(r.inflow[i] ?? 0), peakOutflowM3s: round4(r.outflow[i] ?? 0), maxStorageM3: round4(r.storage[i] ?? 0) })),
    detentionBasins: network.basins.map((basin, i) => {
      const at = b.at[i] ?? -1;
      return { id: basin.id, name: basin.name, activated: at >= 0, ...(at >= 0 ? { activatedAtH: at } : {}), maxStoredM3: round4(b.stored[i] ?? 0), residents: at >= 0 ? basin.residents : 0 };
    }),
    leveeFailures: network.reaches.flatMap((reach, i) => {
      const floods = reach.compartment >= 0 ? { floods: compartmentIds[reach.compartment] as string } : {};
      const over = when('river.reachOvertopAtH', i, (t) => t >= 0);
      const breach = when('river.reachBreachAtH', i, (t) => t >= 0);
      return [
        ...(over.probability > 0 ? [{ id: `${reach.id}-overtopping`, reach: reach.id, kind: 'overtopping' as const, atH: round4(over.mean), volumeM3: round4(o.volume[i] ?? 0), probability: over.probability, ...floods }] : []),
        ...(breach.probability > 0 ? [{ id: `${reach.id}-breach`, reach: reach.id, kind: 'breach' as const, atH: round4(breach.mean), volumeM3: round4(o.breachVolume[i] ?? 0), probability: breach.probability, ...floods }] : []),
      ];
    }),
    floodedAreas: flood.areas.flatMap((a, i) => {
      const from = when('flood.areaFloodedAtH', i, (t) => t >= 0);
      if (from.probability === 0) return [];
      const isCompartment = i < network.compartments.length;
      const name = isCompartment ? network.compartments[i]?.name : network.basins[i - network.compartments.length]?.name;
      return [{
        id: a.id, name: name ?? a.id, kind: isCompartment ? 'compartment' as const : 'detention-basin' as const, probability: from.probability, floodedFromH: round4(from.mean),
        maxStageM: round4(area.stage[i] ?? 0), maxVolumeM3: round4(area.volume[i] ?? 0), floodedAreaKm2: round4(area.km2[i] ?? 0), populationExposed: Math.round(area.exposed[i] ?? 0),
        hourlyStageM: area.hourly.slice(i * samples, (i + 1) * samples).map((x) => Math.round(x * 100) / 100),
      }];
    }),
    exposure: {
      depthBandsM: [...DEPTH_BAND_EDGES_M],
      byDepthBand: Object.fromEntries(DEPTH_BAND_LABELS.map((label) => [label, statsOf(stats, `flood.populationExposed.${label}`)])),
      populationExposed: statsOf(stats, 'flood.populationExposed'),
      displacedByDepth: statsOf(stats, 'flood.displacedByDepth'),
      displacementDepthM: flood.displacementDepthM,
    },
    mass: {
      rainM3: massOf('rainM3'), lossesM3: massOf('lossesM3'), inTransitM3: massOf('inTransitM3'), reservoirStorageChangeM3: massOf('reservoirStorageChangeM3'),
      externalInflowM3: massOf('externalInflowM3'), basinStoredM3: massOf('basinStoredM3'), floodplainM3: massOf('floodplainM3'), seaOutflowM3: massOf('seaOutflowM3'),
      channelStorageChangeM3: massOf('channelStorageChangeM3'), relativeError: massOf('relativeError'),
    },
  };
}

function quakeSummary(input: RealizationInput, stats: Record<string, MetricStats>): QuakeSummary {
  return {
    events: input.quakes.map((q) => ({
      gmpe: q.gmpe, intensityModel: q.intensityModel, ms: q.rupture.ms, mw: Number(q.rupture.mw.toFixed(2)), depthKm: q.rupture.depthKm,
      epicenter: [q.rupture.lon, q.rupture.lat] as [number, number], ruptureLengthKm: Number(q.rupture.lengthKm.toFixed(1)),
      ...(q.rupture.strikeDeg !== undefined ? { strikeDeg: q.rupture.strikeDeg } : {}),
      residuals: q.sampled ? (q.cholesky ? 'sampled, spatially correlated' : 'sampled, independent') : 'median',
    })),
    populationAtIntensity: INTENSITY_BANDS.map((degree) => ({ intensity: degree, ...statsOf(stats, `quake.populationAtIntensity.${degree}`) })),
    populationAtPga: PGA_BANDS_G.map((band) => ({ pgaG: band, ...statsOf(stats, `quake.populationAtPga.${band.toFixed(2)}g`) })),
    ...(input.damage ? {
      damage: {
        method: 'Hazus equivalent-PGA fragility (β = 0.64) on 2010-census structure shares; expected values per realization',
        deaths: statsOf(stats, 'quake.deaths'),
        injuries: statsOf(stats, 'quake.injuries'),
        seriousInjuries: statsOf(stats, 'quake.seriousInjuries'),
        displaced: statsOf(stats, 'quake.displaced'),
        residentsInDamageState: Object.fromEntries(DAMAGE_STATE_NAMES.map((s) => [s, statsOf(stats, `quake.residentsInDamageState.${s}`)])),
      },
    } : {}),
  };
}

const statsOf = (stats: Record<string, MetricStats>, name: string): MetricStats => stats[name] ?? { mean: Number.NaN, p05: Number.NaN, p50: Number.NaN, p95: Number.NaN };

type QuakeZoneStats = Record<'intensity' | 'pga' | 'pgv' | 'sa10' | 'deaths' | 'injuries' | 'serious' | 'displaced' | 'states', MetricStats[] | undefined>;

/** Mean per zone and system, for the systems that serve the zone, of a lifeline zone field. */
function lifelineByZone(input: RealizationInput, values: Record<string, MetricSeries>, field: 'unservedFraction' | 'hoursWithout', digits: number): Record<string, number>[] | undefined {
  if (!input.lifelines) return undefined;
  const byZone: Record<string, number>[] = input.zoneIds.map(() => ({}));
  for (const system of input.lifelines.network.bySystem) {
    const series = values[`zone.lifelines.${system.system}.${field}`];
    if (!series) continue;
    summarizeColumns(series).forEach((s, z) => { if (!Number.isNaN(s.mean)) (byZone[z] as Record<string, number>)[system.system] = Number(s.mean.toFixed(digits)); });
  }
  return byZone;
}

/** The people stage's plan for the ensemble's mean loads (with one realization, its own). */
function peoplePlan(input: RealizationInput, people: PeopleStageInput, values: Record<string, MetricSeries>): { plan: PeoplePlan; displaced: Float64Array } {
  const n = input.zoneIds.length;
  const meanField = (name: string): Float64Array | undefined => (values[name] ? Float64Array.from(summarizeColumns(values[name]), (s) => s.mean) : undefined);
  const displaced = meanField('zone.people.displaced') ?? new Float64Array(n);
  const serious = meanField('zone.quake.seriousInjuries');
  let lifelines: Parameters<typeof peopleLoads>[4];
  if (input.lifelines) {
    const unserved: NonNullable<typeof lifelines>['unserved'] = {};
    for (const system of ['water', 'power'] as const) {
      const mean = meanField(`zone.lifelines.${system}.unservedFraction`);
      if (mean) unserved[system] = mean;
    }
    lifelines = { alive: aliveAtHorizon(input.lifelines, values), unserved };
  }
  const loads = { ...peopleLoads(people, n, undefined, undefined, lifelines), displaced, ...(serious ? { seriousInjuries: serious } : {}) };
  return { plan: planPeople(people, loads), displaced };
}

/**
 * Components the earthquake leaves out at the horizon (not yet repaired) in at least half of
 * the realizations: with the deliberate outages, what the people plan for the mean loads assumes.
 */
function likelyQuakeOutages(input: LifelineInput, values: Record<string, MetricSeries>): Outage[] {
  const series = values['lifelines.componentDownAtHorizon'];
  if (!input.damage || !series) return [];
  const fromH = input.quakeAtH ?? 0;
  return summarizeColumns(series).flatMap((s, i) => (s.mean >= 0.5 ? [{ component: input.damage?.components[i] as number, fromH, untilH: Infinity }] : []));
}

/** Components working at the horizon after the deliberate outages and the earthquake damage more likely than not still there. */
function aliveAtHorizon(input: LifelineInput, values: Record<string, MetricSeries>): Uint8Array {
  return stateAt(input.network, [...input.outages, ...likelyQuakeOutages(input, values)], input.horizonH).alive;
}

/** The people stage's mutual aid plus the aid the utility networks carry between circles. */
function withNetworkAid(people: ReturnType<typeof summarizePeople>, input: RealizationInput, stage: PeopleStageInput, values: Record<string, MetricSeries>): ReturnType<typeof summarizePeople> {
  if (!input.lifelines) return people;
  const unserved: Record<string, Float64Array> = {};
  for (const system of input.lifelines.network.bySystem) {
    const series = values[`zone.lifelines.${system.system}.unservedFraction`];
    if (series) unserved[system.system] = Float64Array.from(summarizeColumns(series), (c) => c.mean);
  }
  const network = networkAid(input.lifelines.network, aliveAtHorizon(input.lifelines, values), input.zonePopulation, stage.bands, unserved);
  return { ...people, mutualAid: [...people.mutualAid, ...network] };
}

function lifelineSummary(input: LifelineInput, stats: Record<string, MetricStats>, values: Record<string, MetricSeries>, population: Float64Array): LifelineSummary {
  const { network } = input;
  const routes = backupRoutes(network, aliveAtHorizon(input, values), population);
  const outSeries = values['lifelines.componentOutOfService'];
  const downSeries = values['lifelines.componentDownAtHorizon'];
  const stillDown = downSeries ? summarizeColumns(downSeries) : [];
  const quakeDamage = input.damage && outSeries
    ? summarizeColumns(outSeries).flatMap((s, i) => {
      const k = input.damage?.components[i] as number;
      const entry = { id: network.ids[k] as string, system: network.systems[k] as string, fragility: network.fragility[k] as string, probabilityOutOfService: Number(s.mean.toFixed(3)), probabilityDownAtHorizon: Number((stillDown[i]?.mean ?? 0).toFixed(3)) };
      return s.mean > 0 ? [entry] : [];
    }).sort((a, b) => b.probabilityOutOfService - a.probabilityOutOfService)
    : undefined;
  return {
    failedComponents: failedComponents(input),
    unservedPopulation: Object.fromEntries(network.bySystem.map((s) => [s.system, Math.round(stats[`lifelines.${s.system}.unservedPopulation`]?.mean ?? 0)])),
    residentHoursWithout: Object.fromEntries(network.bySystem.map((s) => [s.system, Math.round(stats[`lifelines.${s.system}.residentHoursWithout`]?.mean ?? 0)])),
    residentsWithoutFor: Object.fromEntries(network.bySystem.map((s) => [s.system, Object.fromEntries(OUTAGE_DURATIONS_H.map((d) => [`${d}h`, Math.round(stats[`lifelines.${s.system}.residentsWithoutFor.${d}h`]?.mean ?? 0)]))])),
    restoration: input.restoration.days.map((day) => ({
      day,
      atH: input.restoration.fromH + 24 * day,
      unservedPopulation: Object.fromEntries(network.bySystem.map((s) => {
        const m = stats[`lifelines.${s.system}.restoration.${day}d`];
        return [s.system, { mean: Math.round(m?.mean ?? 0), p05: Math.round(m?.p05 ?? 0), p95: Math.round(m?.p95 ?? 0) }];
      })),
    })),
    ...(quakeDamage ? { quakeDamage } : {}),
    backupRoutes: routes,
  };
}

/**
 * What the deliberate outages take out within the horizon, directly or through the cascade: each
 * component once per time it goes down, when, why, and when it is back if within the horizon.
 */
function failedComponents(input: LifelineInput): LifelineSummary['failedComponents'] {
  const { network } = input;
  const cut = new Set(input.outages.map((o) => o.component));
  const steps = outageTimeline(network, input.outages, input.horizonH);
  const out: LifelineSummary['failedComponents'] = [];
  const open = new Map<number, LifelineSummary['failedComponents'][number]>();
  for (const step of steps) {
    step.alive.forEach((up, k) => {
      const entry = open.get(k);
      if (up && entry) {
        entry.restoredAtH = step.atH;
        open.delete(k);
      } else if (!up && !entry) {
        const group = network.dependsOn[k]?.[step.causeGroup[k] as number];
        const cause = cut.has(k) && step.causeGroup[k] === -1 ? 'outage' : `lost ${group?.suppliers.map((s) => network.ids[s]).join(' or ') ?? '?'}`;
        const failed = { id: network.ids[k] as string, system: network.systems[k] as string, cause, atH: step.failsAtH[k] as number };
        open.set(k, failed);
        out.push(failed);
      }
    });
  }
  return out.sort((a, b) => a.atH - b.atH);
}

type FloodZoneStats = Record<'depth' | 'km2' | 'exposed' | 'bands', MetricStats[] | undefined>;

function zoneSummaries(region: Region, quake: QuakeZoneStats | undefined, flood: FloodZoneStats | undefined, service: { loss: Record<string, number>[] | undefined; hours: Record<string, number>[] | undefined }, people: PeopleZoneStats | undefined): ZoneSummary[] {
  const serviceLoss = service.loss;
  const { zones, circles } = region;
  return zones.ids.map((id, z) => {
    const p = zones.properties[z];
    const band = zones.band[z] ?? -1;
    const at = (series: MetricStats[] | undefined): MetricStats | undefined => series?.[z];
    const pga = at(quake?.pga);
    const intensity = at(quake?.intensity);
    const pgv = at(quake?.pgv);
    const sa10 = at(quake?.sa10);
    const displaced = at(quake?.displaced);
    const peopleDisplaced = at(people?.displaced);
    const sheltered = people?.sheltered[z];
    const unsheltered = people?.unsheltered[z];
    const floodedKm2 = at(flood?.km2)?.mean ?? 0;
    const bands = DEPTH_BAND_LABELS.length;
    return {
      id, name: zones.names[z] ?? id, ...(p?.nameZh ? { nameZh: p.nameZh } : {}),
      population: zones.population[z] ?? 0, areaKm2: zones.areaKm2[z] ?? 0,
      circles: p?.circles ?? [],
      band: band >= 0 ? (circles[band]?.id ?? null) : null,
      ...(pga && pgv && intensity ? { quake: { intensity: Number(intensity.p50.toFixed(1)), pgaG: round4(pga.p50), pgaGP05: round4(pga.p05), pgaGP95: round4(pga.p95), pgvCmS: round4(pgv.p50), ...(sa10 ? { sa10G: round4(sa10.p50) } : {}) } } : {}),
      ...(floodedKm2 > 0 ? {
        flood: {
          maxDepthM: round4(at(flood?.depth)?.mean ?? 0), floodedAreaKm2: round4(floodedKm2), populationExposed: Math.round(at(flood?.exposed)?.mean ?? 0),
          byDepthBand: Object.fromEntries(DEPTH_BAND_LABELS.map((label, k) => [label, Math.round(flood?.bands?.[z * bands + k]?.mean ?? 0)])),
        },
      } : {}),
      ...(serviceLoss && Object.keys(serviceLoss[z] ?? {}).length > 0 ? { serviceLoss: serviceLoss[z] } : {}),
      ...(service.hours && Object.values(service.hours[z] ?? {}).some((h) => h > 0) ? { serviceHoursLost: service.hours[z] } : {}),
      ...(peopleDisplaced ? { displaced: Math.round(peopleDisplaced.mean) } : {}),
      ...(sheltered !== undefined && unsheltered !== undefined ? { evacuation: { sheltered: Math.round(sheltered), unsheltered: Math.round(unsheltered) } } : {}),
      ...(displaced ? {
        casualties: {
          deaths: Math.round(at(quake?.deaths)?.mean ?? 0),
          injuries: Math.round(at(quake?.injuries)?.mean ?? 0),
          seriousInjuries: Math.round(at(quake?.serious)?.mean ?? 0),
        },
        ...(quake?.states ? { residentsByDamageState: Object.fromEntries(DAMAGE_STATE_NAMES.map((state, s) => [state, Math.round(quake.states?.[z * DAMAGE_STATE_NAMES.length + s]?.mean ?? 0)])) } : {}),
      } : {}),
    };
  });
}

const round4 = (x: number): number => Number(x.toPrecision(4));

const round1 = (x: number): number => Math.round(x * 10) / 10;
const sum = (xs: Float64Array): number => xs.reduce((s, x) => s + x, 0);
const sumAt = (xs: Float64Array, at: Int32Array): number => at.reduce((s, i) => s + (xs[i] ?? 0), 0);
