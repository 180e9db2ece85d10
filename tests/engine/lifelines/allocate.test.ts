import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateMaxMin } from '../../../engine/lifelines/allocate.js';
import { buildFlowGraph } from '../../../engine/lifelines/flow-graph.js';
import { maxFlow } from '../../../engine/lifelines/max-flow.js';

describe('max–min fair allocation of a network’s capacity', () => {
  it('splits a shared shortfall evenly (hand-worked)', () => {
    // Supply 10 at node 0 → hub 1 → zones 2 and 3 wanting 8 each: both get 5.
    const delivered = allocateMaxMin(4, [{ from: 0, to: 1, capacity: 100 }, { from: 1, to: 2, capacity: 100 }, { from: 1, to: 3, capacity: 100 }], [{ node: 0, capacity: 10 }], [{ node: 2, amount: 8 }, { node: 3, amount: 8 }]);
    expect(Array.from(delivered).map((x) => Number(x.toFixed(6)))).toEqual([5, 5]);
  });

  it('gives a bottlenecked zone what its link carries and the rest to the others', () => {
    // Zone 2 hangs on a 2-unit line; zone 3 can take the remaining 8.
    const delivered = allocateMaxMin(4, [{ from: 0, to: 1, capacity: 100 }, { from: 1, to: 2, capacity: 2 }, { from: 1, to: 3, capacity: 100 }], [{ node: 0, capacity: 10 }], [{ node: 2, amount: 8 }, { node: 3, amount: 8 }]);
    expect(Array.from(delivered).map((x) => Number(x.toFixed(6)))).toEqual([2, 8]);
  });

  it('delivers the maximum flow and never more than asked (random networks)', () => {
    const cases = fc.integer({ min: 4, max: 7 }).chain((n) => fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.record({ from: fc.integer({ min: 0, max: n - 1 }), to: fc.integer({ min: 0, max: n - 1 }), capacity: fc.integer({ min: 0, max: 12 }) }), { maxLength: 14 }),
      supply: fc.integer({ min: 1, max: 30 }),
      amounts: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 3 }),
    }));
    fc.assert(fc.property(cases, ({ n, edges, supply, amounts }) => {
      const valid = edges.filter((e) => e.from !== e.to);
      const demands = amounts.map((amount, k) => ({ node: n - 1 - k, amount }));
      const delivered = allocateMaxMin(n, valid, [{ node: 0, capacity: supply }], demands);
      delivered.forEach((x, k) => {
        expect(x).toBeGreaterThanOrEqual(-1e-9);
        expect(x).toBeLessThanOrEqual((demands[k] as { amount: number }).amount + 1e-6);
      });
      const best = maxFlow(buildFlowGraph(n + 2, [...valid, { from: n, to: 0, capacity: supply }, ...demands.map((d) => ({ from: d.node, to: n + 1, capacity: d.amount }))]), n, n + 1).value;
      expect(delivered.reduce((a, b) => a + b, 0)).toBeCloseTo(best, 5);
    }), { numRuns: 150 });
  });
});
