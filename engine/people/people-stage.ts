/**
 * The people stage: who is displaced (by each hazard's rule), who seeks public shelter, where
 * they go over the surviving roads, and which circle takes on the load each affected circle
 * cannot carry — shelter places, hospital beds, drinking water, food.
 */
import type { Region } from '../region/region.js';
import { planEvacuation, type EvacuationPlan, type ShelterSite } from './evacuation.js';
import { addReading, allocateMutualAid, readByCircle, type AidBands, type AidResource, type AidResult } from './mutual-aid.js';
import { buildRoadGraph, greatCircleKm, LOCAL_ROADS, survivingLinks, type RoadGraph } from './road-graph.js';

/**
 * Planning defaults; a region may override them in `region.yaml` `defaults`.
 * - publicShelterShare 1: plan a public place for everyone displaced (the conservative planning
 *   case; US hurricane surveys found only 3–11% of evacuees in public shelters, Smith & McCarty
 *   2009, Demography 46(1), Table 3, so a region may plan for fewer).
 * - hospitalBedOccupancy 0.794: hospital bed utilisation in China in 2023 (National Health
 *   Commission, 2023 statistical bulletin on health development, published 2024-08-29): only
 *   the rest is spare for casualties.
 * - evacuationWindowH 24: the hours roads carry evacuees (link capacity × window).
 * - waterL 15, foodKcal 2100: minimum needs per person per day, The Sphere Handbook (2018).
 */
export const PEOPLE_DEFAULTS = { publicShelterShare: 1, hospitalBedOccupancy: 0.794, evacuationWindowH: 24, waterL: 15, foodKcal: 2100 } as const;

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
  publicShelterShare: number;
  evacuationWindowH: number;
  /** Residents leave home after this many hours without water or power (this share of them); absent: the rule is off. */
  utilityDisplacement?: { afterH: number; share: number };
  waterL: number;
  foodKcal: number;
}

/** What the hazard stages leave for the people stage, per zone. */
export interface PeopleLoads {
  displaced: Float64Array;
  seriousInjuries?: Float64Array;
  /** Unserved fraction of residents per zone (NaN where the system does not serve), by system. */
  unserved?: Partial<Record<'water' | 'power', Float64Array>>;
  /** Lifeline components working (1) at the horizon; cut road and rail links are not used. */
  alive?: Uint8Array;
}

export interface PeoplePlan {
  seekers: Float64Array;
  evacuation: EvacuationPlan;
  aid: AidResult;
}

export function compilePeopleInput(region: Region): PeopleInput {
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
    publicShelterShare: defaults.publicShelterShare ?? PEOPLE_DEFAULTS.publicShelterShare,
    evacuationWindowH: defaults.evacuationWindowH ?? PEOPLE_DEFAULTS.evacuationWindowH,
    ...(defaults.utilityDisplacement ? { utilityDisplacement: defaults.utilityDisplacement } : {}),
    waterL: needs?.waterL ?? PEOPLE_DEFAULTS.waterL,
    foodKcal: needs?.foodKcal ?? PEOPLE_DEFAULTS.foodKcal,
  };
}

/**
 * Evacuation of the shelter seekers, then mutual aid for what each zone lacks:
 * - shelter: the evacuation itself, read by circle (evacuees housed in another circle's shelters);
 * - hospital beds: serious injuries (Hazus severity 2–3, hospitalised) against spare beds;
 * - drinking water (L/day): residents left without piped water × the daily need, against the
 *   spare of working water sources elsewhere (their capacity less what the network delivers,
 *   shared in proportion to capacity);
 * - food (kcal/day): the displaced × the daily need, against the pack's supplies reserves.
 */
export function planPeople(input: PeopleInput, loads: PeopleLoads): PeoplePlan {
  const usable = survivingLinks(input.graph, loads.alive);
  const seekers = Float64Array.from(loads.displaced, (d) => d * input.publicShelterShare);
  const evacuation = planEvacuation(input.graph, seekers, input.shelters, { windowH: input.evacuationWindowH, usable });
  const resources: AidResource[] = [];
  if (loads.seriousInjuries) resources.push({ resource: 'hospital-beds', unit: 'beds', need: loads.seriousInjuries, spare: input.spareBeds, movesPeople: true });
  const water = loads.unserved?.water;
  if (water) {
    const need = Float64Array.from(water, (f, z) => (Number.isNaN(f) ? 0 : f * (input.zonePopulation[z] as number) * input.waterL));
    let served = 0;
    let capacity = 0;
    water.forEach((f, z) => { if (!Number.isNaN(f)) served += (1 - f) * (input.zonePopulation[z] as number); });
    input.waterSourceCapacity.forEach((c) => { capacity += c; });
    const idle = capacity > 0 ? Math.max(1 - served / capacity, 0) : 0;
    const spare = Float64Array.from(input.waterSourceCapacity, (c) => c * idle * input.waterL);
    resources.push({ resource: 'drinking-water', unit: 'L/day', need, spare, movesPeople: false });
  }
  let displacedTotal = 0;
  loads.displaced.forEach((d) => { displacedTotal += d; });
  if (displacedTotal > 0) {
    resources.push({
      resource: 'food', unit: 'kcal/day',
      need: Float64Array.from(loads.displaced, (d) => d * input.foodKcal),
      spare: Float64Array.from(input.suppliesCapacity, (c) => c * input.foodKcal),
      movesPeople: false,
    });
  }
  const aid = allocateMutualAid(input.graph, input.bands, resources, { windowH: input.evacuationWindowH, usable });
  const shelterFlows = evacuation.routes.map((r) => ({ from: (input.shelters[r.shelter] as { zone: number }).zone, to: r.zone, amount: r.amount, links: r.links }));
  const shelter = readByCircle(input.graph, input.bands, 'shelter', 'people', seekers, shelterFlows);
  const combined: AidResult = { transfers: [], balances: [], totals: {} };
  addReading(combined, shelter);
  combined.transfers.push(...aid.transfers);
  combined.balances.push(...aid.balances);
  Object.assign(combined.totals, aid.totals);
  return { seekers, evacuation, aid: combined };
}
