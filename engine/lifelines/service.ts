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

export interface SupplyPath {
  /** Source component, the zone it reaches, how much (people served), and the link components on the way. */
  source: number;
  zone: number;
  amount: number;
  links: number[];
}

/**
 * One maximum flow of the system (the fair allocation delivers a maximum flow too): the net
 * flow on each working link (from → to positive), the links of a minimum cut — the bottlenecks
 * that stop more supply reaching the zones — and the flow decomposed into source → zone paths.
 */
export function systemFlows(system: SystemNetwork, alive: Uint8Array, population: Float64Array): { linkFlow: Map<number, number>; bottlenecks: number[]; delivered: number; paths: SupplyPath[] } {
  const { problem: p, nodes, edges: all, source, sink } = systemFlowProblem(system, alive, population);
  const { flow, sourceSide, value } = maxFlow(buildFlowGraph(nodes, all), source, sink);
  const linkFlow = new Map<number, number>();
  const bottlenecks = new Set<number>();
  p.edgeLink.forEach((link, e) => {
    const f = flow[2 * e] as number;
    linkFlow.set(link.component, (linkFlow.get(link.component) ?? 0) + (link.forward ? f : -f));
    const edge = p.edges[e] as FlowEdge;
    if (sourceSide[edge.from] && !sourceSide[edge.to]) bottlenecks.add(link.component);
  });
  const paths = decomposeFlow(all, Float64Array.from(all, (_, e) => flow[2 * e] as number), source, sink).flatMap((path) => {
    const first = all[path.edges[0] as number] as FlowEdge;
    const last = all[path.edges[path.edges.length - 1] as number] as FlowEdge;
    const supply = p.supplies.findIndex((x) => x.node === first.to);
    const demand = p.demands.findIndex((d) => d.node === last.from);
    if (supply < 0 || demand < 0) return [];
    const links = path.edges.filter((e) => e < p.edgeLink.length).map((e) => (p.edgeLink[e] as { component: number }).component);
    return [{ source: system.sources.filter((x) => alive[x.component])[supply]?.component ?? -1, zone: p.zones[demand] as number, amount: path.amount, links }];
  });
  return { linkFlow, bottlenecks: [...bottlenecks], delivered: value, paths };
}

/** The system's maximum-flow problem: its service problem with a super source feeding the working sources and a super sink draining each zone's demand. */
export function systemFlowProblem(system: SystemNetwork, alive: Uint8Array, population: Float64Array) {
  const problem = serviceProblem(system, alive, population);
  const source = problem.nodes;
  const sink = problem.nodes + 1;
  const edges: FlowEdge[] = [
    ...problem.edges,
    ...problem.supplies.map((s) => ({ from: source, to: s.node, capacity: s.capacity })),
    ...problem.demands.map((d) => ({ from: d.node, to: sink, capacity: d.amount })),
  ];
  return { problem, nodes: problem.nodes + 2, edges, source, sink };
}

/**
 * Path decomposition of an s–t flow on a list of edges: walk from s along edges still carrying
 * flow; a walk that meets itself has found a cycle, whose flow is cancelled (it delivers
 * nothing); a walk that reaches t is a path, whose bottleneck is taken off its edges.
 */
export function decomposeFlow(edges: readonly FlowEdge[], edgeFlow: Float64Array, s: number, t: number, epsilon = 1e-9): { edges: number[]; amount: number }[] {
  const left = Float64Array.from(edgeFlow);
  const out = new Map<number, number[]>();
  edges.forEach((e, k) => {
    if ((left[k] as number) <= epsilon) return;
    const list = out.get(e.from);
    if (list) list.push(k);
    else out.set(e.from, [k]);
  });
  const next = (v: number): number | undefined => out.get(v)?.find((k) => (left[k] as number) > epsilon);
  const paths: { edges: number[]; amount: number }[] = [];
  for (let first = next(s); first !== undefined; first = next(s)) {
    const walk: number[] = [first];
    const seenAt = new Map<number, number>([[s, 0]]);
    let v = (edges[first] as FlowEdge).to;
    while (v !== t) {
      const at = seenAt.get(v);
      if (at !== undefined) {
        const cycle = walk.splice(at);
        const amount = Math.min(...cycle.map((k) => left[k] as number));
        for (const k of cycle) left[k] = (left[k] as number) - amount;
        for (const [node, i] of seenAt) if (i > at) seenAt.delete(node);
      } else {
        seenAt.set(v, walk.length);
      }
      const tail = walk.length > 0 ? (edges[walk[walk.length - 1] as number] as FlowEdge).to : s;
      const k = next(tail);
      if (k === undefined) break; // rounding residue
      walk.push(k);
      v = (edges[k] as FlowEdge).to;
    }
    if (v !== t || walk.length === 0) {
      if (walk.length > 0) left[walk[0] as number] = 0;
      continue;
    }
    const amount = Math.min(...walk.map((k) => left[k] as number));
    for (const k of walk) left[k] = (left[k] as number) - amount;
    paths.push({ edges: walk, amount });
  }
  return paths;
}

export function aliveAt(network: LifelineNetwork, failsAtH: Float64Array, tH: number): Uint8Array {
  return Uint8Array.from(network.ids, (_, k) => ((failsAtH[k] as number) > tH ? 1 : 0));
}

/** Outage durations that exposure counts residents for: a day, and the 72 h households are asked to bridge on their own. */
export const OUTAGE_DURATIONS_H = [24, 72] as const;

/**
 * Service over [0, horizonH] from the working components as a step function (`steps`, the first
 * at 0): the hours each zone's residents spend without the system (fraction-weighted: half a zone
 * unserved for 4 h counts 2 h), the unserved fraction at the horizon, and for each of `durationsH`
 * the fraction without service for at least that long at a stretch — the most that stayed unserved
 * through any window of that length (the least fraction within it), so residents are taken to stay
 * cut off while the zone's unserved fraction does not fall; NaN where the system does not serve
 * the zone. Service changes only when the working set does, so it is evaluated once per step.
 * With `localCut` (per zone and hour 0 … ⌈horizon⌉, the share of residents cut off locally, e.g.
 * homes on flooded land), a resident is served when both the network and the local supply reach
 * them, 1 − (1 − network)(1 − local), evaluated hour by hour.
 */
export function serviceOverHorizon(system: SystemNetwork, steps: readonly { atH: number; alive: Uint8Array }[], horizonH: number, population: Float64Array, durationsH: readonly number[] = OUTAGE_DURATIONS_H, localCut?: Float64Array): { hours: Float64Array; atHorizon: Float64Array; withoutFor: Float64Array[] } {
  const hours = new Float64Array(population.length).fill(Number.NaN);
  // Most steps change components of other systems (a flooded road, a cut telecom link): a state of
  // this system's own components seen before has the same service, so each is evaluated once.
  const members = [...system.nodes, ...system.links.map((l) => l.component)];
  const seen = new Map<string, Float64Array>();
  const serviceOf = (alive: Uint8Array): Float64Array => {
    const key = members.map((c) => alive[c]).join('');
    let unserved = seen.get(key);
    if (!unserved) {
      unserved = unservedFractions(system, alive, population);
      seen.set(key, unserved);
    }
    return unserved;
  };
  if (localCut) return hourlyService(steps, serviceOf, horizonH, population, durationsH, localCut);
  const segments = steps.filter((s) => s.atH <= horizonH).map((s, i, all) => ({ fromH: s.atH, untilH: all[i + 1]?.atH ?? horizonH, unserved: serviceOf(s.alive) }));
  for (const { fromH, untilH, unserved } of segments) {
    unserved.forEach((f, z) => {
      if (!Number.isNaN(f)) hours[z] = (Number.isNaN(hours[z]) ? 0 : (hours[z] as number)) + f * (untilH - fromH);
    });
  }
  const atHorizon = segments[segments.length - 1]?.unserved ?? new Float64Array(population.length).fill(Number.NaN);
  const withoutFor = durationsH.map((d) => {
    const most = Float64Array.from(hours, (h) => (Number.isNaN(h) ? Number.NaN : 0));
    if (d > horizonH) return most; // nobody can have been without for longer than the run
    // A window's least fraction is largest when it starts where a step starts (or ends at the horizon).
    const starts = [...segments.map((s) => s.fromH).filter((t) => t <= horizonH - d), horizonH - d];
    for (const start of starts) {
      const within = segments.filter((s) => s.fromH < start + d && s.untilH > start);
      most.forEach((m, z) => {
        if (Number.isNaN(m)) return;
        let least = Infinity;
        for (const s of within) least = Math.min(least, s.unserved[z] as number);
        if (least > m) most[z] = least;
      });
    }
    return most;
  });
  return { hours, atHorizon, withoutFor };
}

/**
 * The hour-by-hour form of `serviceOverHorizon` when a local cut varies within steps: hour k is
 * [k, k + 1) (the last clipped at the horizon), its network state the one in force at its start and
 * its local cut the hour's own (`localCut[zone * (⌈horizon⌉ + 1) + k + 1]`, the hour ending then);
 * the stretch of `d` hours is the most that stayed unserved through any run of d whole hours
 * (a sliding-window minimum per zone).
 */
function hourlyService(steps: readonly { atH: number; alive: Uint8Array }[], serviceOf: (alive: Uint8Array) => Float64Array, horizonH: number, population: Float64Array, durationsH: readonly number[], localCut: Float64Array): { hours: Float64Array; atHorizon: Float64Array; withoutFor: Float64Array[] } {
  const H = Math.ceil(horizonH);
  const zones = population.length;
  const stride = H + 1;
  const at = (tH: number): Float64Array => {
    let state = steps[0] as { alive: Uint8Array };
    for (const step of steps) if (step.atH <= tH) state = step;
    return serviceOf(state.alive);
  };
  const combine = (net: number, local: number): number => (Number.isNaN(net) ? Number.NaN : 1 - (1 - net) * (1 - local));
  const u = Array.from({ length: H }, (_, k) => {
    const net = at(k);
    return Float64Array.from({ length: zones }, (_, z) => combine(net[z] as number, localCut[z * stride + Math.min(k + 1, H)] as number));
  });
  const hours = new Float64Array(zones).fill(Number.NaN);
  u.forEach((row, k) => {
    const length = Math.min(k + 1, horizonH) - k;
    row.forEach((f, z) => { if (!Number.isNaN(f)) hours[z] = (Number.isNaN(hours[z]) ? 0 : (hours[z] as number)) + f * length; });
  });
  const net = at(horizonH);
  const atHorizon = Float64Array.from({ length: zones }, (_, z) => combine(net[z] as number, localCut[z * stride + H] as number));
  const withoutFor = durationsH.map((d) => {
    const most = Float64Array.from(hours, (h) => (Number.isNaN(h) ? Number.NaN : 0));
    const width = Math.ceil(d);
    if (width > H) return most;
    for (let z = 0; z < zones; z++) {
      if (Number.isNaN(most[z])) continue;
      // Indices of the window's candidates for its minimum, values increasing.
      const window: number[] = [];
      let best = 0;
      for (let k = 0; k < H; k++) {
        const v = (u[k] as Float64Array)[z] as number;
        while (window.length > 0 && ((u[window[window.length - 1] as number] as Float64Array)[z] as number) >= v) window.pop();
        window.push(k);
        if ((window[0] as number) <= k - width) window.shift();
        if (k >= width - 1) best = Math.max(best, (u[window[0] as number] as Float64Array)[z] as number);
      }
      most[z] = best;
    }
    return most;
  });
  return { hours, atHorizon, withoutFor };
}

/** Residents without the system, from the unserved fraction per zone (NaN: not served by it). */
export function residentsUnserved(unserved: Float64Array, population: Float64Array): number {
  let people = 0;
  unserved.forEach((f, z) => { if (!Number.isNaN(f)) people += f * (population[z] as number); });
  return people;
}
