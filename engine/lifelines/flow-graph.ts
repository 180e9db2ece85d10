/**
 * A directed, capacitated graph in compressed adjacency (CSR) with each arc's reverse arc next to
 * it, the form flow algorithms want: arc 2k is the k-th edge as given, arc 2k+1 its residual
 * reverse. Built once from an edge list; the algorithms work on typed arrays only.
 */
export interface FlowEdge {
  from: number;
  to: number;
  capacity: number;
  cost?: number;
}

export interface FlowGraph {
  nodes: number;
  /** Arcs leaving node v are `arcs[start[v] … start[v + 1])` (indices into the arc arrays). */
  start: Int32Array;
  arcs: Int32Array;
  head: Int32Array;
  tail: Int32Array;
  capacity: Float64Array;
  cost: Float64Array;
}

export function buildFlowGraph(nodes: number, edges: readonly FlowEdge[]): FlowGraph {
  const m = edges.length * 2;
  const head = new Int32Array(m);
  const tail = new Int32Array(m);
  const capacity = new Float64Array(m);
  const cost = new Float64Array(m);
  const degree = new Int32Array(nodes + 1);
  edges.forEach((e, k) => {
    if (e.from < 0 || e.from >= nodes || e.to < 0 || e.to >= nodes) throw new RangeError(`edge ${k} joins ${e.from} → ${e.to}, outside 0…${nodes - 1}`);
    if (!(e.capacity >= 0)) throw new RangeError(`edge ${k} has capacity ${e.capacity}; capacities must be ≥ 0`);
    tail[2 * k] = e.from;
    head[2 * k] = e.to;
    capacity[2 * k] = e.capacity;
    cost[2 * k] = e.cost ?? 0;
    tail[2 * k + 1] = e.to;
    head[2 * k + 1] = e.from;
    cost[2 * k + 1] = -(e.cost ?? 0);
    degree[e.from + 1] = (degree[e.from + 1] as number) + 1;
    degree[e.to + 1] = (degree[e.to + 1] as number) + 1;
  });
  for (let v = 0; v < nodes; v++) degree[v + 1] = (degree[v + 1] as number) + (degree[v] as number);
  const start = Int32Array.from(degree);
  const fill = Int32Array.from(degree.subarray(0, nodes));
  const arcs = new Int32Array(m);
  for (let a = 0; a < m; a++) {
    const v = tail[a] as number;
    arcs[fill[v] as number] = a;
    fill[v] = (fill[v] as number) + 1;
  }
  return { nodes, start, arcs, head, tail, capacity, cost };
}

/** The reverse of arc `a` (arcs come in pairs 2k, 2k+1). */
export const reverseArc = (a: number): number => a ^ 1;
