import { buildFlowGraph, reverseArc, type FlowEdge } from './flow-graph.js';

export interface MinCostFlowResult {
  cost: number;
  /** Flow on each given edge, in input order. */
  flow: Float64Array;
  /** Supply that found no path to demand within capacity (0 when everything was delivered). */
  unmet: number;
}

/**
 * Minimum-cost flow by successive shortest paths with node potentials (Edmonds & Karp 1972;
 * Ahuja, Magnanti & Orlin, Network Flows, §9.7): supplies (> 0) and demands (< 0) joined to a
 * super source and sink, Dijkstra on reduced costs, augment along the cheapest path, repeat.
 * Edge costs must be ≥ 0 (then zero potentials are a valid start). What cannot be delivered is
 * reported as `unmet` rather than thrown: a planner wants to know the shortfall.
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
  const via = new Int32Array(n);
  const done = new Uint8Array(n);
  let delivered = 0;
  let cost = 0;
  for (;;) {
    dist.fill(Infinity);
    via.fill(-1);
    done.fill(0);
    dist[source] = 0;
    const heap = new MinHeap();
    heap.push(0, source);
    while (heap.size > 0) {
      const [d, v] = heap.pop();
      if (done[v] || d > (dist[v] as number)) continue;
      done[v] = 1;
      for (let i = g.start[v] as number; i < (g.start[v + 1] as number); i++) {
        const a = g.arcs[i] as number;
        if ((g.capacity[a] as number) - (flow[a] as number) <= epsilon) continue;
        const w = g.head[a] as number;
        const nd = d + (g.cost[a] as number) + (potential[v] as number) - (potential[w] as number);
        if (nd < (dist[w] as number) - 1e-12) {
          dist[w] = nd;
          via[w] = a;
          heap.push(nd, w);
        }
      }
    }
    if (!Number.isFinite(dist[sink])) break;
    for (let v = 0; v < n; v++) if (Number.isFinite(dist[v])) potential[v] = (potential[v] as number) + (dist[v] as number);
    let push = Infinity;
    for (let v = sink; v !== source; v = g.tail[via[v] as number] as number) {
      const a = via[v] as number;
      push = Math.min(push, (g.capacity[a] as number) - (flow[a] as number));
    }
    for (let v = sink; v !== source; v = g.tail[via[v] as number] as number) {
      const a = via[v] as number;
      flow[a] = (flow[a] as number) + push;
      flow[reverseArc(a)] = (flow[reverseArc(a)] as number) - push;
      cost += push * (g.cost[a] as number);
    }
    delivered += push;
  }
  const edgeFlow = Float64Array.from(edges, (_, k) => flow[2 * k] as number);
  return { cost, flow: edgeFlow, unmet: Math.max(toDeliver - delivered, 0) };
}

/** A binary min-heap of (key, value) pairs on parallel arrays. */
class MinHeap {
  private keys: number[] = [];
  private values: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(key: number, value: number): void {
    const { keys, values } = this;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((keys[parent] as number) <= key) break;
      keys[i] = keys[parent] as number;
      values[i] = values[parent] as number;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  pop(): [number, number] {
    const { keys, values } = this;
    const top: [number, number] = [keys[0] as number, values[0] as number];
    const lastKey = keys.pop() as number;
    const lastValue = values.pop() as number;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && (keys[r] as number) < (keys[l] as number) ? r : l;
        if ((keys[c] as number) >= lastKey) break;
        keys[i] = keys[c] as number;
        values[i] = values[c] as number;
        i = c;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return top;
  }
}
