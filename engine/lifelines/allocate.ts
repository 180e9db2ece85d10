import { buildFlowGraph, type FlowEdge } from './flow-graph.js';
import { maxFlow } from './max-flow.js';

export interface Supply {
  node: number;
  capacity: number;
}

export interface Demand {
  node: number;
  amount: number;
}

/**
 * Shares what a capacitated network can deliver among demands fairly, by max–min fairness
 * (progressive filling, Bertsekas & Gallager, Data Networks, §6.5.2): every demand gets the same
 * served fraction λ until the network blocks some of them; those keep that fraction and the rest
 * rise further. The result is also efficient: it delivers the network's maximum flow. A zone is
 * short only where the network truly cannot serve it more without taking from a zone served less.
 *
 * Each round finds the largest common λ by Newton's method on the parametric minimum cut
 * (Gallo, Grigoriadis & Tarjan 1989, §3): at a λ the network cannot carry, the minimum cut's
 * capacity is a line F + λ·A in λ (A: the unfrozen demand whose arcs the cut crosses) and what
 * is asked is D + λ·T; the next λ is where the two lines meet. It never passes below the answer
 * and reaches it in a few maximum flows (one per distinct cut met), where bisection took ~40.
 * The round then freezes the demands beyond that last cut. The graph is built once; only the
 * demand arcs' capacities change between maximum flows.
 */
export function allocateMaxMin(nodes: number, edges: readonly FlowEdge[], supplies: readonly Supply[], demands: readonly Demand[], tolerance = 1e-9): Float64Array {
  const source = nodes;
  const sink = nodes + 1;
  const delivered = new Float64Array(demands.length);
  const frozen = new Uint8Array(demands.length);
  demands.forEach((d, k) => { if (d.amount <= 0) frozen[k] = 1; });
  const totalDemand = demands.reduce((s, d) => s + Math.max(d.amount, 0), 0);
  const slack = tolerance * Math.max(totalDemand, 1);
  const graph = buildFlowGraph(nodes + 2, [
    ...edges,
    ...supplies.map((s) => ({ from: source, to: s.node, capacity: s.capacity })),
    ...demands.map((d) => ({ from: d.node, to: sink, capacity: 0 })),
  ]);
  const firstDemandArc = 2 * (edges.length + supplies.length);
  const demandOfArc = (a: number): number => (a >= firstDemandArc && (a & 1) === 0 ? (a - firstDemandArc) >> 1 : -1);
  const setLambda = (lambda: number): void => {
    demands.forEach((d, k) => { graph.capacity[firstDemandArc + 2 * k] = frozen[k] ? (delivered[k] as number) : lambda * d.amount; });
  };

  while (frozen.some((f) => !f)) {
    let fixed = 0; // D: what the frozen demands keep
    let rising = 0; // T: the unfrozen demands' total amount
    demands.forEach((d, k) => {
      if (frozen[k]) fixed += delivered[k] as number;
      else rising += d.amount;
    });
    let lambda = 1;
    setLambda(lambda);
    let result = maxFlow(graph, source, sink);
    // The cut whose line gave the current λ: at the answer it is tight, and the demands beyond it
    // are the ones blocked there. (Reachability in the residual graph would say the same in exact
    // arithmetic; at a tight cut, rounding leaves its arcs a hair short of saturated.)
    let blockingCut: Uint8Array | undefined;
    // Each step meets a different cut (its line lies above the ones met before at the new λ), so
    // the loop ends; the bound only guards against rounding.
    for (let step = 0; result.value < fixed + lambda * rising - slack && step < 4 * demands.length + 8; step++) {
      let cutFixed = 0;
      let cutRising = 0;
      for (let a = 0; a < graph.capacity.length; a += 2) {
        if (!result.sourceSide[graph.tail[a] as number] || result.sourceSide[graph.head[a] as number]) continue;
        const k = demandOfArc(a);
        if (k >= 0 && !frozen[k]) cutRising += (demands[k] as Demand).amount;
        else cutFixed += graph.capacity[a] as number;
      }
      const next = rising > cutRising ? Math.max((cutFixed - fixed) / (rising - cutRising), 0) : 0;
      if (!(next < lambda)) break;
      lambda = next;
      blockingCut = result.sourceSide;
      setLambda(lambda);
      result = maxFlow(graph, source, sink);
    }
    const blocked = lambda >= 1 ? undefined : (result.value >= fixed + lambda * rising - slack && blockingCut) || result.sourceSide;
    let froze = 0;
    demands.forEach((d, k) => {
      if (frozen[k]) return;
      // What the flow actually brings (λ·amount may sit a rounding error above feasible).
      delivered[k] = lambda >= 1 ? d.amount : Math.min(result.flow[firstDemandArc + 2 * k] as number, d.amount);
      if (!blocked || !blocked[d.node]) {
        frozen[k] = 1;
        froze++;
      }
    });
    if (froze === 0) {
      // Numerically stuck: keep everyone where they are.
      demands.forEach((_, k) => { frozen[k] = 1; });
    }
  }
  return delivered;
}
