import { reverseArc, type FlowGraph } from './flow-graph.js';

export interface MaxFlowResult {
  value: number;
  /** Flow on each arc (only even arcs, the given edges, are meaningful: 0 ≤ flow ≤ capacity). */
  flow: Float64Array;
  /** Nodes on the source side of a minimum cut (reachable from s in the final residual graph). */
  sourceSide: Uint8Array;
}

/**
 * Maximum s–t flow by Dinic's algorithm (Dinic 1970; see Cormen et al., Introduction to
 * Algorithms, ch. 26): BFS levels on the residual graph, then blocking flows by iterative DFS
 * with current-arc pointers. Written over typed arrays, without recursion, so million-node
 * graphs neither allocate per node nor overflow the stack. Capacities below `epsilon` count as 0.
 */
export function maxFlow(g: FlowGraph, s: number, t: number, epsilon = 1e-12): MaxFlowResult {
  const { nodes, start, arcs, head, capacity } = g;
  const flow = new Float64Array(capacity.length);
  const residual = (a: number): number => (capacity[a] as number) - (flow[a] as number);
  const level = new Int32Array(nodes);
  const queue = new Int32Array(nodes);
  const current = new Int32Array(nodes);
  const pathArcs = new Int32Array(nodes);
  let value = 0;
  if (s === t) return { value: 0, flow, sourceSide: markReachable(g, s, residual, epsilon) };

  const bfs = (): boolean => {
    level.fill(-1);
    level[s] = 0;
    let qh = 0;
    let qt = 0;
    queue[qt++] = s;
    while (qh < qt) {
      const v = queue[qh++] as number;
      for (let i = start[v] as number; i < (start[v + 1] as number); i++) {
        const a = arcs[i] as number;
        const w = head[a] as number;
        if ((level[w] as number) < 0 && residual(a) > epsilon) {
          level[w] = (level[v] as number) + 1;
          queue[qt++] = w;
        }
      }
    }
    return (level[t] as number) >= 0;
  };

  while (bfs()) {
    for (let v = 0; v < nodes; v++) current[v] = start[v] as number;
    // Iterative DFS: advance along admissible arcs; on reaching t push the bottleneck; on a dead end retreat.
    let depth = 0;
    let v = s;
    for (;;) {
      if (v === t) {
        let push = Infinity;
        for (let k = 0; k < depth; k++) push = Math.min(push, residual(pathArcs[k] as number));
        for (let k = 0; k < depth; k++) {
          const a = pathArcs[k] as number;
          flow[a] = (flow[a] as number) + push;
          flow[reverseArc(a)] = (flow[reverseArc(a)] as number) - push;
        }
        value += push;
        // Restart from the tail of the first saturated arc.
        let cut = 0;
        while (cut < depth && residual(pathArcs[cut] as number) > epsilon) cut++;
        depth = cut;
        v = depth === 0 ? s : (head[pathArcs[depth - 1] as number] as number);
        continue;
      }
      let advanced = false;
      for (; (current[v] as number) < (start[v + 1] as number); current[v] = (current[v] as number) + 1) {
        const a = arcs[current[v] as number] as number;
        const w = head[a] as number;
        if (level[w] === (level[v] as number) + 1 && residual(a) > epsilon) {
          pathArcs[depth++] = a;
          v = w;
          advanced = true;
          break;
        }
      }
      if (advanced) continue;
      if (v === s) break;
      // Dead end: prune v from this phase and step back.
      level[v] = -1;
      depth--;
      v = depth === 0 ? s : (head[pathArcs[depth - 1] as number] as number);
      current[v] = (current[v] as number) + 1;
    }
  }
  return { value, flow, sourceSide: markReachable(g, s, residual, epsilon) };
}

function markReachable(g: FlowGraph, s: number, residual: (a: number) => number, epsilon: number): Uint8Array {
  const seen = new Uint8Array(g.nodes);
  const stack = [s];
  seen[s] = 1;
  while (stack.length > 0) {
    const v = stack.pop() as number;
    for (let i = g.start[v] as number; i < (g.start[v + 1] as number); i++) {
      const a = g.arcs[i] as number;
      const w = g.head[a] as number;
      if (!seen[w] && residual(a) > epsilon) {
        seen[w] = 1;
        stack.push(w);
      }
    }
  }
  return seen;
}
