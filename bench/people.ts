/**
 * People stage timings.
 * 1. Shelter assignment on the synthetic road grid of synthetic-evacuation.ts (`side` × `side`
 *    junctions, `origins` origin junctions, `shelters` shelters), 24 h window.
 * 2. The bundled region: one planPeople (evacuation + mutual aid) for the Tangshan replay's loads.
 * Usage: npm run build && node dist/bench/people.js [side=200] [origins=20000] [shelters=500]
 */
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../engine/core/paths.js';
import { planEvacuation } from '../engine/people/evacuation.js';
import { compilePeopleInput, planPeople } from '../engine/people/people-stage.js';
import { loadScenario } from '../engine/scenario/load-scenario.js';
import { syntheticEvacuation } from './synthetic-evacuation.js';

const side = Number(process.argv[2] ?? 200);
const originCount = Number(process.argv[3] ?? 20000);
const shelterCount = Number(process.argv[4] ?? 500);
console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${availableParallelism()} threads, node ${process.version}`);

const { graph, seekers, shelters } = syntheticEvacuation(side, originCount, shelterCount);
const links = graph.links;
const nodes = graph.nodes;
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
