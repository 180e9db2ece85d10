/**
 * The people stage's part of `summary.json` (DESIGN §5 `evacuation`, `mutualAid`): one plan —
 * for the mean loads of an ensemble, which with one realization is that realization's plan — so
 * that its totals, shelters, routes and transfers agree with each other and with what-if answers
 * on the same run; the spread over realizations is in `ensemble`.
 */
import { viaNames, type AidBalance, type AidTransfer } from './mutual-aid.js';
import type { PeoplePlan, PeopleInput } from './people-stage.js';

export interface EvacuationSummary {
  /** Residents who left home (uninhabitable dwellings, opened detention basins, deep water). */
  displaced: number;
  /** Of them, those seeking a public shelter place. */
  seekers: number;
  shelterCapacity: number;
  sheltered: number;
  unsheltered: number;
  clearanceTimeH: number;
  /** Hours the roads carry evacuees: link capacity per hour × this. */
  windowH: number;
  /** Seekers ÷ displaced over the region (the shares by hazard, weighted by whom each displaced). */
  publicShelterShare: number;
  /** The shares of the displaced seeking public shelter, by the hazard that displaced them, and where each came from. */
  publicShelterShareByHazard: { earthquake: number; flood: number; from: { earthquake: string; flood: string } };
  planBasis: string;
  shelters: { id: string; zone: string; capacity: number; occupancy: number }[];
  routes: { fromZone: string; shelter: string; people: number; hours: number; via: string[] }[];
  /** Road links carrying evacuees (both directions together), busiest first. */
  roads: { id: string; from: string; to: string; people: number; capacityPerH: number; corridor?: string }[];
  /** Roads and rail water closed (more likely than not), when, and until when within the horizon: the pack's links with their corridors, and local roads. */
  cutByWater?: { id: string; corridor?: string; fromH: number; untilH?: number }[];
}

export interface AidSummary {
  planBasis: string;
  /** Per resource, in planning units (places, beds, tents, people-days of food or water a day): need, given by mutual aid, unmet. */
  totals: Record<string, { need: number; given: number; unmet: number; unit: string }>;
  balances: AidBalance[];
  /** What one planning unit of each resource stands for, with its source. */
  norms: Record<string, string>;
}

/** The norms of the planning units, as the summary states them. */
export function aidNorms(input: PeopleInput): Record<string, string> {
  const perTent = input.tentAreaM2 / input.shelterAreaM2PerPerson;
  const n = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return {
    shelter: `one place per person seeking public shelter, ${n(input.shelterAreaM2PerPerson)} m² of covered space each (Sphere 2018 standard 3; GB 21734-2008 §5.4 asks > 1.5 m², Beijing's 2022–2035 shelter plan 2.1 m²)`,
    'hospital-beds': `one bed per serious injury (Hazus severity 2–3), against the beds spare before the disaster (beds × (1 − ${n(input.hospitalBedOccupancy)}), China's 2023 bed occupancy)`,
    'drinking-water': `one person-day = ${n(input.waterL)} L, Sphere's basic need (2.5–3 L of it drinking, the survival floor); China's urban emergency supply norm is ≥ 80 L per person a day (GB 50282-2016 §9.0.4), 20–25 L in the extreme`,
    food: `one person-day (ration) = ${n(input.foodKcal)} kcal (Sphere 2018)`,
    tents: `one tent per ${n(perTent)} seekers without a shelter place: a ${n(input.tentAreaM2)} m² relief tent (MZ/T 011.2-2010) at ${n(input.shelterAreaM2PerPerson)} m² a person; Chinese practice gives one per household (Dangxiong 2008, a second above 6 people)`,
  };
}

export type MutualAidEntry = AidTransfer;

const round = (x: number): number => Math.round(x);

export function summarizePeople(input: PeopleInput, plan: PeoplePlan, displaced: Float64Array, zoneIds: readonly string[], planBasis: string): { evacuation: EvacuationSummary; mutualAid: MutualAidEntry[]; aid: AidSummary } {
  const { graph } = input;
  const ev = plan.evacuation;
  const sum = (xs: Float64Array): number => xs.reduce((a, b) => a + b, 0);
  const roads = graph.links.flatMap((link, l) => {
    const people = (ev.linkFlow[2 * l] as number) + (ev.linkFlow[2 * l + 1] as number);
    if (people <= 1e-6 || link.kind === 'access') return [];
    return [{ id: link.id, from: graph.nodeIds[link.from] as string, to: graph.nodeIds[link.to] as string, people: round(people), capacityPerH: link.capacityPerH, ...(link.corridor ? { corridor: link.corridor } : {}) }];
  }).sort((a, b) => b.people - a.people);
  return {
    evacuation: {
      displaced: round(sum(displaced)),
      seekers: round(sum(plan.seekers)),
      shelterCapacity: input.shelters.reduce((s, x) => s + x.capacity, 0),
      sheltered: round(sum(ev.sheltered)),
      unsheltered: round(sum(ev.unsheltered)),
      clearanceTimeH: Number(ev.clearanceTimeH.toFixed(2)),
      windowH: input.evacuationWindowH,
      publicShelterShare: sum(displaced) > 0 ? Number((sum(plan.seekers) / sum(displaced)).toFixed(4)) : 0,
      publicShelterShareByHazard: { ...input.publicShelterShare, from: { ...input.publicShelterShareFrom } },
      planBasis,
      shelters: input.shelters.flatMap((s, k) => ((ev.occupancy[k] as number) > 0.5 ? [{ id: s.id, zone: zoneIds[s.zone] as string, capacity: s.capacity, occupancy: round(ev.occupancy[k] as number) }] : [])),
      routes: ev.routes.filter((r) => r.amount >= 0.5).map((r) => ({
        fromZone: zoneIds[r.zone] as string, shelter: (input.shelters[r.shelter] as { id: string }).id, people: round(r.amount), hours: Number(r.hours.toFixed(2)),
        via: viaNames(graph, r.links),
      })).sort((a, b) => b.people - a.people),
      roads,
    },
    mutualAid: plan.aid.transfers.filter((t) => t.fromCircle !== t.toCircle && t.amount >= 0.5).map((t) => ({ ...t, amount: round(t.amount) })).sort((a, b) => a.resource.localeCompare(b.resource) || b.amount - a.amount),
    aid: {
      planBasis,
      totals: Object.fromEntries(Object.entries(plan.aid.totals).map(([k, t]) => [k, { need: round(t.need), given: round(t.given), unmet: round(t.unmet), unit: t.unit }])),
      balances: plan.aid.balances.map((b) => ({ ...b, need: round(b.need), metWithin: round(b.metWithin), metByOthers: round(b.metByOthers), unmet: round(b.unmet) })),
      norms: aidNorms(input),
    },
  };
}
