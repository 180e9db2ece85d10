import { cascadeFailures } from './cascade.js';
import type { LifelineNetwork } from './network.js';
import { aliveAt, unservedFractions } from './service.js';

/** One thing that can fail together: a whole corridor, or a single link outside any corridor. */
export interface ContingencyElement {
  id: string;
  kind: 'corridor' | 'link';
  components: number[];
}

/** Every corridor, and every link that lies in none. */
export function contingencyElements(network: LifelineNetwork, linkIds: ReadonlySet<string>): ContingencyElement[] {
  const corridors = new Map<string, number[]>();
  const elements: ContingencyElement[] = [];
  network.ids.forEach((id, k) => {
    const corridor = network.corridor[k];
    if (corridor) corridors.set(corridor, [...(corridors.get(corridor) ?? []), k]);
    else if (linkIds.has(id)) elements.push({ id, kind: 'link', components: [k] });
  });
  return [...[...corridors].map(([id, components]): ContingencyElement => ({ id, kind: 'corridor', components })), ...elements];
}

export interface ContingencyTask {
  network: LifelineNetwork;
  population: Float64Array;
  horizonH: number;
  /** Each case: the components cut together at time 0. */
  cases: number[][];
}

/** Residents without service, per case and system (`out[case * systems + s]`, systems in `network.bySystem` order). */
export function assessContingencies(task: ContingencyTask): Float64Array {
  const { network, population, horizonH, cases } = task;
  const systems = network.bySystem.length;
  const out = new Float64Array(cases.length * systems);
  cases.forEach((components, c) => {
    const { failsAtH } = cascadeFailures(network.ids.length, network.dependsOn, new Map(components.map((k) => [k, 0])));
    const alive = aliveAt(network, failsAtH, horizonH);
    network.bySystem.forEach((system, s) => {
      const unserved = unservedFractions(system, alive, population);
      let people = 0;
      unserved.forEach((f, z) => { if (!Number.isNaN(f)) people += f * (population[z] as number); });
      out[c * systems + s] = people;
    });
  });
  return out;
}
