/**
 * Evacuation and mutual aid on hand-worked networks (the arithmetic is in each test), their
 * conservation laws, optimality against brute force, and monotonicity under corridor cuts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planEvacuation } from '../../../engine/people/evacuation.js';
import { allocateMutualAid, type AidBands } from '../../../engine/people/mutual-aid.js';
import { gabrielEdges, type RoadGraph, type RoadLink } from '../../../engine/people/road-graph.js';
import { routeOverRoads } from '../../../engine/people/route-over-roads.js';

const link = (from: number, to: number, hours: number, capacityPerH: number, extra: Partial<RoadLink> = {}): RoadLink => ({
  kind: 'trunk', from, to, hours, capacityPerH, oneWay: false, component: -1, requires: [], id: `${from}-${to}`, ...extra,
});
const graphOf = (nodes: number, links: RoadLink[]): RoadGraph => ({ zones: nodes, nodes, nodeIds: Array.from({ length: nodes }, (_, i) => `z${i}`), lon: new Float64Array(nodes), lat: new Float64Array(nodes), links });

describe('evacuation', () => {
  // A —(1 h, 100/h)— B —(2 h, 50/h)— C; 300 seekers in A; shelters: B 150 places (at the seat),
  // C 500 places (0.5 h from the seat). Window 2 h ⇒ A–B passes 200, B–C 100.
  // Only 200 leave A. Least cost: 150 to B (1 h each) and 50 to C (1 + 2 + 0.5 = 3.5 h):
  // 150 + 175 = 325 person-hours. Clearance: A–B carries 200 at 100/h = 2 h, plus the longest
  // route 3.5 h = 5.5 h.
  const graph = graphOf(3, [link(0, 1, 1, 100), link(1, 2, 2, 50)]);
  const shelters = [{ node: 1, capacity: 150, accessH: 0 }, { node: 2, capacity: 500, accessH: 0.5 }];
  const plan = planEvacuation(graph, Float64Array.from([300, 0, 0]), shelters, { windowH: 2 });

  it('shelters what the roads and places allow, at least travel time', () => {
    expect(plan.sheltered[0]).toBeCloseTo(200, 9);
    expect(plan.unsheltered[0]).toBeCloseTo(100, 9);
    expect([...plan.occupancy]).toEqual([150, 50]);
    expect(plan.personHours).toBeCloseTo(325, 9);
    expect(plan.clearanceTimeH).toBeCloseTo(5.5, 9);
  });

  it('reports the routes and the links they use', () => {
    const toC = plan.routes.find((r) => r.shelter === 1);
    expect(toC).toMatchObject({ zone: 0, amount: 50, links: [0, 1] });
    expect(toC?.hours).toBeCloseTo(3.5, 12);
    expect(plan.linkFlow[0]).toBeCloseTo(200, 9); // A → B
    expect(plan.linkFlow[1]).toBe(0); // B → A
  });

  it('conserves people: sheltered + unsheltered = seekers, occupancy = sheltered, within capacities', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 3, maxLength: 3 }), fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 2, maxLength: 2 }), (seekers, capacities) => {
      const p = planEvacuation(graph, Float64Array.from(seekers), shelters.map((s, k) => ({ ...s, capacity: capacities[k] as number })), { windowH: 2 });
      seekers.forEach((s, z) => expect((p.sheltered[z] as number) + (p.unsheltered[z] as number)).toBeCloseTo(s, 6));
      const occupied = p.occupancy.reduce((a, b) => a + b, 0);
      expect(occupied).toBeCloseTo(p.sheltered.reduce((a, b) => a + b, 0), 6);
      p.occupancy.forEach((o, k) => expect(o).toBeLessThanOrEqual((capacities[k] as number) + 1e-6));
      graph.links.forEach((l, i) => {
        expect(p.linkFlow[2 * i] as number).toBeLessThanOrEqual(l.capacityPerH * 2 + 1e-6);
        expect(p.linkFlow[2 * i + 1] as number).toBeLessThanOrEqual(l.capacityPerH * 2 + 1e-6);
      });
    }), { numRuns: 100 });
  });

  it('uses no cut link', () => {
    const cut = planEvacuation(graph, Float64Array.from([300, 0, 0]), shelters, { windowH: 2, usable: Uint8Array.from([1, 0]) });
    expect([...cut.occupancy]).toEqual([150, 0]);
    expect(cut.unsheltered[0]).toBeCloseTo(150, 9);
  });
});

describe('routing optimality against brute force', () => {
  // Uncapacitated roads: the least-cost plan is the transportation problem on shortest-path
  // times, which brute force solves exactly on 2 sources × 2 sinks with small integer amounts.
  const instance = fc.record({
    hours: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 6, maxLength: 6 }),
    supply: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 2 }),
    demand: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 2 }),
  });
  it('matches the enumerated optimum on random 4-node networks', () => {
    fc.assert(fc.property(instance, ({ hours, supply, demand }) => {
      const pairs: [number, number][] = [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]];
      const graph = graphOf(4, pairs.map(([a, b], k) => link(a, b, hours[k] as number, 1)));
      const sources = [{ node: 0, amount: supply[0] as number, cost: 0 }, { node: 1, amount: supply[1] as number, cost: 0 }];
      const sinks = [{ node: 2, amount: demand[0] as number, cost: 0 }, { node: 3, amount: demand[1] as number, cost: 0 }];
      const result = routeOverRoads(graph, sources, sinks, { windowH: Infinity });
      // Shortest times by Floyd–Warshall.
      const d = Array.from({ length: 4 }, (_, i) => Array.from({ length: 4 }, (_, j) => (i === j ? 0 : Infinity)));
      pairs.forEach(([a, b], k) => { (d[a] as number[])[b] = hours[k] as number; (d[b] as number[])[a] = hours[k] as number; });
      for (let k = 0; k < 4; k++) for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) (d[i] as number[])[j] = Math.min((d[i] as number[])[j] as number, ((d[i] as number[])[k] as number) + ((d[k] as number[])[j] as number));
      let bestAmount = -1;
      let bestCost = Infinity;
      for (let x00 = 0; x00 <= 5; x00++) for (let x01 = 0; x01 <= 5; x01++) for (let x10 = 0; x10 <= 5; x10++) for (let x11 = 0; x11 <= 5; x11++) {
        if (x00 + x01 > (supply[0] as number) || x10 + x11 > (supply[1] as number) || x00 + x10 > (demand[0] as number) || x01 + x11 > (demand[1] as number)) continue;
        const amount = x00 + x01 + x10 + x11;
        const cost = x00 * (d[0]?.[2] as number) + x01 * (d[0]?.[3] as number) + x10 * (d[1]?.[2] as number) + x11 * (d[1]?.[3] as number);
        if (amount > bestAmount || (amount === bestAmount && cost < bestCost)) { bestAmount = amount; bestCost = cost; }
      }
      expect(result.received.reduce((a, b) => a + b, 0)).toBeCloseTo(bestAmount, 9);
      expect(result.cost).toBeCloseTo(bestCost, 9);
    }), { numRuns: 200 });
  });
});

describe('mutual aid between circles', () => {
  // Zones 0 and 1 in the core (ring 0), zone 2 in ring 1, zone 3 in ring 2. Zone 0 needs 100
  // beds; spare: zone 1 30 (1 h away), zone 2 50 (2 h), zone 3 100 (2 h). Least time: all 30
  // from zone 1, then 70 from 2 h away, where zone 2 (the inner ring) wins the tie: 50, and 20
  // from zone 3.
  const graph = graphOf(4, [link(0, 1, 1, 1000, { corridor: 'c-01', component: 0 }), link(0, 2, 2, 1000, { corridor: 'c-02', component: 1 }), link(0, 3, 2, 1000, { kind: 'local' })]);
  const bands: AidBands = { zoneBand: Int32Array.from([0, 0, 1, 2]), circleIds: ['core', 'inner', 'outer'], circleRings: [0, 1, 2] };
  const beds = { resource: 'hospital-beds', unit: 'beds', need: Float64Array.from([100, 0, 0, 0]), spare: Float64Array.from([0, 30, 50, 100]), movesPeople: true };

  it('takes the nearest spare first and breaks ties toward the nearer ring', () => {
    const aid = allocateMutualAid(graph, bands, [beds], { windowH: 24 });
    const amount = (from: string): number => aid.transfers.find((t) => t.fromCircle === from && t.toCircle === 'core')?.amount ?? 0;
    expect(amount('core')).toBeCloseTo(30, 9);
    expect(amount('inner')).toBeCloseTo(50, 9);
    expect(amount('outer')).toBeCloseTo(20, 9);
    expect(aid.transfers.find((t) => t.fromCircle === 'inner')?.via).toEqual(['c-02']);
    expect(aid.transfers.find((t) => t.fromCircle === 'outer')?.via).toEqual(['local roads']);
    expect(aid.balances).toEqual([{ resource: 'hospital-beds', unit: 'beds', circle: 'core', need: 100, metWithin: 30, metByOthers: 70, unmet: 0 }]);
    expect(aid.totals['hospital-beds']).toEqual({ need: 100, given: 100, unmet: 0, unit: 'beds' });
  });

  it('breaks ties toward the ring nearest the one in need, outward as well as inward', () => {
    // Zone 2 (ring 2) needs 50; zones 0 (ring 0) and 1 (ring 1) each spare 50, both 2 h away:
    // ring 1 is nearer to ring 2, so it gives all 50.
    const star = graphOf(3, [link(2, 0, 2, 1000), link(2, 1, 2, 1000)]);
    const rings: AidBands = { zoneBand: Int32Array.from([0, 1, 2]), circleIds: ['core', 'inner', 'outer'], circleRings: [0, 1, 2] };
    const aid = allocateMutualAid(star, rings, [{ resource: 'r', unit: 'u', need: Float64Array.from([0, 0, 50]), spare: Float64Array.from([50, 50, 0]), movesPeople: true }], { windowH: 24 });
    expect(aid.transfers.map((t) => [t.fromCircle, t.toCircle, t.amount])).toEqual([['inner', 'outer', 50]]);
  });

  it('leaves unmet what no reachable circle can give', () => {
    const aid = allocateMutualAid(graph, bands, [beds], { windowH: 24, usable: Uint8Array.from([1, 0, 0]) });
    expect(aid.totals['hospital-beds']).toMatchObject({ given: 30, unmet: 70 });
  });

  it('gives no more than spare, receives what is given, and never gains from a cut', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 4, maxLength: 4 }),
      fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 4, maxLength: 4 }),
      fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 3, maxLength: 3 }),
      fc.integer({ min: 0, max: 2 }),
      (need, spare, open, extraCut) => {
        const resource = { resource: 'r', unit: 'u', need: Float64Array.from(need), spare: Float64Array.from(spare), movesPeople: true };
        const usable = Uint8Array.from(open);
        const small = graphOf(4, graph.links.map((l) => ({ ...l, capacityPerH: 3 })));
        const before = allocateMutualAid(small, bands, [resource], { windowH: 24, usable });
        const total = before.totals['r'] as { need: number; given: number; unmet: number };
        const given = before.transfers.reduce((s, t) => s + t.amount, 0);
        expect(given).toBeCloseTo(total.given, 6);
        expect(total.given).toBeLessThanOrEqual(spare.reduce((a, b) => a + b, 0) + 1e-6);
        expect(total.given + total.unmet).toBeCloseTo(total.need, 6);
        const received = before.balances.reduce((s, b) => s + b.metWithin + b.metByOthers, 0);
        expect(received).toBeCloseTo(given, 6);
        const fewer = Uint8Array.from(usable, (u, i) => (i === extraCut ? 0 : u));
        const after = allocateMutualAid(small, bands, [resource], { windowH: 24, usable: fewer });
        expect((after.totals['r'] as { given: number }).given).toBeLessThanOrEqual(total.given + 1e-6);
      },
    ), { numRuns: 150 });
  });
});

describe('local road mesh', () => {
  it('is the Gabriel graph: towns around a middle town all join it, and not each other', () => {
    // (0,0), (2,0), (1,0.2), (1,5): the middle town (1,0.2) lies inside the circles on 0–1
    // (centre (1,0), r 1), 0–3 (centre (0.5,2.5), r² 6.31 vs its 5.54) and 1–3, so only the
    // spokes to it remain.
    const edges = gabrielEdges([0, 2, 1, 1], [0, 0, 0.2, 5]).map(([a, b]) => `${a}-${b}`).sort();
    expect(edges).toEqual(['0-2', '1-2', '2-3']);
  });
});
