import type { FlowEdge } from './flow-graph.js';

export interface MinCostFlowResult {
  cost: number;
  /** Flow on each given edge, in input order. */
  flow: Float64Array;
  /** Supply that found no path to demand within capacity (0 when everything was delivered). */
  unmet: number;
}

/** Arc states: at its lower bound (flow 0), in the spanning tree, at its upper bound. */
const LOWER = 1;
const TREE = 0;
const UPPER = -1;
/** A tree arc's direction from the node below it: towards its parent (up) or from it (down). */
const UP = 1;
const DOWN = -1;

/**
 * Minimum-cost flow by the primal network simplex (Ahuja, Magnanti & Orlin, Network Flows, ch. 11),
 * the method LEMON's NetworkSimplex and OR-Tools use: a spanning tree of basic arcs kept as parent,
 * preorder thread and subtree sizes, strongly feasible so that degenerate pivots cannot cycle
 * (Cunningham's leaving-arc rule), and block search for the entering arc (a block of arcs at a
 * time, the most negative reduced cost in it). The primal–dual method it replaces spent most of an
 * ensemble's time in repeated Dijkstra and blocking flows; a pivot here costs the cycle and the
 * moved subtree only.
 *
 * The start is the all-artificial tree: every node joined to an extra root by an arc of cost
 * `ART` = 1 + Σ costs, carrying the node's supply (v → root) or demand (root → v). Supply left on
 * those arcs at the optimum is what could not be delivered: each unit left costs more than any
 * route could, so the least-cost flow delivers the maximum amount first, then at least cost.
 * Nodes with neither supply nor demand get 2·ART, so undelivered supply stays at its own node
 * instead of taking a free arc to another node's artificial arc at equal cost: every
 * transshipment node then conserves flow, and a source's outflow is what it delivered.
 * What cannot be delivered is reported as `unmet` rather than thrown: a planner wants the
 * shortfall. Edge costs must be ≥ 0 and finite; capacities may be fractional or infinite.
 */
export function minCostFlow(nodes: number, edges: readonly FlowEdge[], supply: ArrayLike<number>): MinCostFlowResult {
  const m = edges.length;
  const root = nodes;
  const arcCount = m + nodes;
  const source = new Int32Array(arcCount);
  const target = new Int32Array(arcCount);
  const cap = new Float64Array(arcCount);
  const cost = new Float64Array(arcCount);
  const flow = new Float64Array(arcCount);
  const state = new Int8Array(arcCount);
  let costSum = 0;
  for (let k = 0; k < m; k++) {
    const e = edges[k] as FlowEdge;
    const c = e.cost ?? 0;
    if (!(c >= 0) || !Number.isFinite(c)) throw new RangeError(`edge ${k} has cost ${c}; edge costs must be finite and ≥ 0`);
    if (!(e.capacity >= 0)) throw new RangeError(`edge ${k} has capacity ${e.capacity}; capacities must be ≥ 0`);
    if (e.from < 0 || e.from >= nodes || e.to < 0 || e.to >= nodes) throw new RangeError(`edge ${k} joins ${e.from} → ${e.to}, outside 0…${nodes - 1}`);
    source[k] = e.from;
    target[k] = e.to;
    cap[k] = e.capacity;
    cost[k] = c;
    state[k] = LOWER;
    costSum += c;
  }
  const ART = costSum + 1;
  // Reduced costs are sums of a few costs and potentials below ~2·ART: anything smaller than this is rounding.
  const tolerance = ART * Number.EPSILON * 64;

  const parent = new Int32Array(nodes + 1);
  const pred = new Int32Array(nodes + 1);
  const predDir = new Int8Array(nodes + 1);
  const thread = new Int32Array(nodes + 1);
  const revThread = new Int32Array(nodes + 1);
  const succNum = new Int32Array(nodes + 1);
  const lastSucc = new Int32Array(nodes + 1);
  const pi = new Float64Array(nodes + 1);
  parent[root] = -1;
  pred[root] = -1;
  succNum[root] = nodes + 1;
  lastSucc[root] = nodes > 0 ? nodes - 1 : root;
  thread[root] = nodes > 0 ? 0 : root;
  revThread[root] = nodes > 0 ? nodes - 1 : root;
  // Artificial arcs of nodes with supply or demand first: only they (and the edges) are priced.
  // A transshipment node's (cost 2·ART) can never usefully enter — leaving supply at its own node
  // is always cheaper — so after it leaves the start tree it is never scanned again.
  let priced = m;
  let unpriced = m + nodes;
  for (let v = 0; v < nodes; v++) if ((supply[v] ?? 0) === 0) unpriced--;
  const firstUnpriced = unpriced;
  for (let v = 0; v < nodes; v++) {
    const b = supply[v] ?? 0;
    const a = b === 0 ? unpriced++ : priced++;
    if (!Number.isFinite(b)) throw new RangeError(`node ${v} has supply ${b}; supplies must be finite`);
    cap[a] = Infinity;
    cost[a] = b === 0 ? 2 * ART : ART;
    state[a] = TREE;
    if (b >= 0) {
      source[a] = v;
      target[a] = root;
      flow[a] = b;
      predDir[v] = UP;
      pi[v] = -cost[a];
    } else {
      source[a] = root;
      target[a] = v;
      flow[a] = -b;
      predDir[v] = DOWN;
      pi[v] = ART;
    }
    parent[v] = root;
    pred[v] = a;
    thread[v] = v + 1 < nodes ? v + 1 : root;
    revThread[v] = v > 0 ? v - 1 : root;
    succNum[v] = 1;
    lastSucc[v] = v;
  }

  const searchCount = firstUnpriced;
  // LEMON's block is √m; a tenth of it measured best here (bench/reference.ts's evacuation
  // instance: 0.53 s at √m, 0.14 s at √m / 10, 0.13–0.17 s for blocks of 16–64 arcs; the Tangshan
  // chain 91–100 → 107–110 realizations/s): most pivots are degenerate, so finding a violating arc
  // cheaply beats finding the best of many.
  const blockSize = Math.max(Math.ceil(0.1 * Math.sqrt(searchCount)), 10);
  let nextArc = 0;
  // Scratch for the path whose subtree is re-hung at each pivot.
  const path = new Int32Array(nodes + 1);
  const pathLast = new Int32Array(nodes + 1);
  const pathRev = new Int32Array(nodes + 1);
  const pathAfterLast = new Int32Array(nodes + 1);
  const pathSucc = new Int32Array(nodes + 1);
  const pathPred = new Int32Array(nodes + 1);
  const pathDir = new Int8Array(nodes + 1);

  for (;;) {
    const inArc = findEnteringArc();
    if (inArc < 0) break;
    pivot(inArc);
  }

  let total = 0;
  const edgeFlow = flow.slice(0, m);
  for (let k = 0; k < m; k++) total += (edgeFlow[k] as number) * (cost[k] as number);
  let unmet = 0;
  for (let a = m; a < arcCount; a++) if (target[a] === root) unmet += flow[a] as number;
  return { cost: total, flow: edgeFlow, unmet };

  /** Block search: scan `blockSize` arcs at a time from where the last search stopped; the best violating arc of the first block that has one. */
  function findEnteringArc(): number {
    // Local names for the arrays: the scan is most of the solver's time, and reads through the
    // closure's context on every arc cost a third more on the evacuation benchmark.
    const st = state;
    const co = cost;
    const src = source;
    const tgt = target;
    const p = pi;
    const count = searchCount;
    let best = -tolerance;
    let chosen = -1;
    let left = blockSize;
    let e = nextArc;
    for (let scanned = 0; scanned < count; scanned++) {
      const c = (st[e] as number) * ((co[e] as number) + (p[src[e] as number] as number) - (p[tgt[e] as number] as number));
      if (c < best) {
        best = c;
        chosen = e;
      }
      if (++e === count) e = 0;
      if (--left === 0) {
        if (chosen >= 0) {
          nextArc = e;
          return chosen;
        }
        left = blockSize;
      }
    }
    return chosen;
  }

  function pivot(inArc: number): void {
    // The cycle closes in the tree at the deepest common ancestor of the arc's ends.
    let u = source[inArc] as number;
    let w = target[inArc] as number;
    while (u !== w) {
      if ((succNum[u] as number) < (succNum[w] as number)) u = parent[u] as number;
      else w = parent[w] as number;
    }
    const join = u;
    // Flow goes round the cycle along the entering arc (raised from its lower bound or lowered
    // from its upper): down the tree from `join` to `first`, up from `second` to `join`.
    const first = state[inArc] === LOWER ? (source[inArc] as number) : (target[inArc] as number);
    const second = state[inArc] === LOWER ? (target[inArc] as number) : (source[inArc] as number);
    let delta = cap[inArc] as number;
    let side = 0;
    let uOut = -1;
    // Ties go to the last blocking arc met going round from `join` (strictly less on the way down,
    // at most on the way up), which keeps the tree strongly feasible.
    for (let x = first; x !== join; x = parent[x] as number) {
      const e = pred[x] as number;
      const room = predDir[x] === UP ? (flow[e] as number) : (cap[e] as number) - (flow[e] as number);
      if (room < delta) {
        delta = room;
        uOut = x;
        side = 1;
      }
    }
    for (let x = second; x !== join; x = parent[x] as number) {
      const e = pred[x] as number;
      const room = predDir[x] === DOWN ? (flow[e] as number) : (cap[e] as number) - (flow[e] as number);
      if (room <= delta) {
        delta = room;
        uOut = x;
        side = 2;
      }
    }
    if (delta === Infinity) throw new Error('minCostFlow: a cycle of negative cost and unbounded capacity');
    if (delta > 0) {
      const change = (state[inArc] as number) * delta;
      flow[inArc] = (flow[inArc] as number) + change;
      for (let x = source[inArc] as number; x !== join; x = parent[x] as number) flow[pred[x] as number] = (flow[pred[x] as number] as number) - (predDir[x] as number) * change;
      for (let x = target[inArc] as number; x !== join; x = parent[x] as number) flow[pred[x] as number] = (flow[pred[x] as number] as number) + (predDir[x] as number) * change;
    }
    if (side === 0) {
      // The entering arc itself blocks: it moves to its other bound, the tree stays.
      state[inArc] = -(state[inArc] as number);
      flow[inArc] = state[inArc] === LOWER ? 0 : (cap[inArc] as number);
      return;
    }
    const outArc = pred[uOut] as number;
    // The leaving arc reached the bound its room was measured to; set it exactly, free of rounding.
    const emptied = side === 1 ? predDir[uOut] === UP : predDir[uOut] === DOWN;
    state[outArc] = emptied ? LOWER : UPPER;
    flow[outArc] = emptied ? 0 : (cap[outArc] as number);
    state[inArc] = TREE;
    const uIn = side === 1 ? first : second;
    const vIn = side === 1 ? second : first;
    rehang(uOut, uIn, vIn, inArc, join);
  }

  /**
   * Detach the subtree under `uOut`, re-root it at `uIn` (reversing the path uIn … uOut) and hang it
   * under `vIn` by the entering arc; then shift the subtree's potentials so the entering arc has
   * reduced cost 0. The subtree's preorder is re-linked piece by piece: for each path node wᵢ
   * (i ≥ 1) its old subtree minus w_{i−1}'s is two contiguous runs of the old thread.
   */
  function rehang(uOut: number, uIn: number, vIn: number, inArc: number, join: number): void {
    const size = succNum[uOut] as number;
    const segLast = lastSucc[uOut] as number;
    const before = revThread[uOut] as number;
    const after = thread[segLast] as number;
    thread[before] = after;
    revThread[after] = before;
    for (let a = parent[uOut] as number; a !== -1 && lastSucc[a] === segLast; a = parent[a] as number) lastSucc[a] = before;
    for (let a = parent[uOut] as number; a !== join; a = parent[a] as number) succNum[a] = (succNum[a] as number) - size;

    let k = 0;
    for (let x = uIn; ; x = parent[x] as number) {
      path[k] = x;
      pathLast[k] = lastSucc[x] as number;
      pathRev[k] = revThread[x] as number;
      pathAfterLast[k] = thread[lastSucc[x] as number] as number;
      pathSucc[k] = succNum[x] as number;
      pathPred[k] = pred[x] as number;
      pathDir[k] = predDir[x] as number;
      k++;
      if (x === uOut) break;
    }
    let tail = pathLast[0] as number;
    for (let i = 1; i < k; i++) {
      const wi = path[i] as number;
      thread[tail] = wi;
      revThread[wi] = tail;
      tail = pathRev[i - 1] as number;
      if (pathLast[i - 1] !== pathLast[i]) {
        const next = pathAfterLast[i - 1] as number;
        thread[tail] = next;
        revThread[next] = tail;
        tail = pathLast[i] as number;
      }
      parent[wi] = path[i - 1] as number;
      pred[wi] = pathPred[i - 1] as number;
      predDir[wi] = -(pathDir[i - 1] as number);
      succNum[wi] = size - (pathSucc[i - 1] as number);
    }
    const newLast = tail;
    for (let i = 0; i < k; i++) lastSucc[path[i] as number] = newLast;
    parent[uIn] = vIn;
    pred[uIn] = inArc;
    predDir[uIn] = source[inArc] === uIn ? UP : DOWN;
    succNum[uIn] = size;

    const p = lastSucc[vIn] as number;
    const q = thread[p] as number;
    thread[p] = uIn;
    revThread[uIn] = p;
    thread[newLast] = q;
    revThread[q] = newLast;
    for (let a = vIn; a !== -1 && lastSucc[a] === p; a = parent[a] as number) lastSucc[a] = newLast;
    for (let a = vIn; a !== join; a = parent[a] as number) succNum[a] = (succNum[a] as number) + size;

    const sigma = (pi[vIn] as number) - (pi[uIn] as number) - predDir[uIn] * (cost[inArc] as number);
    for (let x = uIn, i = 0; i < size; x = thread[x] as number, i++) pi[x] = (pi[x] as number) + sigma;
  }
}
