import { MinHeap } from '../core/min-heap.js';
import { buildFlowGraph, reverseArc, type FlowEdge } from './flow-graph.js';

export interface MinCostFlowResult {
  cost: number;
  /** Flow on each given edge, in input order. */
  flow: Float64Array;
  /** Supply that found no path to demand within capacity (0 when everything was delivered). */
  unmet: number;
}

/**
 * Minimum-cost flow by the primal–dual method (Ahuja, Magnanti & Orlin, Network Flows, §9.8):
 * supplies (> 0) and demands (< 0) joined to a super source and sink; each phase runs Dijkstra on
 * reduced costs, raises the node potentials so every shortest path has reduced cost 0, then sends
 * a maximum flow (Dinic's blocking flows) over those zero-cost arcs at once. Successive shortest
 * paths would augment one path per Dijkstra; with many equal-cost routes (integer costs) a phase
 * here saturates them all, which is what makes 20,000-origin evacuations tractable. Edge costs
 * must be ≥ 0 (then zero potentials are a valid start). What cannot be delivered is reported as
 * `unmet` rather than thrown: a planner wants to know the shortfall.
 */
export function minCostFlow(nodes: number, edges: readonly FlowEdge[], supply: ArrayLike<number>, epsilon = 1e-12): MinCostFlowResult {
  if (edges.some((e) => (e.cost ?? 0) < 0)) throw new RangeError('edge costs must be ≥ 0');
  const source = nodes;
  const sink = nodes + 1;
  const all: FlowEdge[] = [...edges];
  let toDeliver = 0;
  for (let v = 0; v < nodes; v++) {
    const b = supply[v] ?? 0;
    if (b > 0) {
      all.push({ from: source, to: v, capacity: b, cost: 0 });
      toDeliver += b;
    } else if (b < 0) {
      all.push({ from: v, to: sink, capacity: -b, cost: 0 });
    }
  }
  const g = buildFlowGraph(nodes + 2, all);
  const n = g.nodes;
  const flow = new Float64Array(g.capacity.length);
  const potential = new Float64Array(n);
  const dist = new Float64Array(n);
  const done = new Uint8Array(n);
  const level = new Int32Array(n);
  const current = new Int32Array(n);
  const queue = new Int32Array(n);
  const residual = (a: number): number => (g.capacity[a] as number) - (flow[a] as number);
  const reduced = (a: number): number => (g.cost[a] as number) + (potential[g.tail[a] as number] as number) - (potential[g.head[a] as number] as number);
  // Arcs of zero reduced cost (up to rounding of the potentials, sums of the given costs), fixed within a phase.
  const zeroCost = new Uint8Array(g.capacity.length);
  const admissible = (a: number): boolean => zeroCost[a] === 1 && residual(a) > epsilon;
  let delivered = 0;
  for (;;) {
    dist.fill(Infinity);
    done.fill(0);
    dist[source] = 0;
    const heap = new MinHeap();
    heap.push(0, source);
    while (heap.size > 0) {
      const [d, v] = heap.pop();
      if (done[v] || d > (dist[v] as number)) continue;
      done[v] = 1;
      // Every node not yet settled is at least as far as the sink: its potential rises by the
      // sink's distance whatever its own, so the search can stop here.
      if (v === sink) break;
      for (let i = g.start[v] as number; i < (g.start[v + 1] as number); i++) {
        const a = g.arcs[i] as number;
        if (residual(a) <= epsilon) continue;
        const w = g.head[a] as number;
        const nd = d + Math.max(reduced(a), 0);
        if (nd < (dist[w] as number)) {
          dist[w] = nd;
          heap.push(nd, w);
        }
      }
    }
    const toSink = dist[sink] as number;
    if (!Number.isFinite(toSink)) break;
    // Raising every potential by min(dist, dist to sink) keeps reduced costs ≥ 0 and makes the
    // arcs of all shortest source–sink paths zero-cost.
    for (let v = 0; v < n; v++) potential[v] = (potential[v] as number) + Math.min(dist[v] as number, toSink);
    for (let a = 0; a < zeroCost.length; a++) zeroCost[a] = reduced(a) <= 1e-9 * (1 + Math.abs(potential[g.head[a] as number] as number)) ? 1 : 0;
    delivered += blockingFlows();
  }
  let cost = 0;
  for (let k = 0; k < all.length; k++) cost += (flow[2 * k] as number) * (g.cost[2 * k] as number);
  const edgeFlow = Float64Array.from(edges, (_, k) => flow[2 * k] as number);
  return { cost, flow: edgeFlow, unmet: Math.max(toDeliver - delivered, 0) };

  /** Dinic on the admissible arcs: level graph by BFS, then augmenting DFS with current-arc pointers, until the sink is cut off. */
  function blockingFlows(): number {
    let sent = 0;
    for (;;) {
      level.fill(-1);
      level[source] = 0;
      let head = 0;
      let tail = 0;
      queue[tail++] = source;
      while (head < tail) {
        const v = queue[head++] as number;
        // Nodes at or beyond the sink's level cannot lie on a shortest augmenting path.
        if (level[sink] !== -1 && (level[v] as number) >= (level[sink] as number)) break;
        for (let i = g.start[v] as number; i < (g.start[v + 1] as number); i++) {
          const a = g.arcs[i] as number;
          const w = g.head[a] as number;
          if (level[w] === -1 && admissible(a)) {
            level[w] = (level[v] as number) + 1;
            queue[tail++] = w;
          }
        }
      }
      if (level[sink] === -1) return sent;
      for (let v = 0; v < n; v++) current[v] = g.start[v] as number;
      for (;;) {
        const pushed = augment(source, Infinity);
        if (pushed <= epsilon) break;
        sent += pushed;
      }
    }
  }

  function augment(v: number, limit: number): number {
    if (v === sink) return limit;
    for (; (current[v] as number) < (g.start[v + 1] as number); current[v] = (current[v] as number) + 1) {
      const a = g.arcs[current[v] as number] as number;
      const w = g.head[a] as number;
      if (level[w] !== (level[v] as number) + 1 || !admissible(a)) continue;
      const pushed = augment(w, Math.min(limit, residual(a)));
      if (pushed > epsilon) {
        flow[a] = (flow[a] as number) + pushed;
        flow[reverseArc(a)] = (flow[reverseArc(a)] as number) - pushed;
        return pushed;
      }
    }
    return 0;
  }
}
