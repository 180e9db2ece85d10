import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUNDLED_SCENARIOS_DIR } from '../../../engine/core/paths.js';
import { allocateMaxMin } from '../../../engine/lifelines/allocate.js';
import { cascadeFailures } from '../../../engine/lifelines/cascade.js';
import { contingencyElements } from '../../../engine/lifelines/contingency.js';
import { aliveAt, systemFlowProblem } from '../../../engine/lifelines/service.js';
import { loadScenario } from '../../../engine/scenario/load-scenario.js';
import { buildFlowGraph, type FlowEdge } from '../../../engine/lifelines/flow-graph.js';
import { maxFlow } from '../../../engine/lifelines/max-flow.js';

/**
 * Progressive filling the plain way, as an independent reference: raise the common fraction by
 * bisection (60 halvings) on maximum-flow feasibility, then freeze each demand that cannot take
 * 10⁻⁶ of its amount more with the others held at that fraction; repeat. (The breakpoints of
 * these small integer networks are rationals far more than 10⁻⁶ apart.)
 */
function bisectionMaxMin(n: number, edges: readonly FlowEdge[], supply: number, amounts: readonly number[]): number[] {
  const demands = amounts.map((amount, k) => ({ node: n - 1 - k, amount }));
  const delivered = amounts.map(() => 0);
  const frozen = amounts.map((a) => a <= 0);
  const caps = (lambda: number, bumped = -1): number[] => demands.map((d, k) => (frozen[k] ? (delivered[k] as number) : lambda * d.amount) + (k === bumped ? 1e-6 * d.amount : 0));
  const solve = (capacities: readonly number[]) => maxFlow(buildFlowGraph(n + 2, [...edges, { from: n, to: 0, capacity: supply }, ...demands.map((d, k) => ({ from: d.node, to: n + 1, capacity: capacities[k] as number }))]), n, n + 1);
  const carried = (capacities: readonly number[]): number => solve(capacities).value;
  const feasible = (lambda: number): boolean => carried(caps(lambda)) >= caps(lambda).reduce((a, b) => a + b, 0) - 1e-9;
  while (frozen.some((f) => !f)) {
    let low = 0;
    let high = 1;
    if (feasible(1)) low = 1;
    else for (let i = 0; i < 60; i++) { const mid = (low + high) / 2; if (feasible(mid)) low = mid; else high = mid; }
    // Blocked: the network carries less than half of the extra 10⁻⁶ it is offered.
    const base = carried(caps(low));
    const blocked = demands.map((d, k) => !frozen[k] && (low >= 1 || carried(caps(low, k)) - base < 0.5e-6 * d.amount));
    if (!blocked.some((b) => b)) throw new Error(`reference: no demand blocked at λ = ${low}`);
    const { flow } = solve(caps(low));
    demands.forEach((d, k) => {
      if (!blocked[k]) return;
      delivered[k] = low >= 1 ? d.amount : (flow[2 * (edges.length + 1 + k)] as number);
      frozen[k] = true;
    });
  }
  return delivered;
}

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
      amounts: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 4 }),
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
      // The same shares as progressive filling by bisection, where that reference can tell which
      // demands block: in about 1 case in 2,000 its 10⁻⁶ probe, against a λ found only to the
      // bisection's 10⁻⁹ feasibility slack, finds none, and the case is skipped rather than judged
      // by a reference that failed.
      let reference: number[];
      try {
        reference = bisectionMaxMin(n, valid, supply, amounts);
      } catch (error) {
        if ((error as Error).message.startsWith('reference:')) return fc.pre(false);
        throw error;
      }
      reference.forEach((x, k) => expect(delivered[k]).toBeCloseTo(x, 6));
    }), { numRuns: 500 });
  });

  // A case of the capital pack's N−2 sweep where the bisection this replaced stopped at its
  // resolution with a zone still rising and froze everyone: 77.2 of the 99.3 million residents the
  // water network can serve with the Beijing–Baoding–Shijiazhuang corridor and the feeder to
  // Daxing cut. Max–min fairness is efficient, so the shares must add up to the maximum flow.
  it('delivers the maximum flow on the capital pack with a corridor and a water feeder cut', async () => {
    const { region } = await loadScenario(join(BUNDLED_SCENARIOS_DIR, 'baseline.yaml'));
    const network = region.lifelines;
    const links = new Set(region.layers.lifelines.features.filter((f) => f.properties.kind === 'link').map((f) => f.properties.id));
    const elements = contingencyElements(network, links).filter((e) => e.id === 'beijing-baoding-shijiazhuang' || e.id === 'water-bj-gw-to-110115');
    expect(elements).toHaveLength(2);
    const cut = new Map(elements.flatMap((e) => e.components).map((k) => [k, 0]));
    const alive = aliveAt(network, cascadeFailures(network.ids.length, network.dependsOn, cut).failsAtH, 120);
    const water = network.bySystem.find((s) => s.system === 'water');
    if (!water) throw new Error('the capital pack has no water system');
    const { problem, nodes, edges, source, sink } = systemFlowProblem(water, alive, region.zones.population);
    const delivered = allocateMaxMin(problem.nodes, problem.edges, problem.supplies, problem.demands);
    const best = maxFlow(buildFlowGraph(nodes, edges), source, sink).value;
    expect(delivered.reduce((a, b) => a + b, 0)).toBeCloseTo(best, 0);
  });
});
