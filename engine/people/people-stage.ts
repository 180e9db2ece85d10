/**
 * The people stage: who is displaced (by each hazard's rule), who seeks public shelter, where
 * they go over the surviving roads, and which circle takes on the load each affected circle
 * cannot carry — shelter places, hospital beds, drinking water, food.
 */
import type { DamageResult } from '../damage/damage-stage.js';
import { sampleAt } from '../damage/flood-outages.js';
import { roadSpeedShare } from '../damage/flood-rules.js';
import type { FloodLoads } from '../flood/river/flood-stage.js';
import type { LifelineLoads } from '../lifelines/lifeline-stage.js';
import type { OutageStep } from '../lifelines/restoration.js';
import type { MetricSink } from '../parallel/metric-sink.js';
import type { QuakeLoads } from '../quake/quake-stage.js';
import type { Region } from '../region/region.js';
import type { PublicShelterShare } from '../region/schema.js';
import { groupDepartures, planEvacuationWaves, type EvacuationPlan, type ShelterSite } from './evacuation.js';
import { addReading, allocateMutualAid, readByCircle, type AidBands, type AidResource, type AidResult } from './mutual-aid.js';
import { buildRoadGraph, greatCircleKm, LOCAL_ROADS, survivingLinks, type RoadGraph } from './road-graph.js';

/**
 * Planning defaults; a region may override them in `region.yaml` `defaults`, a scenario the
 * shelter-seeking shares in `consequences`.
 * - publicShelterShare 1: plan a public place for everyone displaced (the conservative planning
 *   case for a pack without its own shares; US hurricane surveys found only 3–11% of evacuees in
 *   public shelters, Smith & McCarty 2009, Demography 46(1), Table 3; Hazus's earthquake model
 *   sends 16–58%; the capital pack sets its own, sourced, per hazard).
 * - hospitalBedOccupancy 0.794: hospital bed utilisation in China in 2023 (National Health
 *   Commission, 2023 statistical bulletin on health development, published 2024-08-29): only
 *   the rest is spare for casualties.
 * - evacuationWindowH 24: the hours roads carry evacuees (link capacity × window).
 * - waterL 15, foodKcal 2100: minimum needs per person per day, The Sphere Handbook (2018); a
 *   person-day of water or food (a ration) is the planning unit aid is counted in.
 * - shelterAreaM2PerPerson 3.5: covered living space per person, Sphere (2018) shelter standard 3.
 * - tentAreaM2 12: the single relief tent of MZ/T 011.2-2010 (3.7 m × 3.2 m), so a tent houses
 *   12 ÷ 3.5 = 3.4 people (one tent per household is Chinese practice: Dangxiong 2008, "6加1").
 */
export const PEOPLE_DEFAULTS = { publicShelterShare: 1, hospitalBedOccupancy: 0.794, evacuationWindowH: 24, waterL: 15, foodKcal: 2100, shelterAreaM2PerPerson: 3.5, tentAreaM2: 12 } as const;

/**
 * Units of the needs and aid (DESIGN §5 `mutualAid[].unit`): what an emergency plan counts —
 * shelter places, hospital beds, tents, and people-days of food and of water a day (one person's
 * daily need at the region's norms) — never raw kcal or litres.
 */
export const AID_UNITS = { shelter: 'places', beds: 'beds', tents: 'tents', peopleDays: 'people-days/day' } as const;

export interface PeopleInput {
  graph: RoadGraph;
  shelters: (ShelterSite & { id: string; zone: number })[];
  /** Spare hospital beds per zone (beds × (1 − occupancy)). */
  spareBeds: Float64Array;
  /** Per zone: people a working water source there can supply, and supplies reserves (people fed). */
  waterSourceCapacity: Float64Array;
  suppliesCapacity: Float64Array;
  bands: AidBands;
  zonePopulation: Float64Array;
  /** Share of the displaced who seek a public shelter place, by the hazard that displaced them (utility loss: the earthquake's when there is one, else the flood's). */
  publicShelterShare: ShelterShares;
  /** Where each share came from: the scenario's `consequences`, the region pack's defaults, or the engine's default of 1. */
  publicShelterShareFrom: Record<keyof ShelterShares, 'scenario' | 'region' | 'engine default'>;
  evacuationWindowH: number;
  /** Residents leave home after this many hours without water or power (this share of them); absent: the rule is off. */
  utilityDisplacement?: { afterH: number; share: number };
  /** The norms behind the planning units: litres and kcal in a person-day, m² of covered space per person, m² of a tent, the beds in use before the disaster. */
  waterL: number;
  foodKcal: number;
  shelterAreaM2PerPerson: number;
  tentAreaM2: number;
  hospitalBedOccupancy: number;
}

export interface ShelterShares { earthquake: number; flood: number }

/** A group of residents leaving home at one hour: per zone, all who leave and those of them seeking a public shelter place. */
export interface Departure { atH: number; displaced: Float64Array; seekers: Float64Array }

/** What the hazard stages leave for the people stage, per zone. */
export interface PeopleLoads {
  /** Residents who leave home, per zone. */
  displaced: Float64Array;
  /** Of them, those who seek a public shelter place (the rest go to relatives, friends or hotels). */
  seekers: Float64Array;
  /** When they leave: groups summing to `displaced` and `seekers`; absent, all leave at `aidAtH`. */
  departures?: Departure[];
  seriousInjuries?: Float64Array;
  /** Unserved fraction of residents per zone (NaN where the system does not serve), by system. */
  unserved?: Partial<Record<'water' | 'power', Float64Array>>;
  /** Lifeline components working (1) at an hour; road and rail links out then are not used. Absent: all work. */
  aliveAt?: (tH: number) => Uint8Array;
  /** Road-graph links closed (1) at an hour by water on them: the local and access roads no component stands for. */
  roadsClosedAt?: (tH: number) => Uint8Array;
  /** Per road-graph link, the factor on its travel time at an hour from shallow water on it (1: dry). */
  roadSlowdownAt?: (tH: number) => Float64Array;
  /** When aid moves, over the roads working then: by default when the last residents leave (the need is at its height), else 0. */
  aidAtH?: number;
}

/** The people stage as a realization runs it: the region's people input, and what it needs to know of the hazards' timing. */
export interface PeopleStageInput extends PeopleInput {
  /** Zone index of each detention basin of the flood network (−1: none given), and its residents. */
  basinZone: Int32Array;
  basinResidents: Float64Array;
  /** When the first earthquake strikes: its displaced leave then. */
  quakeAtH: number;
  horizonH: number;
}

export interface PeoplePlan {
  seekers: Float64Array;
  evacuation: EvacuationPlan;
  aid: AidResult;
}

/** The shares by hazard from a pack default or scenario override (a number: the same for both), over `base`. */
export function shelterShares(share: PublicShelterShare | undefined, base: ShelterShares): ShelterShares {
  if (share === undefined) return base;
  if (typeof share === 'number') return { earthquake: share, flood: share };
  return { earthquake: share.earthquake ?? base.earthquake, flood: share.flood ?? base.flood };
}

function shareFrom(hazard: keyof ShelterShares, scenario: PublicShelterShare | undefined, region: PublicShelterShare | undefined): 'scenario' | 'region' | 'engine default' {
  const gives = (s: PublicShelterShare | undefined): boolean => s !== undefined && (typeof s === 'number' || s[hazard] !== undefined);
  return gives(scenario) ? 'scenario' : gives(region) ? 'region' : 'engine default';
}

/** The region's people input; a scenario's `consequences.publicShelterShare` overrides the pack's shares. */
export function compilePeopleInput(region: Region, overrides?: { publicShelterShare?: PublicShelterShare }): PeopleInput {
  const { zones } = region;
  const zoneIndex = new Map(zones.ids.map((id, z) => [id, z]));
  const graph = buildRoadGraph(zones, region.lifelines, region.layers.lifelines.features);
  const defaults = region.defaults;
  const occupancy = defaults.hospitalBedOccupancy ?? PEOPLE_DEFAULTS.hospitalBedOccupancy;
  const spareBeds = new Float64Array(zones.count);
  const shelters: PeopleInput['shelters'] = [];
  for (const f of region.layers.shelters.features) {
    const p = f.properties;
    const z = zoneIndex.get(p.zone) as number;
    if (p.beds) spareBeds[z] = (spareBeds[z] as number) + p.beds * (1 - occupancy);
    if (p.capacity <= 0) continue;
    const [x, y] = f.geometry.type === 'Point' ? f.geometry.coordinates : [zones.lon[z] as number, zones.lat[z] as number];
    const km = greatCircleKm(zones.lon[z] as number, zones.lat[z] as number, x, y);
    shelters.push({ id: p.id, zone: z, node: z, capacity: p.capacity, accessH: (km * LOCAL_ROADS.circuity) / LOCAL_ROADS.speedKmh });
  }
  const waterSourceCapacity = new Float64Array(zones.count);
  const suppliesCapacity = new Float64Array(zones.count);
  region.layers.lifelines.features.forEach((f) => {
    const p = f.properties;
    if (p.kind !== 'node' || p.role !== 'source' || p.zone === undefined || p.capacity === undefined) return;
    const z = zoneIndex.get(p.zone) as number;
    if (p.system === 'water') waterSourceCapacity[z] = (waterSourceCapacity[z] as number) + p.capacity;
    if (p.system === 'supplies') suppliesCapacity[z] = (suppliesCapacity[z] as number) + p.capacity;
  });
  const needs = defaults.needsPerPersonPerDay;
  return {
    graph, shelters, spareBeds, waterSourceCapacity, suppliesCapacity,
    bands: { zoneBand: zones.band, circleIds: region.circles.map((c) => c.id), circleRings: region.circles.map((c) => c.ring) },
    zonePopulation: zones.population,
    publicShelterShare: shelterShares(overrides?.publicShelterShare, shelterShares(defaults.publicShelterShare, { earthquake: PEOPLE_DEFAULTS.publicShelterShare, flood: PEOPLE_DEFAULTS.publicShelterShare })),
    publicShelterShareFrom: {
      earthquake: shareFrom('earthquake', overrides?.publicShelterShare, defaults.publicShelterShare),
      flood: shareFrom('flood', overrides?.publicShelterShare, defaults.publicShelterShare),
    },
    evacuationWindowH: defaults.evacuationWindowH ?? PEOPLE_DEFAULTS.evacuationWindowH,
    ...(defaults.utilityDisplacement ? { utilityDisplacement: defaults.utilityDisplacement } : {}),
    waterL: needs?.waterL ?? PEOPLE_DEFAULTS.waterL,
    foodKcal: needs?.foodKcal ?? PEOPLE_DEFAULTS.foodKcal,
    shelterAreaM2PerPerson: defaults.shelterAreaM2PerPerson ?? PEOPLE_DEFAULTS.shelterAreaM2PerPerson,
    tentAreaM2: defaults.tentAreaM2 ?? PEOPLE_DEFAULTS.tentAreaM2,
    hospitalBedOccupancy: occupancy,
  };
}

/**
 * Evacuation of the shelter seekers, then mutual aid for what each zone lacks, in planning units:
 * - shelter (places): the evacuation itself, read by circle (evacuees housed in another circle's shelters);
 * - hospital beds: serious injuries (Hazus severity 2–3, hospitalised) against spare beds;
 * - drinking water (people-days a day): residents left without piped water, against the spare of
 *   working water sources elsewhere (the people they could supply beyond what the network
 *   delivers, shared in proportion to capacity);
 * - food (people-days a day, rations): the displaced, against the pack's supplies reserves (people fed);
 * - tents: seekers left without a shelter place ÷ the people a tent houses (no pack stocks them:
 *   the need, all unmet).
 */
export function planPeople(input: PeopleInput, loads: PeopleLoads): PeoplePlan {
  const { graph } = input;
  const departures = loads.departures ?? [{ atH: loads.aidAtH ?? 0, displaced: loads.displaced, seekers: loads.seekers }];
  const usableAt = (tH: number): Uint8Array => {
    const usable = survivingLinks(graph, loads.aliveAt?.(tH));
    loads.roadsClosedAt?.(tH).forEach((closed, l) => { if (closed) usable[l] = 0; });
    return usable;
  };
  const { seekers } = loads;
  // A wave uses the links that work at every hour its people leave.
  const waves = groupDepartures(departures, input.evacuationWindowH).map((w) => {
    const usable = new Uint8Array(graph.links.length).fill(1);
    const slowest = new Float64Array(graph.links.length).fill(1);
    for (const h of new Set(w.hours)) {
      usableAt(h).forEach((u, l) => { if (!u) usable[l] = 0; });
      loads.roadSlowdownAt?.(h).forEach((f, l) => { if (f > (slowest[l] as number)) slowest[l] = f; });
    }
    return { atH: w.fromH, seekers: w.seekers, usable, ...(loads.roadSlowdownAt ? { hoursScale: slowest } : {}) };
  });
  const evacuation = planEvacuationWaves(graph, waves, input.shelters, { windowH: input.evacuationWindowH });
  const lastDeparture = departures.reduce((m, d) => Math.max(m, d.atH), -Infinity);
  const usable = usableAt(loads.aidAtH ?? (Number.isFinite(lastDeparture) ? lastDeparture : 0));
  const resources: AidResource[] = [];
  if (loads.seriousInjuries) resources.push({ resource: 'hospital-beds', unit: 'beds', need: loads.seriousInjuries, spare: input.spareBeds, movesPeople: true });
  const water = loads.unserved?.water;
  if (water) {
    const need = Float64Array.from(water, (f, z) => (Number.isNaN(f) ? 0 : f * (input.zonePopulation[z] as number)));
    let served = 0;
    let capacity = 0;
    water.forEach((f, z) => { if (!Number.isNaN(f)) served += (1 - f) * (input.zonePopulation[z] as number); });
    input.waterSourceCapacity.forEach((c) => { capacity += c; });
    const idle = capacity > 0 ? Math.max(1 - served / capacity, 0) : 0;
    const spare = Float64Array.from(input.waterSourceCapacity, (c) => c * idle);
    resources.push({ resource: 'drinking-water', unit: AID_UNITS.peopleDays, need, spare, movesPeople: false });
  }
  let displacedTotal = 0;
  loads.displaced.forEach((d) => { displacedTotal += d; });
  if (displacedTotal > 0) {
    resources.push({
      resource: 'food', unit: AID_UNITS.peopleDays,
      need: Float64Array.from(loads.displaced), spare: Float64Array.from(input.suppliesCapacity),
      movesPeople: false,
    });
  }
  const personsPerTent = input.tentAreaM2 / input.shelterAreaM2PerPerson;
  if (evacuation.unsheltered.some((u) => u > 0)) {
    resources.push({ resource: 'tents', unit: AID_UNITS.tents, need: evacuation.unsheltered.map((u) => u / personsPerTent), spare: new Float64Array(evacuation.unsheltered.length), movesPeople: false });
  }
  const aid = allocateMutualAid(input.graph, input.bands, resources, { windowH: input.evacuationWindowH, usable });
  const shelterFlows = evacuation.routes.map((r) => ({ from: (input.shelters[r.shelter] as { zone: number }).zone, to: r.zone, amount: r.amount, links: r.links }));
  const shelter = readByCircle(input.graph, input.bands, 'shelter', AID_UNITS.shelter, seekers, shelterFlows);
  const combined: AidResult = { transfers: [], balances: [], totals: {} };
  addReading(combined, shelter);
  combined.transfers.push(...aid.transfers);
  combined.balances.push(...aid.balances);
  Object.assign(combined.totals, aid.totals);
  return { seekers, evacuation, aid: combined };
}

/** The working components at `tH` of a step function over time (the state of the last step at or before it). */
export function aliveAtStep(steps: readonly OutageStep[], tH: number): Uint8Array {
  let state = steps[0] as OutageStep;
  for (const step of steps) if (step.atH <= tH) state = step;
  return state.alive;
}

/**
 * Who leaves home, and when. Rules: residents of dwellings unsafe after the earthquake (the damage
 * stage's displaced) leave when it strikes; every resident of a detention basin that opened leaves
 * before its gates open (DESIGN §5 `detentionBasins[].residents`), at the latest when they do;
 * residents of flooded compartments whose ground lies under at least the displacement depth leave
 * when their compartment begins to flood (the warning: a levee overtopped or breached); and, when
 * the region sets `utilityDisplacement`, that share of the remaining residents still without water
 * or power at the horizon whose outage has lasted `afterH` hours (hours without ÷ unserved
 * fraction, exact while the fraction is constant) leave at the horizon. Of each group, the share
 * of its hazard seeks a public shelter place (`publicShelterShare`). Roads and aid use the
 * lifelines' state over time.
 */
export function peopleLoads(people: PeopleStageInput, hazards: { quake?: QuakeLoads; flood?: FloodLoads; lifelines?: LifelineLoads; roadsClosed?: readonly { link: number; fromH: number; untilH: number }[]; roadWater?: DamageResult['roadWater'] }): PeopleLoads {
  const zones = people.zonePopulation.length;
  const { quake, flood, lifelines, roadsClosed, roadWater } = hazards;
  const displaced = new Float64Array(zones);
  const seekers = new Float64Array(zones);
  const departures: Departure[] = [];
  const shares = people.publicShelterShare;
  // Hazards overlap in a zone: each adds no more than the residents not yet displaced — except a
  // basin's residents, who are counted, not spread from the zone's census.
  const leave = (atH: number, residents: Float64Array, share: number, counted = false): void => {
    const added = counted ? residents : residents.map((d, z) => Math.min(d, Math.max((people.zonePopulation[z] as number) - (displaced[z] as number), 0)));
    const seeking = added.map((x) => x * share);
    added.forEach((x, z) => { displaced[z] = (displaced[z] as number) + x; });
    seeking.forEach((x, z) => { seekers[z] = (seekers[z] as number) + x; });
    if (added.some((x) => x > 0)) departures.push({ atH, displaced: added, seekers: seeking });
  };
  if (quake?.displaced) leave(people.quakeAtH, quake.displaced, shares.earthquake);
  flood?.basinOpenedAtH.forEach((at, b) => {
    const z = people.basinZone[b] as number;
    if (at < 0 || z < 0) return;
    const residents = new Float64Array(zones);
    residents[z] = people.basinResidents[b] as number;
    leave(at, residents, shares.flood, true);
  });
  for (const part of flood?.depthDepartures ?? []) leave(part.atH, part.displaced, shares.flood);
  const rule = people.utilityDisplacement;
  if (rule && lifelines) {
    const residents = new Float64Array(zones);
    for (let z = 0; z < zones; z++) {
      let lacking = 0;
      for (const system of ['water', 'power'] as const) {
        const f = lifelines.unserved[system]?.[z] ?? Number.NaN;
        const hours = lifelines.hoursWithout[system]?.[z] ?? Number.NaN;
        if (f > 0 && hours / f >= rule.afterH) lacking = Math.max(lacking, f);
      }
      residents[z] = rule.share * lacking * Math.max((people.zonePopulation[z] as number) - (displaced[z] as number), 0);
    }
    leave(people.horizonH, residents, quake ? shares.earthquake : shares.flood);
  }
  const steps = lifelines?.steps;
  return {
    displaced, seekers, departures,
    ...(quake?.seriousInjuries ? { seriousInjuries: quake.seriousInjuries } : {}),
    ...(lifelines ? { unserved: lifelines.unserved } : {}),
    ...(steps ? { aliveAt: (tH: number) => aliveAtStep(steps, tH) } : {}),
    ...(roadsClosed && roadsClosed.length > 0 ? { roadsClosedAt: (tH: number) => closedAt(people.graph.links.length, roadsClosed, tH) } : {}),
    ...(roadWater && roadWater.pieces.length > 0 ? { roadSlowdownAt: slowdownOnRoads(people.graph, roadWater) } : {}),
  };
}

/**
 * The factor on each road-graph link's travel time from the water standing on it at an hour:
 * 1 / Pregnolato et al.'s (2017) speed share at the deepest water on the link below the closure
 * depth (a road under more is closed, and not slowed here). A pack road's water applies to the
 * graph links it stands for.
 */
export function slowdownOnRoads(graph: RoadGraph, water: NonNullable<DamageResult['roadWater']>): (tH: number) => Float64Array {
  const linksOf = new Map<number, number[]>();
  graph.links.forEach((l, i) => { if (l.component >= 0) linksOf.set(l.component, [...(linksOf.get(l.component) ?? []), i]); });
  const dtH = water.dtS / 3600;
  return (tH) => {
    const factor = new Float64Array(graph.links.length).fill(1);
    for (const piece of water.pieces) {
      const depth = sampleAt(water.areaStageM[piece.area] as Float64Array, dtH, tH) - piece.floorM;
      const share = roadSpeedShare(depth);
      if (!(depth > 0) || share <= 0) continue;
      for (const l of piece.link >= 0 ? [piece.link] : (linksOf.get(piece.component) ?? [])) factor[l] = Math.max(factor[l] as number, 1 / share);
    }
    return factor;
  };
}

/** Road-graph links closed at `tH` (1) by any of the given closures. */
export function closedAt(links: number, closures: readonly { link: number; fromH: number; untilH: number }[], tH: number): Uint8Array {
  const closed = new Uint8Array(links);
  for (const c of closures) if (c.fromH <= tH && tH < c.untilH) closed[c.link] = 1;
  return closed;
}

/** The plan for one realization's loads, and its totals; per zone, the displaced and the hour they left (displaced-weighted). */
export function runPeopleStage(people: PeopleInput, loads: PeopleLoads, sink: MetricSink): void {
  const zones = loads.displaced.length;
  sink.field('zone.people.displaced', zones).set(loads.displaced);
  sink.field('zone.people.seekers', zones).set(loads.seekers);
  const leftAt = sink.field('zone.people.departureH', zones);
  for (const d of loads.departures ?? []) d.displaced.forEach((x, z) => { leftAt[z] = (leftAt[z] as number) + (x * d.atH) / (loads.displaced[z] as number); });
  const plan = planPeople(people, loads);
  const sum = (xs: Float64Array): number => xs.reduce((a, b) => a + b, 0);
  sink.scalar('people.displaced', sum(loads.displaced));
  sink.scalar('evacuation.seekers', sum(plan.seekers));
  sink.scalar('evacuation.sheltered', sum(plan.evacuation.sheltered));
  sink.scalar('evacuation.unsheltered', sum(plan.evacuation.unsheltered));
  sink.scalar('evacuation.clearanceTimeH', plan.evacuation.clearanceTimeH);
  for (const [resource, t] of Object.entries(plan.aid.totals)) {
    sink.scalar(`aid.${resource}.need`, t.need);
    sink.scalar(`aid.${resource}.unmet`, t.unmet);
  }
}
