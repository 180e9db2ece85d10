import type { Piscina } from 'piscina';
import { RenxingError } from '../core/errors.js';
import type { Region } from '../region/region.js';
import { contingencyElements, type ContingencyElement, type ContingencyTask } from './contingency.js';

export interface ContingencyRanking {
  schemaVersion: 1;
  region: string;
  k: 1 | 2;
  horizonH: number;
  /** Residents without each system with nothing cut (the baseline the losses are measured from). */
  baseline: Record<string, number>;
  cases: { elements: string[]; kinds: string[]; lostBySystem: Record<string, number>; lost: number }[];
}

/**
 * Ranks corridors and links by the service they take down when they fail (N−1), or pairs of
 * them (N−2, every pair up to `maxPairs`, else a seeded evenly spaced sample), each case a
 * cascade then a max–min fair service assessment, run in chunks on the pool. Cases keep their
 * order whatever the worker count, so the ranking is identical on 1 or many workers.
 */
export async function runContingency(region: Region, options: { pool: Piscina; k: 1 | 2; horizonH: number; maxPairs?: number }): Promise<ContingencyRanking> {
  const network = region.lifelines;
  if (network.ids.length === 0) throw new RenxingError('RX_ERR_INVALID_INPUT', `region '${region.id}' has no lifeline components`, [{ file: `${region.id}/lifelines.geojson`, path: 'features', message: 'no lifeline components to cut' }]);
  const linkIds = new Set(region.layers.lifelines.features.filter((f) => f.properties.kind === 'link').map((f) => f.properties.id));
  const elements = contingencyElements(network, linkIds);
  let combos: ContingencyElement[][] = elements.map((e) => [e]);
  if (options.k === 2) {
    const pairs: ContingencyElement[][] = [];
    for (let i = 0; i < elements.length; i++) for (let j = i + 1; j < elements.length; j++) pairs.push([elements[i] as ContingencyElement, elements[j] as ContingencyElement]);
    const max = options.maxPairs ?? 20_000;
    combos = pairs.length <= max ? pairs : Array.from({ length: max }, (_, n) => pairs[Math.floor((n * pairs.length) / max)] as ContingencyElement[]);
  }
  const cases = [[], ...combos.map((combo) => [...new Set(combo.flatMap((e) => e.components))])];
  const threads = options.pool.options.maxThreads;
  const size = Math.max(1, Math.ceil(cases.length / (threads * 4)));
  const systems = network.bySystem.map((s) => s.system);
  const results = await Promise.all(Array.from({ length: Math.ceil(cases.length / size) }, (_, c) => {
    const task: ContingencyTask = { network, population: region.zones.population, horizonH: options.horizonH, cases: cases.slice(c * size, (c + 1) * size) };
    return options.pool.run(task, { name: 'contingency' }) as Promise<Float64Array>;
  }));
  const lost = new Float64Array(cases.length * systems.length);
  results.forEach((r, c) => lost.set(r, c * size * systems.length));
  const at = (c: number, s: number): number => lost[c * systems.length + s] as number;
  const baseline = Object.fromEntries(systems.map((s, i) => [s, Math.round(at(0, i))]));
  const ranked = combos.map((combo, n) => {
    const lostBySystem = Object.fromEntries(systems.map((s, i) => [s, Math.round(at(n + 1, i) - at(0, i))]));
    return { elements: combo.map((e) => e.id), kinds: combo.map((e) => e.kind), lostBySystem, lost: Object.values(lostBySystem).reduce((a, b) => a + b, 0) };
  });
  ranked.sort((a, b) => b.lost - a.lost || a.elements.join().localeCompare(b.elements.join()));
  return { schemaVersion: 1, region: region.id, k: options.k, horizonH: options.horizonH, baseline, cases: ranked };
}
