import { allocateMaxMin, type Demand, type Supply } from './allocate.js';
import { buildFlowGraph, type FlowEdge } from './flow-graph.js';
import { maxFlow } from './max-flow.js';
import type { LifelineNetwork, SystemNetwork } from './network.js';

/**
 * Service of one system with some components down: its working sources feed its working links
 * and nodes, delivery nodes pass supply to the zones they serve, and what the network can carry
 * is shared max–min fairly among zones (each zone's demand is its population). Returns, per
 * zone, the unserved fraction, or NaN for zones this system does not serve.
 */
export function unservedFractions(system: SystemNetwork, alive: Uint8Array, population: Float64Array): Float64Array {
  return serviceProblem(system, alive, population).unserved();
}

/**
 * The flow problem of one system with some components down: local node numbering, edges (each
 * working link once or both ways, then delivery → zone arcs), supplies and zone demands.
 */
function serviceProblem(system: SystemNetwork, alive: Uint8Array, population: Float64Array) {
  const local = new Map(system.nodes.map((c, k) => [c, k]));
  const served = new Map<number, number>(); // zone → demand node
  let next = system.nodes.length;
  for (const d of system.deliveries) for (const z of d.zones) if (!served.has(z)) served.set(z, next++);
  const edges: FlowEdge[] = [];
  const edgeLink: { component: number; forward: boolean }[] = [];
  for (const l of system.links) {
    if (!alive[l.component] || !alive[l.from] || !alive[l.to]) continue;
    const from = local.get(l.from) as number;
    const to = local.get(l.to) as number;
    edges.push({ from, to, capacity: l.capacity });
    edgeLink.push({ component: l.component, forward: true });
    if (!l.oneWay) {
      edges.push({ from: to, to: from, capacity: l.capacity });
      edgeLink.push({ component: l.component, forward: false });
    }
  }
  for (const d of system.deliveries) {
    if (!alive[d.component]) continue;
    for (const z of d.zones) edges.push({ from: local.get(d.component) as number, to: served.get(z) as number, capacity: Number.MAX_VALUE });
  }
  const supplies: Supply[] = system.sources.filter((s) => alive[s.component]).map((s) => ({ node: local.get(s.component) as number, capacity: s.capacity }));
  const zones = [...served.keys()];
  const demands: Demand[] = zones.map((z) => ({ node: served.get(z) as number, amount: population[z] as number }));
  return {
    nodes: next, edges, edgeLink, supplies, demands, zones,
    unserved(): Float64Array {
      const delivered = allocateMaxMin(next, edges, supplies, demands);
      const out = new Float64Array(population.length).fill(Number.NaN);
      zones.forEach((z, k) => {
        const demand = population[z] as number;
        out[z] = demand > 0 ? Math.min(Math.max(1 - (delivered[k] as number) / demand, 0), 1) : 0;
      });
      return out;
    },
  };
}

/**
 * One maximum flow of the system (the fair allocation delivers a maximum flow too): the net
 * flow on each working link (from → to positive) and the links of a minimum cut — the
 * bottlenecks that stop more supply reaching the zones.
 */
export function systemFlows(system: SystemNetwork, alive: Uint8Array, population: Float64Array): { linkFlow: Map<number, number>; bottlenecks: number[]; delivered: number } {
  const p = serviceProblem(system, alive, population);
  const source = p.nodes;
  const sink = p.nodes + 1;
  const all: FlowEdge[] = [
    ...p.edges,
    ...p.supplies.map((s) => ({ from: source, to: s.node, capacity: s.capacity })),
    ...p.demands.map((d) => ({ from: d.node, to: sink, capacity: d.amount })),
  ];
  const { flow, sourceSide, value } = maxFlow(buildFlowGraph(p.nodes + 2, all), source, sink);
  const linkFlow = new Map<number, number>();
  const bottlenecks = new Set<number>();
  p.edgeLink.forEach((link, e) => {
    const f = flow[2 * e] as number;
    linkFlow.set(link.component, (linkFlow.get(link.component) ?? 0) + (link.forward ? f : -f));
    const edge = p.edges[e] as FlowEdge;
    if (sourceSide[edge.from] && !sourceSide[edge.to]) bottlenecks.add(link.component);
  });
  return { linkFlow, bottlenecks: [...bottlenecks], delivered: value };
}

export function aliveAt(network: LifelineNetwork, failsAtH: Float64Array, tH: number): Uint8Array {
  return Uint8Array.from(network.ids, (_, k) => ((failsAtH[k] as number) > tH ? 1 : 0));
}

/**
 * Hours each zone's residents spend without the system over [0, horizonH] (fraction-weighted:
 * half a zone unserved for 4 h counts 2 h; NaN where the system does not serve the zone).
 * Service is a step function that changes only when a component fails, so it is evaluated once
 * per distinct failure time.
 */
export function hoursWithoutService(network: LifelineNetwork, system: SystemNetwork, failsAtH: Float64Array, horizonH: number, population: Float64Array): Float64Array {
  const times = [...new Set([0, ...Array.from(failsAtH).filter((t) => t > 0 && t < horizonH)])].sort((a, b) => a - b);
  const hours = new Float64Array(population.length).fill(Number.NaN);
  times.forEach((t, i) => {
    const until = times[i + 1] ?? horizonH;
    const unserved = unservedFractions(system, aliveAt(network, failsAtH, t), population);
    unserved.forEach((f, z) => {
      if (Number.isNaN(f)) return;
      hours[z] = (Number.isNaN(hours[z]) ? 0 : (hours[z] as number)) + f * (until - t);
    });
  });
  return hours;
}
