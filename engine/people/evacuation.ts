/**
 * Evacuation: people seeking public shelter go from their zone seat to shelters over the roads
 * that survived, within shelter and road capacities, at least total travel time.
 */
import { routeOverRoads, type Endpoint, type RoutePath } from './route-over-roads.js';
import type { RoadGraph } from './road-graph.js';

export interface ShelterSite {
  /** Road-graph node it is reached from (its zone's seat). */
  node: number;
  capacity: number;
  /** Hours from the zone seat to the site. */
  accessH: number;
}

export interface EvacuationPlan {
  /** Per zone: seekers placed in a shelter, and those left without one. */
  sheltered: Float64Array;
  unsheltered: Float64Array;
  /** Per shelter: people placed there. */
  occupancy: Float64Array;
  /**
   * Hours until the last evacuee arrives if each route's flow is sent at a steady rate (a
   * temporally repeated flow, Ford & Fulkerson 1958): the busiest link needs flow ÷ capacity
   * hours to pass everyone, and the longest route used adds its travel time. A feasible schedule,
   * so an upper bound on the quickest evacuation of this assignment.
   */
  clearanceTimeH: number;
  /** Person-hours of travel. */
  personHours: number;
  /** Zone → shelter routes, with the road links they use. */
  routes: (RoutePath & { zone: number; shelter: number })[];
  /** People over each road link, per direction (2·link forward, 2·link + 1 backward). */
  linkFlow: Float64Array;
}

export function planEvacuation(graph: RoadGraph, seekers: Float64Array, shelters: readonly ShelterSite[], options: { windowH: number; usable?: Uint8Array }): EvacuationPlan {
  const zonesWithSeekers: number[] = [];
  seekers.forEach((s, z) => { if (s > 0) zonesWithSeekers.push(z); });
  const sources: Endpoint[] = zonesWithSeekers.map((z) => ({ node: z, amount: seekers[z] as number, cost: 0 }));
  const open = shelters.flatMap((s, k) => (s.capacity > 0 ? [k] : []));
  const sinks: Endpoint[] = open.map((k) => {
    const s = shelters[k] as ShelterSite;
    return { node: s.node, amount: s.capacity, cost: s.accessH };
  });
  const routing = routeOverRoads(graph, sources, sinks, { windowH: options.windowH, ...(options.usable ? { usable: options.usable } : {}) });
  const sheltered = new Float64Array(seekers.length);
  routing.sent.forEach((sent, k) => { sheltered[zonesWithSeekers[k] as number] = sent; });
  const unsheltered = Float64Array.from(seekers, (s, z) => Math.max(s - (sheltered[z] as number), 0));
  const occupancy = new Float64Array(shelters.length);
  routing.received.forEach((r, k) => { occupancy[open[k] as number] = r; });
  let busiest = 0;
  graph.links.forEach((link, l) => {
    const worst = Math.max(routing.linkFlow[2 * l] as number, routing.linkFlow[2 * l + 1] as number);
    if (worst > 0 && link.capacityPerH < Number.MAX_VALUE) busiest = Math.max(busiest, worst / link.capacityPerH);
  });
  const longest = routing.paths.reduce((m, p) => Math.max(m, p.hours), 0);
  return {
    sheltered, unsheltered, occupancy,
    clearanceTimeH: routing.paths.length > 0 ? busiest + longest : 0,
    personHours: routing.cost,
    routes: routing.paths.map((p) => ({ ...p, zone: zonesWithSeekers[p.source] as number, shelter: open[p.sink] as number })),
    linkFlow: routing.linkFlow,
  };
}

/** Evacuees who leave together: their hour, how many from each zone, and the road links they can use (all without `usable`). */
export interface EvacuationWave {
  atH: number;
  seekers: Float64Array;
  usable?: Uint8Array;
  /** Per link, a factor on its travel time when the wave leaves (shallow water on it); absent: as drawn. */
  hoursScale?: Float64Array;
}

/**
 * Evacuation in waves, in the order they leave: each wave over the roads usable when it leaves,
 * into the shelter places earlier waves left free; each wave has the roads for its own window (a
 * later wave leaves after the earlier one has cleared, `groupDepartures`). The plan sums the
 * waves; its clearance time is the longest wave's, from that wave's departure.
 */
export function planEvacuationWaves(graph: RoadGraph, waves: readonly EvacuationWave[], shelters: readonly ShelterSite[], options: { windowH: number }): EvacuationPlan {
  const zones = graph.zones;
  const plan: EvacuationPlan = { sheltered: new Float64Array(zones), unsheltered: new Float64Array(zones), occupancy: new Float64Array(shelters.length), clearanceTimeH: 0, personHours: 0, routes: [], linkFlow: new Float64Array(2 * graph.links.length) };
  for (const wave of [...waves].sort((a, b) => a.atH - b.atH)) {
    const left = shelters.map((s, k) => ({ ...s, capacity: Math.max(s.capacity - (plan.occupancy[k] as number), 0) }));
    const scale = wave.hoursScale;
    const roads = scale?.some((f) => f > 1) ? { ...graph, links: graph.links.map((l, i) => ((scale[i] as number) > 1 ? { ...l, hours: l.hours * (scale[i] as number) } : l)) } : graph;
    const one = planEvacuation(roads, wave.seekers, left, { windowH: options.windowH, ...(wave.usable ? { usable: wave.usable } : {}) });
    const add = (into: Float64Array, from: Float64Array): void => { from.forEach((x, i) => { into[i] = (into[i] as number) + x; }); };
    add(plan.sheltered, one.sheltered);
    add(plan.unsheltered, one.unsheltered);
    add(plan.occupancy, one.occupancy);
    add(plan.linkFlow, one.linkFlow);
    plan.clearanceTimeH = Math.max(plan.clearanceTimeH, one.clearanceTimeH);
    plan.personHours += one.personHours;
    plan.routes.push(...one.routes);
  }
  return plan;
}

/**
 * Groups residents leaving home at different hours into waves: a wave starts with the earliest
 * departure not yet placed and takes every departure within `windowH` of it (they share the roads'
 * window), so waves never overlap in time. `departures` lists (hour, residents per zone, and of
 * them those seeking a public shelter place).
 */
export function groupDepartures(departures: readonly { atH: number; displaced: Float64Array; seekers: Float64Array }[], windowH: number): { fromH: number; hours: number[]; displaced: Float64Array; seekers: Float64Array }[] {
  const waves: { fromH: number; hours: number[]; displaced: Float64Array; seekers: Float64Array }[] = [];
  for (const d of [...departures].sort((a, b) => a.atH - b.atH)) {
    let wave = waves[waves.length - 1];
    if (!wave || d.atH >= wave.fromH + windowH) {
      wave = { fromH: d.atH, hours: [], displaced: new Float64Array(d.displaced.length), seekers: new Float64Array(d.seekers.length) };
      waves.push(wave);
    }
    wave.hours.push(d.atH);
    const { displaced, seekers } = wave;
    d.displaced.forEach((x, z) => { displaced[z] = (displaced[z] as number) + x; });
    d.seekers.forEach((x, z) => { seekers[z] = (seekers[z] as number) + x; });
  }
  return waves;
}
