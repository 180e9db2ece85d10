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
 * rise further. Each round finds the largest common λ by bisection on maximum-flow feasibility,
 * then freezes the demands the source can no longer reach in the residual graph. The result is
 * also efficient: it delivers the network's maximum flow. A zone is short only where the network
 * truly cannot serve it more without taking from a zone served less.
 */
export function allocateMaxMin(nodes: number, edges: readonly FlowEdge[], supplies: readonly Supply[], demands: readonly Demand[], tolerance = 1e-9): Float64Array {
  const source = nodes;
  const sink = nodes + 1;
  const delivered = new Float64Array(demands.length);
  const frozen = new Uint8Array(demands.length);
  demands.forEach((d, k) => { if (d.amount <= 0) frozen[k] = 1; });
  const totalDemand = demands.reduce((s, d) => s + Math.max(d.amount, 0), 0);
  const graphFor = (lambda: number) => buildFlowGraph(nodes + 2, [
    ...edges,
    ...supplies.map((s) => ({ from: source, to: s.node, capacity: s.capacity })),
    ...demands.map((d, k) => ({ from: d.node, to: sink, capacity: frozen[k] ? (delivered[k] as number) : lambda * d.amount })),
  ]);
  const capOf = (lambda: number): number => demands.reduce((s, d, k) => s + (frozen[k] ? (delivered[k] as number) : lambda * d.amount), 0);
  const feasible = (lambda: number): boolean => maxFlow(graphFor(lambda), source, sink).value >= capOf(lambda) - tolerance * Math.max(totalDemand, 1);

  let low = 0;
  while (frozen.some((f) => !f)) {
    let high = 1;
    if (feasible(1)) {
      demands.forEach((d, k) => { if (!frozen[k]) { delivered[k] = d.amount; frozen[k] = 1; } });
      break;
    }
    for (let i = 0; i < 60 && high - low > 1e-12; i++) {
      const mid = (low + high) / 2;
      if (feasible(mid)) low = mid;
      else high = mid;
    }
    // Demands the source cannot reach in the residual graph at λ are blocked: they keep what the
    // flow actually brings them (not λ·amount, which may sit a rounding error above feasible).
    const { sourceSide, flow } = maxFlow(graphFor(low), source, sink);
    const firstDemandArc = 2 * (edges.length + supplies.length);
    let froze = 0;
    demands.forEach((_, k) => {
      if (frozen[k]) return;
      delivered[k] = flow[firstDemandArc + 2 * k] as number;
      if (!sourceSide[(demands[k] as Demand).node]) {
        frozen[k] = 1;
        froze++;
      }
    });
    if (froze === 0) {
      // Numerically stuck at the bisection's resolution: keep everyone where they are.
      demands.forEach((_, k) => { frozen[k] = 1; });
    }
  }
  return delivered;
}
