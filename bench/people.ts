/**
 * People stage timings.
 * 1. Shelter assignment on a synthetic road grid (`side` × `side` junctions, 4-neighbour roads
 *    with random travel times 1–5 min and capacities 600–3,600 people/h), `origins` distinct
 *    junctions with displaced people (50–500 each) and `shelters` shelters (capacity 200–8,000), 24 h window.
 * 2. The bundled region: one planPeople (evacuation + mutual aid) for the Tangshan replay's loads.
 * Usage: npm run build && node dist/bench/people.js [side=200] [origins=20000] [shelters=500]
 */
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../engine/core/paths.js';
import { createRng } from '../engine/parallel/rng.js';
import { planEvacuation } from '../engine/people/evacuation.js';
import { compilePeopleInput, planPeople } from '../engine/people/people-stage.js';
import type { RoadGraph, RoadLink } from '../engine/people/road-graph.js';
import { loadScenario } from '../engine/scenario/load-scenario.js';

const side = Number(process.argv[2] ?? 200);
const originCount = Number(process.argv[3] ?? 20000);
const shelterCount = Number(process.argv[4] ?? 500);
console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${availableParallelism()} threads, node ${process.version}`);

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
// Distinct origin junctions (a partial Fisher–Yates shuffle), each with 50–500 people.
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
const origins = seekers.reduce((n, s) => n + (s > 0 ? 1 : 0), 0);
let t0 = performance.now();
const plan = planEvacuation(graph, seekers, shelters, { windowH: 24 });
const assignS = (performance.now() - t0) / 1000;
const total = seekers.reduce((a, b) => a + b, 0);
const placed = plan.sheltered.reduce((a, b) => a + b, 0);
console.log(`assignment: ${nodes} junctions, ${links.length} roads, ${origins} origin zones (${Math.round(total)} people), ${shelterCount} shelters: ${assignS.toFixed(2)} s; sheltered ${Math.round(placed)}, clearance ${plan.clearanceTimeH.toFixed(1)} h, ${plan.routes.length} routes`);

const loaded = await loadScenario(join(PACKAGE_ROOT, 'scenarios', 'tangshan-1976.yaml'));
t0 = performance.now();
const input = compilePeopleInput(loaded.region);
const compileMs = performance.now() - t0;
const zones = loaded.region.zones;
// Loads shaped like the Tangshan replay: 5% of residents displaced and 0.15% seriously injured
// where the zone is within 150 km of the epicentre (a fixed, reproducible stand-in for a run).
const near = (z: number): boolean => Math.hypot(((zones.lon[z] as number) - 118.18) * 85, ((zones.lat[z] as number) - 39.63) * 111) < 150;
const displaced = Float64Array.from(zones.population, (p, z) => (near(z) ? p * 0.05 : 0));
const serious = Float64Array.from(zones.population, (p, z) => (near(z) ? p * 0.0015 : 0));
const seeking = displaced.map((d) => d * input.publicShelterShare.earthquake);
const runs = 20;
t0 = performance.now();
for (let k = 0; k < runs; k++) planPeople(input, { displaced, seekers: seeking, seriousInjuries: serious });
const perPlanMs = (performance.now() - t0) / runs;
console.log(`bundled region: road graph ${input.graph.nodes} nodes, ${input.graph.links.length} links, ${input.shelters.length} shelters; compile ${compileMs.toFixed(0)} ms; evacuation + mutual aid ${perPlanMs.toFixed(1)} ms per plan (mean of ${runs})`);
