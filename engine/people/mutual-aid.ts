/**
 * Mutual aid between circles: each zone's unmet load of a resource is met from the spare
 * capacity of zones anywhere in the region that the surviving roads reach, at least travel time,
 * and the result is read per circle band (each zone belongs to its innermost whole circle): how
 * much each circle takes on for each other circle, via which corridors, and what stays unmet.
 */
import { routeOverRoads, type Endpoint } from './route-over-roads.js';
import type { RoadGraph } from './road-graph.js';

export interface AidResource {
  resource: string;
  unit: string;
  /** Per zone: the load to be met, and what the zone can give. */
  need: Float64Array;
  spare: Float64Array;
  /** Patients and evacuees take road capacity (people per hour × window); goods do not bind it. */
  movesPeople: boolean;
}

export interface AidBands {
  /** Band (circle index) of each zone, −1 for none. */
  zoneBand: Int32Array;
  circleIds: string[];
  circleRings: number[];
}

export interface AidTransfer {
  resource: string;
  unit: string;
  /** The circle giving and the circle receiving (equal for help within one circle). */
  fromCircle: string;
  toCircle: string;
  amount: number;
  /** Corridors (or named links) the aid travels, most used first; `local roads` for the mesh. */
  via: string[];
}

export interface AidBalance {
  resource: string;
  unit: string;
  circle: string;
  need: number;
  /** Met from zones of the same circle. */
  metWithin: number;
  /** Met from other circles. */
  metByOthers: number;
  unmet: number;
}

export interface AidResult {
  transfers: AidTransfer[];
  balances: AidBalance[];
  /** Per resource: total need, given, unmet. */
  totals: Record<string, { need: number; given: number; unmet: number; unit: string }>;
}

export const NO_CIRCLE = 'none';

export function allocateMutualAid(graph: RoadGraph, bands: AidBands, resources: readonly AidResource[], options: { windowH: number; usable?: Uint8Array }): AidResult {
  const outerRing = Math.max(0, ...bands.circleRings) + 1;
  const ringOf = (z: number): number => {
    const b = bands.zoneBand[z] ?? -1;
    return b >= 0 ? (bands.circleRings[b] ?? outerRing) : outerRing;
  };
  const result: AidResult = { transfers: [], balances: [], totals: {} };
  for (const r of resources) {
    const receivers: number[] = [];
    const donors: number[] = [];
    r.need.forEach((x, z) => { if (x > 0) receivers.push(z); });
    r.spare.forEach((x, z) => { if (x > 0) donors.push(z); });
    // Ties between donors at equal travel time go to the ring nearest the one with the most need
    // (the rank breaks ties only; one flow serves all receivers, so "nearest" is to their main ring).
    const needByRing = new Map<number, number>();
    for (const z of receivers) needByRing.set(ringOf(z), (needByRing.get(ringOf(z)) ?? 0) + (r.need[z] as number));
    const mainRing = [...needByRing.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
    const sources: Endpoint[] = donors.map((z) => ({ node: z, amount: r.spare[z] as number, cost: 0, rank: Math.abs(ringOf(z) - mainRing) }));
    const sinks: Endpoint[] = receivers.map((z) => ({ node: z, amount: r.need[z] as number, cost: 0 }));
    // Nothing needed, or nothing to give: no flow to solve (the reading still reports the need).
    const routing = receivers.length > 0 && donors.length > 0 ? routeOverRoads(graph, sources, sinks, { windowH: r.movesPeople ? options.windowH : Infinity, ...(options.usable ? { usable: options.usable } : {}) }) : undefined;
    const flows = (routing?.paths ?? []).map((p) => ({ from: donors[p.source] as number, to: receivers[p.sink] as number, amount: p.amount, links: p.links }));
    addReading(result, readByCircle(graph, bands, r.resource, r.unit, r.need, flows));
  }
  return result;
}

export function addReading(into: AidResult, reading: CircleReading): void {
  into.transfers.push(...reading.transfers);
  into.balances.push(...reading.balances);
  into.totals[reading.resource] = reading.total;
}

export interface CircleReading {
  resource: string;
  transfers: AidTransfer[];
  balances: AidBalance[];
  total: { need: number; given: number; unmet: number; unit: string };
}

/**
 * Zone-to-zone flows of a resource read by circle band: who gave to whom (with the corridors
 * used, most-travelled first) and each circle's need, met within, met by others and unmet.
 */
export function readByCircle(graph: RoadGraph, bands: AidBands, resource: string, unit: string, need: Float64Array, flows: readonly { from: number; to: number; amount: number; links: number[] }[]): CircleReading {
  const circleOf = (z: number): string => {
    const b = bands.zoneBand[z] ?? -1;
    return b >= 0 ? (bands.circleIds[b] ?? NO_CIRCLE) : NO_CIRCLE;
  };
  const balances = new Map<string, AidBalance>();
  const balanceOf = (circle: string): AidBalance => {
    let b = balances.get(circle);
    if (!b) {
      b = { resource, unit, circle, need: 0, metWithin: 0, metByOthers: 0, unmet: 0 };
      balances.set(circle, b);
    }
    return b;
  };
  let totalNeed = 0;
  need.forEach((x, z) => {
    if (x <= 0) return;
    balanceOf(circleOf(z)).need += x;
    totalNeed += x;
  });
  const pairs = new Map<string, { from: string; to: string; amount: number; via: Map<string, number> }>();
  let given = 0;
  for (const f of flows) {
    const from = circleOf(f.from);
    const to = circleOf(f.to);
    const key = `${from}→${to}`;
    let pair = pairs.get(key);
    if (!pair) {
      pair = { from, to, amount: 0, via: new Map() };
      pairs.set(key, pair);
    }
    pair.amount += f.amount;
    for (const name of viaNames(graph, f.links)) pair.via.set(name, (pair.via.get(name) ?? 0) + f.amount);
    const b = balanceOf(to);
    if (from === to) b.metWithin += f.amount;
    else b.metByOthers += f.amount;
    given += f.amount;
  }
  for (const b of balances.values()) b.unmet = Math.max(b.need - b.metWithin - b.metByOthers, 0);
  const transfers = [...pairs.values()].map((pair) => ({
    resource, unit, fromCircle: pair.from, toCircle: pair.to, amount: pair.amount,
    via: [...pair.via.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name),
  }));
  return { resource, transfers, balances: [...balances.values()], total: { need: totalNeed, given, unmet: Math.max(totalNeed - given, 0), unit } };
}

/** What a route's links are called in a report: corridors, else pack link ids, else local roads (access stretches left out). */
export function viaNames(graph: RoadGraph, links: readonly number[]): string[] {
  const names = new Set<string>();
  for (const l of links) {
    const link = graph.links[l];
    if (!link || link.kind === 'access') continue;
    names.add(link.kind === 'local' ? 'local roads' : (link.corridor ?? link.id));
  }
  return [...names];
}
