/**
 * Backup routing after cuts: per system, how much supply no longer arrives, how much of what the
 * lost links carried found another way, which corridors took it, and the links that now limit
 * delivery. Flows are one maximum flow of each state (maximum flows are not unique, so the
 * corridors are one way the network can carry the load, not a prediction of dispatch).
 */
import type { LifelineNetwork } from './network.js';
import { systemFlows } from './service.js';

export interface BackupRouteReport {
  system: string;
  /** Supply (people served) the network delivered intact and no longer delivers. */
  unmet: number;
  /** The largest flow a lost link carried in the intact network, less what is now unmet: load that moved to other routes. */
  rerouted: number;
  /** Corridors (or links without one) carrying more than in the intact network: the largest increase on any of their links. */
  takingLoad: { via: string; extraPeople: number }[];
  /** Links of a minimum cut after the cuts: what now stops more supply reaching the zones. */
  bottlenecks: { id: string; corridor?: string }[];
}

export function backupRoutes(network: LifelineNetwork, alive: Uint8Array, population: Float64Array): BackupRouteReport[] {
  const intact = new Uint8Array(network.ids.length).fill(1);
  const reports: BackupRouteReport[] = [];
  for (const system of network.bySystem) {
    const lost = system.links.filter((l) => !alive[l.component] || !alive[l.from] || !alive[l.to]);
    const nodesLost = system.nodes.some((n) => !alive[n]);
    if (lost.length === 0 && !nodesLost) continue;
    const before = systemFlows(system, intact, population);
    const after = systemFlows(system, alive, population);
    const unmet = Math.max(before.delivered - after.delivered, 0);
    const displaced = Math.max(0, ...lost.map((l) => Math.abs(before.linkFlow.get(l.component) ?? 0)));
    const increase = new Map<string, number>();
    for (const [component, flow] of after.linkFlow) {
      const extra = Math.abs(flow) - Math.abs(before.linkFlow.get(component) ?? 0);
      if (extra <= 1e-6 * Math.max(before.delivered, 1)) continue;
      const via = network.corridor[component] ?? network.ids[component] ?? `#${component}`;
      increase.set(via, Math.max(increase.get(via) ?? 0, extra));
    }
    reports.push({
      system: system.system,
      unmet: Math.round(unmet),
      rerouted: Math.round(Math.max(displaced - unmet, 0)),
      takingLoad: [...increase.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([via, extra]) => ({ via, extraPeople: Math.round(extra) })),
      bottlenecks: after.bottlenecks.map((k) => ({ id: network.ids[k] as string, ...(network.corridor[k] ? { corridor: network.corridor[k] } : {}) })),
    });
  }
  return reports;
}
