/**
 * Flow algorithms against textbook cases and properties:
 * - Max-flow: Cormen, Leiserson, Rivest & Stein, Introduction to Algorithms (3rd ed.), Figure 26.1:
 *   value 23. On random graphs (fast-check): value = capacity of the cut it reports = the
 *   minimum over all s–t cuts by brute force (max-flow min-cut theorem), flows within capacity
 *   and conserved.
 * - Min-cost flow: the NetworkX documentation example for min_cost_flow (supply a = 5, d = −5;
 *   a→b cost 3 cap 4, a→c 6/10, b→d 1/9, c→d 2/5) costs 24; on random instances flows conserve,
 *   respect capacity, deliver all that can be delivered, and leave no negative-cost cycle in the
 *   residual graph (checked by Bellman–Ford).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFlowGraph, type FlowEdge } from '../../../engine/lifelines/flow-graph.js';
import { maxFlow, maxFlowDinic, PUSH_RELABEL_FROM_NODES } from '../../../engine/lifelines/max-flow.js';
import { maxFlowPushRelabel } from '../../../engine/lifelines/push-relabel.js';
import { minCostFlow } from '../../../engine/lifelines/min-cost-flow.js';

const S = 0;
const V1 = 1;
const V2 = 2;
const V3 = 3;
const V4 = 4;
const T = 5;

describe.each([['Dinic', maxFlowDinic], ['push–relabel', maxFlowPushRelabel]] as const)('maximum flow (%s)', (_name, maxFlow) => {
  it('finds 23 on CLRS Figure 26.1', () => {
    const edges: FlowEdge[] = [
      { from: S, to: V1, capacity: 16 }, { from: S, to: V2, capacity: 13 }, { from: V2, to: V1, capacity: 4 },
      { from: V1, to: V3, capacity: 12 }, { from: V3, to: V2, capacity: 9 }, { from: V2, to: V4, capacity: 14 },
      { from: V4, to: V3, capacity: 7 }, { from: V3, to: T, capacity: 20 }, { from: V4, to: T, capacity: 4 },
    ];
    const result = maxFlow(buildFlowGraph(6, edges), S, T);
    expect(result.value).toBe(23);
  });

  // Service graphs deliver to the sink over arcs of Number.MAX_VALUE: the flow on them must be
  // reported, not lost in MAX_VALUE − residual.
  it('reports the flow that crosses unbounded (Number.MAX_VALUE) arcs', () => {
    const edges: FlowEdge[] = [
      { from: S, to: V1, capacity: 5 }, { from: S, to: V2, capacity: 3.25 }, { from: V1, to: V2, capacity: 1 },
      { from: V1, to: T, capacity: Number.MAX_VALUE }, { from: V2, to: T, capacity: Number.MAX_VALUE }, { from: T, to: V2, capacity: Number.MAX_VALUE },
    ];
    const result = maxFlow(buildFlowGraph(6, edges), S, T);
    expect(result.value).toBe(8.25);
    const intoSink = (result.flow[6] as number) + (result.flow[8] as number) - (result.flow[10] as number);
    expect(intoSink).toBe(8.25);
  });

  const graphs = fc.integer({ min: 3, max: 7 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.record({ from: fc.integer({ min: 0, max: n - 1 }), to: fc.integer({ min: 0, max: n - 1 }), capacity: fc.integer({ min: 0, max: 20 }) }), { maxLength: 18 }),
    }));

  // The random graphs have parallel and antiparallel edges and loops, which push–relabel merges.
  it('equals the minimum cut over all cuts, and conserves flow within capacity (random graphs)', () => {
    fc.assert(fc.property(graphs, ({ n, edges }) => {
      const g = buildFlowGraph(n, edges);
      const result = maxFlow(g, 0, n - 1);
      // Brute-force minimum cut: every set containing the source and not the sink.
      let best = Infinity;
      for (let mask = 0; mask < 1 << n; mask++) {
        if (!(mask & 1) || mask & (1 << (n - 1))) continue;
        let cut = 0;
        for (const e of edges) if (mask & (1 << e.from) && !(mask & (1 << e.to))) cut += e.capacity;
        best = Math.min(best, cut);
      }
      expect(result.value).toBe(best);
      let reported = 0;
      for (const e of edges) if (result.sourceSide[e.from] && !result.sourceSide[e.to]) reported += e.capacity;
      expect(reported).toBe(result.value);
      const net = new Float64Array(n);
      edges.forEach((e, k) => {
        const f = result.flow[2 * k] as number;
        expect(f).toBeGreaterThanOrEqual(-1e-9);
        expect(f).toBeLessThanOrEqual(e.capacity + 1e-9);
        net[e.from] = (net[e.from] as number) - f;
        net[e.to] = (net[e.to] as number) + f;
      });
      for (let v = 1; v < n - 1; v++) expect(Math.abs(net[v] as number)).toBeLessThan(1e-9);
      expect(net[n - 1]).toBeCloseTo(result.value, 9);
    }), { numRuns: 300 });
  });
});

describe('maxFlow', () => {
  // The engine's entry point hands large graphs to push–relabel: on a random grid past the
  // threshold it must agree with Dinic on the value and the minimal minimum cut.
  it('gives Dinic\'s value and minimum cut on a graph large enough for push–relabel', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
      const side = Math.ceil(Math.sqrt(PUSH_RELABEL_FROM_NODES));
      const nodes = side * side + 2;
      let state = seed;
      const random = (): number => {
        state = (Math.imul(state, 48271) >>> 0) % 2147483647;
        return state / 2147483647;
      };
      const edges: FlowEdge[] = [];
      const at = (i: number, j: number): number => i * side + j;
      for (let i = 0; i < side; i++) {
        edges.push({ from: nodes - 2, to: at(i, 0), capacity: 1 + Math.floor(10 * random()) }, { from: at(i, side - 1), to: nodes - 1, capacity: Number.MAX_VALUE });
        for (let j = 0; j < side; j++) {
          if (j + 1 < side) edges.push({ from: at(i, j), to: at(i, j + 1), capacity: Math.floor(10 * random()) }, { from: at(i, j + 1), to: at(i, j), capacity: Math.floor(10 * random()) });
          if (i + 1 < side) edges.push({ from: at(i, j), to: at(i + 1, j), capacity: Math.floor(10 * random()) }, { from: at(i + 1, j), to: at(i, j), capacity: Math.floor(10 * random()) });
        }
      }
      const g = buildFlowGraph(nodes, edges);
      const engine = maxFlow(g, nodes - 2, nodes - 1);
      const dinic = maxFlowDinic(g, nodes - 2, nodes - 1);
      expect(engine.value).toBe(dinic.value);
      expect(engine.sourceSide).toEqual(dinic.sourceSide);
      let intoSink = 0;
      edges.forEach((e, k) => { if (e.to === nodes - 1) intoSink += engine.flow[2 * k] as number; });
      expect(intoSink).toBe(engine.value);
    }), { numRuns: 20 });
  });
});

/**
 * An independent reference for the network simplex: successive shortest paths with Bellman–Ford
 * (Ahuja, Magnanti & Orlin §9.7) from a super source over the residual graph, one path at a
 * time — slow and simple, and a minimum-cost maximum flow by construction.
 */
function referenceMinCostFlow(n: number, edges: readonly FlowEdge[], supply: ArrayLike<number>): { cost: number; unmet: number } {
  const arcs: { from: number; to: number; residual: number; cost: number; pair: number }[] = [];
  const add = (from: number, to: number, capacity: number, cost: number): void => {
    arcs.push({ from, to, residual: capacity, cost, pair: arcs.length + 1 }, { from: to, to: from, residual: 0, cost: -cost, pair: arcs.length });
  };
  const s = n;
  const t = n + 1;
  let toSend = 0;
  for (const e of edges) add(e.from, e.to, e.capacity, e.cost ?? 0);
  for (let v = 0; v < n; v++) {
    const b = supply[v] as number;
    if (b > 0) add(s, v, b, 0);
    if (b > 0) toSend += b;
    if (b < 0) add(v, t, -b, 0);
  }
  let cost = 0;
  let sent = 0;
  for (;;) {
    const dist = new Array<number>(n + 2).fill(Infinity);
    const via = new Array<number>(n + 2).fill(-1);
    dist[s] = 0;
    for (let round = 0; round < n + 2; round++) {
      for (let a = 0; a < arcs.length; a++) {
        const arc = arcs[a] as (typeof arcs)[number];
        if (arc.residual > 1e-12 && (dist[arc.from] as number) + arc.cost < (dist[arc.to] as number)) {
          dist[arc.to] = (dist[arc.from] as number) + arc.cost;
          via[arc.to] = a;
        }
      }
    }
    if (!Number.isFinite(dist[t])) return { cost, unmet: toSend - sent };
    let amount = Infinity;
    for (let v = t; v !== s; v = (arcs[via[v] as number] as (typeof arcs)[number]).from) amount = Math.min(amount, (arcs[via[v] as number] as (typeof arcs)[number]).residual);
    for (let v = t; v !== s; v = (arcs[via[v] as number] as (typeof arcs)[number]).from) {
      const arc = arcs[via[v] as number] as (typeof arcs)[number];
      arc.residual -= amount;
      (arcs[arc.pair] as (typeof arcs)[number]).residual += amount;
      cost += amount * arc.cost;
    }
    sent += amount;
  }
}

describe('minimum-cost flow (network simplex)', () => {
  it('costs 24 on the NetworkX example', () => {
    const [a, b, c, d] = [0, 1, 2, 3];
    const edges: FlowEdge[] = [
      { from: a, to: b, capacity: 4, cost: 3 }, { from: a, to: c, capacity: 10, cost: 6 },
      { from: b, to: d, capacity: 9, cost: 1 }, { from: c, to: d, capacity: 5, cost: 2 },
    ];
    const result = minCostFlow(4, edges, [5, 0, 0, -5]);
    expect(result.cost).toBe(24);
    expect(Array.from(result.flow)).toEqual([4, 1, 4, 1]);
    expect(result.unmet).toBe(0);
  });

  it('reports what cannot be delivered', () => {
    const result = minCostFlow(2, [{ from: 0, to: 1, capacity: 3, cost: 1 }], [5, -5]);
    expect(result.unmet).toBe(2);
    expect(result.cost).toBe(3);
  });

  it('leaves what cannot be delivered at its source, not at the end of a free arc', () => {
    // 0 → 1 is free and wide, 1 → 2 takes 2 of the 5: the other 3 must not travel to node 1 and stop there.
    const result = minCostFlow(3, [{ from: 0, to: 1, capacity: 10, cost: 0 }, { from: 1, to: 2, capacity: 2, cost: 1 }], [5, 0, -5]);
    expect(Array.from(result.flow)).toEqual([2, 2]);
    expect(result.unmet).toBe(3);
  });

  it('conserves flow, respects capacity and leaves no negative reduced cost (random instances)', () => {
    const instances = fc.integer({ min: 3, max: 7 }).chain((n) => fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.record({ from: fc.integer({ min: 0, max: n - 1 }), to: fc.integer({ min: 0, max: n - 1 }), capacity: fc.integer({ min: 0, max: 10 }), cost: fc.integer({ min: 0, max: 9 }) }), { maxLength: 16 }),
      amount: fc.integer({ min: 1, max: 15 }),
    }));
    fc.assert(fc.property(instances, ({ n, edges, amount }) => {
      const valid = edges.filter((e) => e.from !== e.to);
      const supply = new Float64Array(n);
      supply[0] = amount;
      supply[n - 1] = -amount;
      const result = minCostFlow(n, valid, supply);
      const net = new Float64Array(n);
      valid.forEach((e, k) => {
        const f = result.flow[k] as number;
        expect(f).toBeGreaterThanOrEqual(-1e-9);
        expect(f).toBeLessThanOrEqual(e.capacity + 1e-9);
        net[e.from] = (net[e.from] as number) - f;
        net[e.to] = (net[e.to] as number) + f;
      });
      // Optimality: no negative-cost cycle in the final residual graph (Bellman–Ford from a virtual root).
      const residual: [number, number, number][] = [];
      valid.forEach((e, k) => {
        const f = result.flow[k] as number;
        if (f < e.capacity - 1e-9) residual.push([e.from, e.to, e.cost ?? 0]);
        if (f > 1e-9) residual.push([e.to, e.from, -(e.cost ?? 0)]);
      });
      const dist = new Float64Array(n);
      for (let round = 0; round < n; round++) for (const [u, v, c] of residual) if ((dist[u] as number) + c < (dist[v] as number) - 1e-9) dist[v] = (dist[u] as number) + c;
      for (const [u, v, c] of residual) expect((dist[u] as number) + c).toBeGreaterThanOrEqual((dist[v] as number) - 1e-9);
      const delivered = amount - result.unmet;
      expect(net[n - 1]).toBeCloseTo(delivered, 9);
      for (let v = 1; v < n - 1; v++) expect(Math.abs(net[v] as number)).toBeLessThan(1e-9);
      // Delivered equals the max flow: nothing deliverable is left unmet.
      expect(delivered).toBeCloseTo(Math.min(amount, maxFlow(buildFlowGraph(n, valid), 0, n - 1).value), 9);
    }), { numRuns: 300 });
  });

  // Many sources and sinks with supply and demand that need not balance, fractional and infinite
  // capacities, zero-cost arcs and cycles, parallel arcs and loops: the cases degenerate pivots and
  // the tree's re-threading must survive.
  it('equals successive shortest paths in cost and shortfall (random multi-source instances)', () => {
    const capacity = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 10, noNaN: true }), fc.constant(Infinity));
    const instances = fc.integer({ min: 2, max: 10 }).chain((n) => fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.record({ from: fc.integer({ min: 0, max: n - 1 }), to: fc.integer({ min: 0, max: n - 1 }), capacity, cost: fc.integer({ min: 0, max: 9 }) }), { maxLength: 30 }),
      supply: fc.array(fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double({ min: -20, max: 20, noNaN: true })), { minLength: n, maxLength: n }),
    }));
    fc.assert(fc.property(instances, ({ n, edges, supply }) => {
      const result = minCostFlow(n, edges, supply);
      const reference = referenceMinCostFlow(n, edges, supply);
      expect(result.unmet).toBeCloseTo(reference.unmet, 6);
      expect(result.cost).toBeCloseTo(reference.cost, 6);
      // Within capacity; nodes without supply or demand conserve flow; no node sends more than its supply or takes more than its demand.
      const net = new Float64Array(n);
      edges.forEach((e, k) => {
        const f = result.flow[k] as number;
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(e.capacity);
        if (e.from === e.to) return;
        net[e.from] = (net[e.from] as number) + f;
        net[e.to] = (net[e.to] as number) - f;
      });
      net.forEach((x, v) => {
        const b = supply[v] as number;
        const slack = 1e-9 * (1 + Math.abs(x));
        if (b === 0) expect(Math.abs(x)).toBeLessThanOrEqual(slack);
        if (b > 0) expect(x).toBeGreaterThanOrEqual(-slack);
        if (b > 0) expect(x).toBeLessThanOrEqual(b + slack);
        if (b < 0) expect(x).toBeLessThanOrEqual(slack);
        if (b < 0) expect(x).toBeGreaterThanOrEqual(b - slack);
      });
    }), { numRuns: 1000 });
  });
});
