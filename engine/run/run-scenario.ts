import type { Piscina } from 'piscina';
import { ENGINE_VERSION } from '../core/version.js';
import { floodDamageSummary, floodRulesUsed } from '../damage/flood-damage-summary.js';
import { floodSummary } from '../flood/river/flood-summary.js';
import { likelyOutages, likelyStretches } from '../lifelines/likely-outages.js';
import { lifelineSummary } from '../lifelines/lifeline-summary.js';
import type { LifelineNetwork } from '../lifelines/network.js';
import { stateAt, type Outage } from '../lifelines/restoration.js';
import { mergeChunks, runEnsemble, summarizeColumns, type ChunkRunner, summarizeMetrics, type MetricSeries, type MetricStats } from '../parallel/ensemble.js';
import { networkAid } from '../people/network-aid.js';
import { closedAt, planPeople, type PeoplePlan, type PeopleStageInput } from '../people/people-stage.js';
import { summarizePeople, type EvacuationSummary } from '../people/people-summary.js';
import { demSummary } from '../region/pack-dem.js';
import { quakeSummary } from '../quake/quake-summary.js';
import type { LoadedScenario } from '../scenario/load-scenario.js';
import { compileRealizationInput } from './compile-input.js';
import type { RealizationInput } from './realization.js';
import type { CircleSummary, PeopleZoneStats, Summary } from './summary.js';
import { zoneSummaries } from './zone-summaries.js';

export interface RunContext {
  /** This process's worker pool; or, instead of it, `remote`. */
  pool?: Piscina;
  /** Chunks of realizations computed elsewhere (`renxing worker` processes over Redis), merged as the pool's are. */
  remote?: { run: ChunkRunner; chunkSize: number };
  onProgress?: (done: number, total: number) => void;
  /** Cancels the run: its realizations stop and the run fails. */
  signal?: AbortSignal;
  /** Clock for `elapsedS`; injectable so tests are not timing-dependent. */
  now?: () => number;
  /** The pool's heap per thread (MiB), named when a realization runs out of it. */
  heapMb?: number;
}

/**
 * Runs a loaded scenario: every realization of the chain on the pool, then the summary. With one
 * realization the summary reports its values; with more, the ensemble means (and `ensemble`
 * holds mean/p05/p50/p95 of every metric). Plans and lists that need one state of the lifelines
 * (evacuation, aid, what failed, backup routes) assume the hazards' outages more likely than not.
 */
export async function runScenario(loaded: LoadedScenario, context: RunContext): Promise<Summary> {
  const now = context.now ?? ((): number => performance.now() / 1000);
  const started = now();
  const { input, values } = await runRealizations(loaded, context);
  return summarizeRun(loaded, input, values, () => Number((now() - started).toFixed(3)));
}

/** The realizations of a run, on the pool or `remote`: the compiled input (`compiled`, or compiled here) and every metric over realizations. */
export async function runRealizations(loaded: LoadedScenario, context: RunContext, compiled?: RealizationInput): Promise<{ input: RealizationInput; values: Record<string, MetricSeries> }> {
  const { realizations, seed } = loaded.scenario.options;
  const input = compiled ?? compileRealizationInput(loaded);
  const ensemble = {
    realizations, seed, ...(context.onProgress ? { onProgress: context.onProgress } : {}), ...(context.signal ? { signal: context.signal } : {}),
    ...(context.heapMb !== undefined ? { heapMb: context.heapMb } : {}),
  };
  if (!context.pool && !context.remote) throw new TypeError('runRealizations needs a pool or a remote chunk runner');
  const values = context.remote ? await mergeChunks(context.remote.run, { ...ensemble, chunkSize: context.remote.chunkSize }) : await runEnsemble(context.pool as Piscina, input, ensemble);
  return { input, values };
}

/**
 * The summary of a run from its realizations: a pure function of its arguments (the API computes
 * it on a worker thread, the CLI in place). `elapsedS` is read when the summary is complete.
 */
export function summarizeRun(loaded: LoadedScenario, input: RealizationInput, values: Record<string, MetricSeries>, elapsedS: () => number): Summary {
  const { scenario, region } = loaded;
  const { realizations, seed } = scenario.options;
  const stats = summarizeMetrics(values);
  const zoneStats = (name: string): MetricStats[] | undefined => (values[name] ? summarizeColumns(values[name]) : undefined);
  const quakeZones = input.quake ? {
    intensity: zoneStats('zone.quake.intensity'), pga: zoneStats('zone.quake.pgaG'), pgv: zoneStats('zone.quake.pgvCmS'), sa10: zoneStats('zone.quake.sa10G'), deaths: zoneStats('zone.quake.deaths'), injuries: zoneStats('zone.quake.injuries'),
    serious: zoneStats('zone.quake.seriousInjuries'), displaced: zoneStats('zone.quake.displaced'), states: zoneStats('zone.quake.residentsByDamageState'),
    deathsYin: zoneStats('zone.quake.deathsYinZhiqian'), deathsPager: zoneStats('zone.quake.deathsPagerChina'),
  } : undefined;
  const metric = (name: string): number => stats[name]?.mean ?? Number.NaN;
  const likely = input.damage ? likelyOutages(input.damage.deliberate, input.damage.tracked, values) : [];
  const people = input.people ? peoplePlan(input, input.people, likely, values) : undefined;
  const floodZones = input.flood ? { depth: zoneStats('zone.flood.maxDepthM'), km2: zoneStats('zone.flood.floodedAreaKm2'), exposed: zoneStats('zone.flood.populationExposed'), bands: zoneStats('zone.flood.exposedByDepthBand') } : undefined;
  const peopleZones: PeopleZoneStats | undefined = people ? { displaced: zoneStats('zone.people.displaced'), seekers: people.seekers, sheltered: people.plan.evacuation.sheltered, unsheltered: people.plan.evacuation.unsheltered } : undefined;
  const floodExposure = input.damage?.flood?.exposure;
  const floodDamage = floodExposure && input.flood
    ? floodDamageSummary(floodExposure, region.lifelines, { areas: input.flood.areas.map((a) => a.id), reaches: input.flood.network.reaches.map((r) => r.id) }, values, scenario.options.horizonH)
    : undefined;
  return {
    schemaVersion: 1,
    scenario: scenario.file.id,
    scenarioTitle: scenario.file.title,
    region: region.id,
    regionName: region.name,
    seed,
    realizations,
    engineVersion: ENGINE_VERSION,
    elapsedS: elapsedS(),
    totals: { zones: region.zones.count, population: metric('population.total'), areaKm2: round1(sum(region.zones.areaKm2)) },
    circles: region.circles.map((c): CircleSummary => ({
      id: c.id, name: c.name, ...(c.nameZh ? { nameZh: c.nameZh } : {}), kind: c.kind, ring: c.ring,
      zones: c.members.length, partialZones: c.partialMembers.length,
      population: metric(`population.circle.${c.id}`),
      areaKm2: round1(sumAt(region.zones.areaKm2, c.members)),
      ...(c.planAreaKm2 ? { planAreaKm2: c.planAreaKm2 } : {}),
    })),
    zones: zoneSummaries(region, quakeZones, floodZones, {
      loss: lifelineByZone(input, values, 'unservedFraction', 4), hours: lifelineByZone(input, values, 'hoursWithout', 2), hoursByFlood: lifelineByZone(input, values, 'hoursWithoutByFlood', 2),
    }, peopleZones),
    ...(input.quake ? { quake: quakeSummary(input.quake, stats) } : {}),
    ...(input.flood ? {
      flood: {
        ...floodSummary(input.flood, values, stats),
        ...(region.dem ? { dem: demSummary(region.dem, floodExposure, input.flood.areas.map((a) => a.id), region.lifelines.ids, region.layers.lifelines.features) } : {}),
      },
    } : {}),
    ...(input.lifelines ? {
      lifelines: {
        ...lifelineSummary(input.lifelines, likely, input.damage?.quake?.model, stats, values, input.zonePopulation),
        ...(floodDamage ? { floodDamage, floodRules: floodRulesUsed(floodDamage) } : {}),
      },
    } : {}),
    ...(input.people && people ? withCutRoads(withNetworkAid(summarizePeople(input.people, people.plan, people.displaced, input.zoneIds, realizations > 1 ? `plan for the mean loads of ${realizations} realizations (spread over realizations in ensemble)` : 'plan of the single realization'), input, likely, values), input.people, likely, people.roadsClosed, region.lifelines) : {}),
    ...(realizations > 1 ? { ensemble: stats } : {}),
    ...(scenario.file.caveats ? { caveats: scenario.file.caveats } : {}),
  };
}

/** Mean per zone and system, for the systems that serve the zone, of a lifeline zone field. */
function lifelineByZone(input: RealizationInput, values: Record<string, MetricSeries>, field: 'unservedFraction' | 'hoursWithout' | 'hoursWithoutByFlood', digits: number): Record<string, number>[] | undefined {
  if (!input.lifelines) return undefined;
  const byZone: Record<string, number>[] = input.zoneIds.map(() => ({}));
  let any = false;
  for (const system of input.lifelines.network.bySystem) {
    const series = values[`zone.lifelines.${system.system}.${field}`];
    if (!series) continue;
    any = true;
    summarizeColumns(series).forEach((s, z) => { if (!Number.isNaN(s.mean)) (byZone[z] as Record<string, number>)[system.system] = Number(s.mean.toFixed(digits)); });
  }
  return any ? byZone : undefined;
}

/**
 * The people stage's plan for the ensemble's mean loads (with one realization, its own): each
 * zone's mean displaced leaving at the median hour its displaced left (over the realizations
 * that displaced anyone there), over the roads of the likely outages at each hour.
 */
function peoplePlan(input: RealizationInput, people: PeopleStageInput, likely: readonly Outage[], values: Record<string, MetricSeries>): { plan: PeoplePlan; displaced: Float64Array; seekers: Float64Array; roadsClosed: { link: number; fromH: number; untilH: number }[] } {
  const n = input.zoneIds.length;
  const meanField = (name: string): Float64Array | undefined => (values[name] ? Float64Array.from(summarizeColumns(values[name]), (s) => s.mean) : undefined);
  const displaced = meanField('zone.people.displaced') ?? new Float64Array(n);
  const seekers = meanField('zone.people.seekers') ?? new Float64Array(n);
  const serious = meanField('zone.quake.seriousInjuries');
  const leftAt = medianDepartures(values['zone.people.displaced'], values['zone.people.departureH']);
  const byHour = new Map<number, { displaced: Float64Array; seekers: Float64Array }>();
  displaced.forEach((d, z) => {
    if (!(d > 0)) return;
    const h = leftAt[z] as number;
    const group = byHour.get(h) ?? { displaced: new Float64Array(n), seekers: new Float64Array(n) };
    group.displaced[z] = d;
    group.seekers[z] = seekers[z] as number;
    byHour.set(h, group);
  });
  const departures = [...byHour].map(([atH, group]) => ({ atH, ...group }));
  const unserved: Partial<Record<'water' | 'power', Float64Array>> = {};
  for (const system of ['water', 'power'] as const) {
    const mean = meanField(`zone.lifelines.${system}.unservedFraction`);
    if (mean) unserved[system] = mean;
  }
  const network = input.lifelines?.network;
  // The road-graph links water closed in at least half of the realizations, over those hours.
  const roadsSeries = values['people.roadLinkDownIntervals'];
  const linkIds = input.damage?.flood?.exposure.roadLinkIds;
  const closures = roadsSeries && linkIds ? likelyStretches(roadsSeries).map((s) => ({ link: linkIds[s.index] as number, fromH: s.fromH, untilH: s.untilH })) : [];
  const plan = planPeople(people, {
    displaced, seekers, departures, ...(serious ? { seriousInjuries: serious } : {}),
    ...(network ? { unserved, aliveAt: (tH: number) => stateAt(network, likely, tH).alive } : {}),
    ...(closures.length > 0 ? { roadsClosedAt: (tH: number) => closedAt(people.graph.links.length, closures, tH) } : {}),
  });
  return { plan, displaced, seekers, roadsClosed: closures };
}

/** Per zone, the median over realizations of the hour its displaced left (realizations displacing nobody there left out; 0 if none did). */
function medianDepartures(displaced: MetricSeries | undefined, departureH: MetricSeries | undefined): Float64Array {
  if (!displaced || !departureH) return new Float64Array(displaced?.width ?? 0);
  const width = displaced.width;
  const realizations = displaced.values.length / width;
  return Float64Array.from({ length: width }, (_, z) => {
    const hours: number[] = [];
    for (let r = 0; r < realizations; r++) if ((displaced.values[r * width + z] as number) > 0) hours.push(departureH.values[r * width + z] as number);
    hours.sort((a, b) => a - b);
    return hours.length > 0 ? (hours[Math.floor((hours.length - 1) / 2)] as number) : 0;
  });
}

/** The people stage's mutual aid plus the aid the utility networks carry between circles, at the horizon. */
function withNetworkAid(people: ReturnType<typeof summarizePeople>, input: RealizationInput, likely: readonly Outage[], values: Record<string, MetricSeries>): ReturnType<typeof summarizePeople> {
  if (!input.lifelines || !input.people) return people;
  const unserved: Record<string, Float64Array> = {};
  for (const system of input.lifelines.network.bySystem) {
    const series = values[`zone.lifelines.${system.system}.unservedFraction`];
    if (series) unserved[system.system] = Float64Array.from(summarizeColumns(series), (c) => c.mean);
  }
  const alive = stateAt(input.lifelines.network, likely, input.lifelines.horizonH).alive;
  const network = networkAid(input.lifelines.network, alive, input.zonePopulation, input.people.bands, unserved);
  return { ...people, mutualAid: [...people.mutualAid, ...network] };
}

/**
 * The evacuation roads water cut, and when, more likely than not: the pack's road and rail links
 * (with their corridors) and the road graph's local and access roads.
 */
function withCutRoads(people: ReturnType<typeof summarizePeople>, stage: PeopleStageInput, likely: readonly Outage[], closures: readonly { link: number; fromH: number; untilH: number }[], network: LifelineNetwork): ReturnType<typeof summarizePeople> {
  const cut: NonNullable<EvacuationSummary['cutByWater']> = [];
  const hour = (h: number): number => Number(h.toFixed(2));
  for (const o of likely) {
    const system = network.systems[o.component];
    if (o.cause !== 'flood' || (system !== 'road' && system !== 'rail')) continue;
    const corridor = network.corridor[o.component];
    cut.push({ id: network.ids[o.component] as string, ...(corridor ? { corridor } : {}), fromH: hour(o.fromH), ...(Number.isFinite(o.untilH) ? { untilH: hour(o.untilH) } : {}) });
  }
  for (const c of closures) cut.push({ id: stage.graph.links[c.link]?.id ?? String(c.link), fromH: hour(c.fromH), ...(Number.isFinite(c.untilH) ? { untilH: hour(c.untilH) } : {}) });
  return cut.length > 0 ? { ...people, evacuation: { ...people.evacuation, cutByWater: cut.sort((a, b) => a.fromH - b.fromH) } } : people;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const sum = (xs: Float64Array): number => xs.reduce((s, x) => s + x, 0);
const sumAt = (xs: Float64Array, at: Int32Array): number => at.reduce((s, i) => s + (xs[i] ?? 0), 0);
