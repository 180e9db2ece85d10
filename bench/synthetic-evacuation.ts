/**
 * The evacuation benchmark instance shared by bench/people.ts and bench/reference.ts: a `side` ×
 * `side` road grid (4-neighbour roads, random travel times 1–5 min and capacities 600–3,600
 * people/h), `origins` distinct junctions with 50–500 displaced people each, and `shelters`
 * shelters (capacity 200–8,000, access 0–10 min) on random junctions. Seeded: every run builds the same.
 */
import { createRng } from '../engine/parallel/rng.js';
import type { ShelterSite } from '../engine/people/evacuation.js';
import type { RoadGraph, RoadLink } from '../engine/people/road-graph.js';

export interface EvacuationInstance {
  graph: RoadGraph;
  /** People seeking shelter per junction (a junction is a zone here). */
  seekers: Float64Array;
  shelters: ShelterSite[];
}

export function syntheticEvacuation(side: number, originCount: number, shelterCount: number): EvacuationInstance {
  const rng = createRng(7, 0, 'roads');
  const between = (lo: number, hi: number): number => lo + rng.uniform() * (hi - lo);
  const links: RoadLink[] = [];
  const road = (from: number, to: number): RoadLink => ({ kind: 'trunk', from, to, hours: between(1, 5) / 60, capacityPerH: Math.round(between(600, 3600)), oneWay: false, component: -1, requires: [], id: `${from}-${to}` });
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      const v = j * side + i;
      if (i + 1 < side) links.push(road(v, v + 1));
      if (j + 1 < side) links.push(road(v, v + side));
    }
  }
  const nodes = side * side;
  const graph: RoadGraph = { zones: nodes, nodes, nodeIds: Array.from({ length: nodes }, (_, v) => String(v)), lon: Float64Array.from({ length: nodes }, (_, v) => v % side), lat: Float64Array.from({ length: nodes }, (_, v) => Math.floor(v / side)), links };
  // Distinct origin junctions (a partial Fisher–Yates shuffle).
  const seekers = new Float64Array(nodes);
  const order = Int32Array.from({ length: nodes }, (_, v) => v);
  for (let k = 0; k < Math.min(originCount, nodes); k++) {
    const pick = k + Math.floor(rng.uniform() * (nodes - k));
    const v = order[pick] as number;
    order[pick] = order[k] as number;
    order[k] = v;
    seekers[v] = Math.round(between(50, 500));
  }
  const shelters = Array.from({ length: shelterCount }, () => ({ node: Math.floor(rng.uniform() * nodes), capacity: Math.round(between(200, 8000)), accessH: between(0, 10) / 60 }));
  return { graph, seekers, shelters };
}
