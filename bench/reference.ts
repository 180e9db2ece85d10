/**
 * The flow kernels against the reference solvers of their field, on the same instances in one run:
 *  1. Min-cost flow: the evacuation instance of bench/people.ts (routeOverRoads's problem for the
 *     200 × 200 grid, 20,000 origins, 500 shelters: 60,500 nodes, 179,700 arcs) — `minCostFlow`
 *     against LEMON's NetworkSimplex.
 *  2. Max-flow: the capital pack's lifeline systems intact (the service graphs) and a `grid` × `grid`
 *     grid (bench/lifelines.ts's) — Dinic, push–relabel and the engine's `maxFlow` (which picks one
 *     of them by the graph's size) against LEMON's Preflow.
 * LEMON 1.3.1 comes from Debian's liblemon-dev: bench/reference/lemon-flows.cpp is compiled here with
 * g++ (once, into dist/bench/) and reads each instance as a DIMACS file; without the package the
 * LEMON columns are skipped with a message. Times are the solve only, best of `repeats`, both sides.
 * LEMON solves the min-cost instance in 64-bit integers (its costs and capacities are integers);
 * ours works in doubles.
 * Usage: npm run build && node dist/bench/reference.js [grid=300] [repeats=3]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_DIR, PACKAGE_ROOT } from '../engine/core/paths.js';
import { buildFlowGraph, type FlowEdge } from '../engine/lifelines/flow-graph.js';
import { maxFlow, maxFlowDinic } from '../engine/lifelines/max-flow.js';
import { minCostFlow } from '../engine/lifelines/min-cost-flow.js';
import { maxFlowPushRelabel } from '../engine/lifelines/push-relabel.js';
import { systemFlowProblem } from '../engine/lifelines/service.js';
import { roadFlowProblem } from '../engine/people/route-over-roads.js';
import { loadScenario } from '../engine/scenario/load-scenario.js';
import { syntheticEvacuation } from './synthetic-evacuation.js';
import { flowGrid } from './synthetic-grid.js';

const gridSide = Number(process.argv[2] ?? 300);
const repeats = Number(process.argv[3] ?? 3);
console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${availableParallelism()} threads, node ${process.version}`);

const work = mkdtempSync(join(tmpdir(), 'renxing-reference-'));
const lemon = buildLemon();

/** Best of `times` wall-clock seconds of `solve` (each run from scratch), and its last result. */
function best<T>(solve: () => T, times = repeats): { seconds: number; result: T } {
  let seconds = Infinity;
  let result!: T;
  for (let r = 0; r < times; r++) {
    const t0 = performance.now();
    result = solve();
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  return { seconds, result };
}

function buildLemon(): string | undefined {
  const header = '/usr/include/lemon/network_simplex.h';
  if (!existsSync(header)) {
    console.log(`LEMON: ${header} not found (apt-get install liblemon-dev g++): reference columns skipped`);
    return undefined;
  }
  const binary = join(DIST_DIR, 'bench', 'lemon-flows');
  execFileSync('g++', ['-O2', '-o', binary, join(PACKAGE_ROOT, 'bench', 'reference', 'lemon-flows.cpp'), '-llemon']);
  return binary;
}

function runLemon(kind: 'min' | 'max', dimacs: string, times = repeats): { seconds: number; cost?: number; value?: number } | undefined {
  if (!lemon) return undefined;
  const file = join(work, `${kind}-${Math.random().toString(36).slice(2)}.dimacs`);
  writeFileSync(file, dimacs);
  return JSON.parse(execFileSync(lemon, [kind, file, String(times)], { encoding: 'utf8' })) as { seconds: number; cost?: number; value?: number };
}

const ratio = (ours: number, reference: { seconds: number } | undefined): string => (reference ? `${(ours / reference.seconds).toFixed(2)}× LEMON's time (LEMON ${(reference.seconds * 1000).toFixed(3)} ms)` : 'LEMON skipped');

// 1. Min-cost flow. LEMON's NetworkSimplex wants supply met exactly, so its instance sends each
// source's amount from a super source and lets what cannot be placed take a direct arc to a super
// sink at a cost above any route (our solver's artificial arcs do the same): the optima then agree
// on what is placed and on its cost.
{
  const side = 200;
  const instance = syntheticEvacuation(side, 20000, 500);
  const sources = [...instance.seekers].flatMap((s, z) => (s > 0 ? [{ node: z, amount: s, cost: 0 }] : []));
  const sinks = instance.shelters.map((s) => ({ node: s.node, amount: s.capacity, cost: s.accessH }));
  const p = roadFlowProblem(instance.graph, sources, sinks, { windowH: 24 });
  const ours = best(() => minCostFlow(p.nodes, p.edges, p.supply));
  const total = p.supply.reduce((s, b) => s + Math.max(b, 0), 0);
  const bypass = p.edges.reduce((s, e) => s + (e.cost ?? 0), 0) + 1;
  const superSource = p.nodes + 1; // DIMACS numbers nodes from 1
  const superSink = p.nodes + 2;
  const lines = [`p min ${p.nodes + 2} ${p.edges.length + 1 + p.nodes}`, `n ${superSource} ${total}`, `n ${superSink} ${-total}`];
  for (const e of p.edges) lines.push(`a ${e.from + 1} ${e.to + 1} 0 ${e.capacity} ${e.cost ?? 0}`);
  p.supply.forEach((b, v) => {
    if (b > 0) lines.push(`a ${superSource} ${v + 1} 0 ${b} 0`);
    else if (b < 0) lines.push(`a ${v + 1} ${superSink} 0 ${-b} 0`);
  });
  lines.push(`a ${superSource} ${superSink} 0 ${total} ${bypass}`);
  const reference = runLemon('min', `${lines.join('\n')}\n`);
  const agree = reference?.cost === undefined ? '' : `; LEMON's cost less the bypass ${reference.cost - bypass * ours.result.unmet} (${reference.cost - bypass * ours.result.unmet === ours.result.cost ? 'equal' : 'DIFFERENT'})`;
  console.log(`min-cost flow, evacuation ${side}² (${p.nodes} nodes, ${p.edges.length} arcs, ${sources.length} origins, ${sinks.length} shelters): network simplex ${ours.seconds.toFixed(3)} s, ${ratio(ours.seconds, reference)}; cost ${ours.result.cost}, unplaced ${ours.result.unmet}${agree}`);
}

function maxFlowRow(label: string, nodes: number, edges: readonly FlowEdge[], source: number, sink: number): void {
  const graph = buildFlowGraph(nodes, edges);
  // Small graphs solve in microseconds: many repeats, so the best is a warmed-up solve on both sides.
  const times = edges.length < 10_000 ? 500 : repeats;
  const dinic = best(() => maxFlowDinic(graph, source, sink), times);
  const pr = best(() => maxFlowPushRelabel(graph, source, sink), times);
  const engine = best(() => maxFlow(graph, source, sink), times);
  const lines = [`p max ${nodes} ${edges.length}`, `n ${source + 1} s`, `n ${sink + 1} t`];
  for (const e of edges) lines.push(`a ${e.from + 1} ${e.to + 1} ${e.capacity >= Number.MAX_VALUE ? -1 : e.capacity}`);
  const reference = runLemon('max', `${lines.join('\n')}\n`, times);
  console.log(`max-flow, ${label} (${nodes} nodes, ${edges.length} arcs): Dinic ${(dinic.seconds * 1000).toFixed(3)} ms (${ratio(dinic.seconds, reference)}); push–relabel ${(pr.seconds * 1000).toFixed(3)} ms (${ratio(pr.seconds, reference)}); the engine's maxFlow ${(engine.seconds * 1000).toFixed(3)} ms (${ratio(engine.seconds, reference)}); values ${dinic.result.value.toFixed(1)} / ${pr.result.value.toFixed(1)}${reference?.value === undefined ? '' : ` / LEMON ${reference.value.toFixed(1)}`}`);
}

// 2. Max-flow on the service graphs: every system of the capital pack, all components working.
{
  const loaded = await loadScenario(join(PACKAGE_ROOT, 'scenarios', 'baseline.yaml'));
  const { lifelines, zones } = loaded.region;
  const alive = new Uint8Array(lifelines.ids.length).fill(1);
  for (const system of lifelines.bySystem) {
    const p = systemFlowProblem(system, alive, zones.population);
    maxFlowRow(`capital pack ${system.system} service`, p.nodes, p.edges, p.source, p.sink);
  }
}

// 3. Max-flow on the grid of bench/lifelines.ts.
{
  const { nodes, edges, source, sink } = flowGrid(gridSide);
  maxFlowRow(`grid ${gridSide}²`, nodes, edges, source, sink);
}
rmSync(work, { recursive: true, force: true });
