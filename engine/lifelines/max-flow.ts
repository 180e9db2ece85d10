import { reverseArc, type FlowGraph } from './flow-graph.js';
import { maxFlowPushRelabel } from './push-relabel.js';

export interface MaxFlowResult {
  value: number;
  /** Flow on each arc (only even arcs, the given edges, are meaningful: 0 ≤ flow ≤ capacity). */
  flow: Float64Array;
  /** Nodes on the source side of a minimum cut (reachable from s in the final residual graph). */
  sourceSide: Uint8Array;
}

/**
 * Graphs of this many nodes or more go to push–relabel. Warm solves on the synthetic grids of
 * bench/synthetic-grid.ts, push–relabel's time over Dinic's: 102 nodes 1.20, 402 nodes 1.31,
 * 486 nodes 1.76, 627 nodes 0.52, 902 nodes 0.30–0.36, 2,027 nodes 0.25, 10,002 nodes 0.16. On the
 * capital pack's service graphs (102–264 nodes) Dinic is 1.8–4× faster: push–relabel's set-up
 * (slot layout, two phases, global relabelling) costs more than the whole of Dinic's search there.
 */
export const PUSH_RELABEL_FROM_NODES = 600;

/**
 * Maximum s–t flow, on whichever kernel is faster at the graph's size: Dinic for the small
 * lifeline service graphs, push–relabel for grids and anything large. Both give the same value
 * and the same (minimal) minimum cut; the flow on each arc may differ where the maximum flow is
 * not unique. The flow tests cross-check the two kernels against each other and against brute force.
 */
export function maxFlow(g: FlowGraph, s: number, t: number, epsilon = 1e-12): MaxFlowResult {
  return g.nodes >= PUSH_RELABEL_FROM_NODES ? maxFlowPushRelabel(g, s, t, epsilon) : maxFlowDinic(g, s, t, epsilon);
}

/**
 * Maximum s–t flow by Dinic's algorithm (Dinic 1970; see Cormen et al., Introduction to
 * Algorithms, ch. 26): BFS levels on the residual graph, then blocking flows by iterative DFS
 * with current-arc pointers. Written over typed arrays, without recursion, so million-node
 * graphs neither allocate per node nor overflow the stack. Capacities below `epsilon` count as 0.
 */
export function maxFlowDinic(g: FlowGraph, s: number, t: number, epsilon = 1e-12): MaxFlowResult {
  const { nodes, start, arcs, head, capacity } = g;
  // Residual capacities held in their own array (arc 2k: capacity − flow; its reverse 2k + 1: the
  // flow), read in the inner loops without a closure: the capital pack's service graphs (100–260
  // nodes), solved thousands of times in a sweep, went from 42–108 µs to 30–68 µs a solve. The
  // flow is kept beside them, not derived: capacity − residual loses what crossed an arc of
  // Number.MAX_VALUE (an unbounded delivery arc).
  const res = Float64Array.from(capacity);
  const flow = new Float64Array(capacity.length);
  const level = new Int32Array(nodes);
  const queue = new Int32Array(nodes);
  const current = new Int32Array(nodes);
  const pathArcs = new Int32Array(nodes);
  let value = 0;
  if (s === t) return { value: 0, flow, sourceSide: markReachable(g, s, res, epsilon) };

  for (;;) {
    // Levels by BFS over residual arcs; nodes at or past the sink's level cannot lie on a shortest path.
    level.fill(-1);
    level[s] = 0;
    let qh = 0;
    let qt = 0;
    queue[qt++] = s;
    while (qh < qt) {
      const v = queue[qh++] as number;
      const next = (level[v] as number) + 1;
      if (level[t] !== -1 && next > (level[t] as number)) break;
      for (let i = start[v] as number, end = start[v + 1] as number; i < end; i++) {
        const a = arcs[i] as number;
        const w = head[a] as number;
        if (level[w] === -1 && (res[a] as number) > epsilon) {
          level[w] = next;
          queue[qt++] = w;
        }
      }
    }
    if (level[t] === -1) break;
    current.set(start.subarray(0, nodes));
    // Iterative DFS: advance along admissible arcs; on reaching t push the bottleneck; on a dead end retreat.
    let depth = 0;
    let v = s;
    for (;;) {
      if (v === t) {
        let push = Infinity;
        for (let k = 0; k < depth; k++) push = Math.min(push, res[pathArcs[k] as number] as number);
        for (let k = 0; k < depth; k++) {
          const a = pathArcs[k] as number;
          res[a] = (res[a] as number) - push;
          res[reverseArc(a)] = (res[reverseArc(a)] as number) + push;
          flow[a] = (flow[a] as number) + push;
          flow[reverseArc(a)] = (flow[reverseArc(a)] as number) - push;
        }
        value += push;
        // Restart from the tail of the first saturated arc.
        let cut = 0;
        while (cut < depth && (res[pathArcs[cut] as number] as number) > epsilon) cut++;
        depth = cut;
        v = depth === 0 ? s : (head[pathArcs[depth - 1] as number] as number);
        continue;
      }
      let advanced = false;
      const wanted = (level[v] as number) + 1;
      for (let i = current[v] as number, end = start[v + 1] as number; i < end; i++) {
        const a = arcs[i] as number;
        const w = head[a] as number;
        if (level[w] === wanted && (res[a] as number) > epsilon) {
          current[v] = i;
          pathArcs[depth++] = a;
          v = w;
          advanced = true;
          break;
        }
      }
      if (advanced) continue;
      current[v] = start[v + 1] as number;
      if (v === s) break;
      // Dead end: prune v from this phase and step back.
      level[v] = -1;
      depth--;
      v = depth === 0 ? s : (head[pathArcs[depth - 1] as number] as number);
      current[v] = (current[v] as number) + 1;
    }
  }
  return { value, flow, sourceSide: markReachable(g, s, res, epsilon) };
}

function markReachable(g: FlowGraph, s: number, res: Float64Array, epsilon: number): Uint8Array {
  const seen = new Uint8Array(g.nodes);
  const stack = [s];
  seen[s] = 1;
  while (stack.length > 0) {
    const v = stack.pop() as number;
    for (let i = g.start[v] as number; i < (g.start[v + 1] as number); i++) {
      const a = g.arcs[i] as number;
      const w = g.head[a] as number;
      if (!seen[w] && (res[a] as number) > epsilon) {
        seen[w] = 1;
        stack.push(w);
      }
    }
  }
  return seen;
}
