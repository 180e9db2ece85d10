/**
 * Moving amounts (people, patients, goods) from sources to sinks over the road graph at least total
 * cost: a min-cost flow where every source and sink is its own node, so each can carry a cost of
 * its own (access to a shelter, a donor's tie-break) and its amount is a capacity. Evacuation and
 * mutual aid both use it; it returns what went where, over which links, as paths.
 */
import type { FlowEdge } from '../lifelines/flow-graph.js';
import { minCostFlow } from '../lifelines/min-cost-flow.js';
import type { RoadGraph } from './road-graph.js';

export interface Endpoint {
  /** Road-graph node (a zone seat is node = zone index). */
  node: number;
  amount: number;
  /** Cost of leaving the source or entering the sink (hours). */
  cost: number;
  /** Tie-break among routes of equal time, 0 (preferred) … 15. */
  rank?: number;
}

export interface RoutePath {
  source: number;
  sink: number;
  amount: number;
  /** Travel hours along the path, end costs included. */
  hours: number;
  /** Road-graph link indices in order. */
  links: number[];
}

export interface RoutingResult {
  sent: Float64Array;
  received: Float64Array;
  /** People (or units) over each link, per direction: [forward, backward] at 2·link, 2·link + 1. */
  linkFlow: Float64Array;
  /** Σ amount × hours (exact times). */
  cost: number;
  paths: RoutePath[];
}

export interface RoutingOptions {
  /** 1 where a link is usable (default: all). */
  usable?: Uint8Array;
  /** Hours the links are available: capacity = people per hour × hours; Infinity for goods, whose lorries no road capacity binds. */
  windowH: number;
  /** Road capacity per hour is in people; this many units of the amount fit in one person's place (1 for people). */
  unitsPerPerson?: number;
}

/**
 * The solver sees integer costs: whole minutes (× 4096, at least one minute per road arc), plus
 * the endpoints' rank (× 256, 0 … 15) to settle ties. Integer costs keep the network simplex's
 * potentials and reduced costs exact; no road arc is free, so every cycle costs something and a
 * least-cost flow has none (zero-length access links would otherwise allow zero-cost loops).
 * Reported hours and person-hours are exact.
 */
const MINUTE = 4096;
const RANK = 256;
const roadCost = (hours: number): number => Math.max(Math.round(hours * 60), 1) * MINUTE;
const endCost = (hours: number, rank = 0): number => Math.round(hours * 60) * MINUTE + Math.min(Math.max(Math.round(rank), 0), 15) * RANK;

/** The min-cost flow problem of a routing: road arcs first (`arcLink` names each one's link and direction), then one arc per source and per sink. */
export interface RoadFlowProblem {
  nodes: number;
  edges: FlowEdge[];
  supply: Float64Array;
  /** Exact hours of each edge (the solver's costs are rounded to whole minutes). */
  hours: number[];
  roadArcs: number;
  arcLink: number[];
}

export function roadFlowProblem(graph: RoadGraph, sources: readonly Endpoint[], sinks: readonly Endpoint[], options: RoutingOptions): RoadFlowProblem {
  const scale = options.windowH * (options.unitsPerPerson ?? 1);
  const edges: FlowEdge[] = [];
  const hours: number[] = [];
  const arcLink: number[] = [];
  graph.links.forEach((link, l) => {
    if (options.usable && !options.usable[l]) return;
    const capacity = Math.min(link.capacityPerH * scale, Number.MAX_VALUE);
    edges.push({ from: link.from, to: link.to, capacity, cost: roadCost(link.hours) });
    hours.push(link.hours);
    arcLink.push(2 * l);
    if (!link.oneWay) {
      edges.push({ from: link.to, to: link.from, capacity, cost: roadCost(link.hours) });
      hours.push(link.hours);
      arcLink.push(2 * l + 1);
    }
  });
  const roadArcs = edges.length;
  const sourceNode = (k: number): number => graph.nodes + k;
  const sinkNode = (k: number): number => graph.nodes + sources.length + k;
  const nodes = graph.nodes + sources.length + sinks.length;
  const supply = new Float64Array(nodes);
  sources.forEach((s, k) => {
    supply[sourceNode(k)] = s.amount;
    edges.push({ from: sourceNode(k), to: s.node, capacity: s.amount, cost: endCost(s.cost, s.rank) });
    hours.push(s.cost);
  });
  sinks.forEach((t, k) => {
    supply[sinkNode(k)] = -t.amount;
    edges.push({ from: t.node, to: sinkNode(k), capacity: t.amount, cost: endCost(t.cost, t.rank) });
    hours.push(t.cost);
  });
  return { nodes, edges, supply, hours, roadArcs, arcLink };
}

/**
 * Min-cost flow sending as much as the sinks and roads allow at least cost — maximum amount
 * first, then least person-minutes — and its path decomposition (each unit of flow followed from
 * its source to a sink).
 */
export function routeOverRoads(graph: RoadGraph, sources: readonly Endpoint[], sinks: readonly Endpoint[], options: RoutingOptions): RoutingResult {
  const { nodes, edges, supply, hours, roadArcs, arcLink } = roadFlowProblem(graph, sources, sinks, options);
  const { flow } = minCostFlow(nodes, edges, supply);
  let cost = 0;
  flow.forEach((f, e) => { cost += f * (hours[e] as number); });
  const linkFlow = new Float64Array(graph.links.length * 2);
  for (let e = 0; e < roadArcs; e++) linkFlow[arcLink[e] as number] = flow[e] as number;
  const sent = Float64Array.from(sources, (_, k) => flow[roadArcs + k] as number);
  const received = Float64Array.from(sinks, (_, k) => flow[roadArcs + sources.length + k] as number);
  return { sent, received, linkFlow, cost, paths: decompose(nodes, edges, hours, flow, roadArcs, arcLink, sources, graph) };
}

/**
 * Path decomposition of a flow without cycles (every road arc costs at least a minute, so a
 * least-cost flow has none): from each source follow arcs still carrying flow until a sink.
 */
function decompose(nodes: number, edges: readonly FlowEdge[], hoursOf: readonly number[], flow: Float64Array, roadArcs: number, arcLink: readonly number[], sources: readonly Endpoint[], graph: RoadGraph): RoutePath[] {
  const left = Float64Array.from(flow);
  const outgoing: number[][] = Array.from({ length: nodes }, () => []);
  edges.forEach((e, k) => { if ((flow[k] as number) > 0) outgoing[e.from]?.push(k); });
  const sinkOf = (v: number): number => v - graph.nodes - sources.length;
  const total = flow.reduce((s, f) => s + Math.abs(f), 0);
  const epsilon = 1e-9 * Math.max(total, 1);
  const paths: RoutePath[] = [];
  sources.forEach((_, k) => {
    const start = roadArcs + k;
    while ((left[start] as number) > epsilon) {
      const arcs = [start];
      let v = (edges[start] as FlowEdge).to;
      let amount = left[start] as number;
      while (sinkOf(v) < 0) {
        const next = outgoing[v]?.find((a) => (left[a] as number) > epsilon);
        if (next === undefined) break; // rounding residue: nothing carries it further
        if (arcs.length > nodes) throw new Error('routeOverRoads: the flow holds a cycle (it is not least-cost)');
        arcs.push(next);
        amount = Math.min(amount, left[next] as number);
        v = (edges[next] as FlowEdge).to;
      }
      if (sinkOf(v) < 0) {
        left[start] = 0;
        break;
      }
      let hours = 0;
      for (const a of arcs) {
        left[a] = (left[a] as number) - amount;
        hours += hoursOf[a] as number;
      }
      const links = arcs.filter((a) => a < roadArcs).map((a) => (arcLink[a] as number) >> 1);
      paths.push({ source: k, sink: sinkOf(v), amount, hours, links });
    }
  });
  return paths;
}
