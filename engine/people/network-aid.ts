/**
 * Mutual aid through the lifeline networks: for each utility system that leaves residents short,
 * which circles' sources still supply the affected circles, how much (people served) and through
 * which corridors — read from one maximum flow of the damaged network, decomposed into
 * source → zone paths (maximum flows are not unique: this is one way the network can carry it).
 */
import type { LifelineNetwork } from '../lifelines/network.js';
import { systemFlows } from '../lifelines/service.js';
import { NO_CIRCLE, type AidBands, type AidTransfer } from './mutual-aid.js';

/** What a source outside every zone (an external grid or canal) is called as a giver. */
export const OUTSIDE_REGION = 'outside-region';

export function networkAid(network: LifelineNetwork, alive: Uint8Array, population: Float64Array, bands: AidBands, unserved: Partial<Record<string, Float64Array>>): AidTransfer[] {
  const circleOf = (z: number): string => {
    const b = bands.zoneBand[z] ?? -1;
    return b >= 0 ? (bands.circleIds[b] ?? NO_CIRCLE) : NO_CIRCLE;
  };
  const transfers: AidTransfer[] = [];
  for (const system of network.bySystem) {
    const short = unserved[system.system];
    if (!short) continue;
    const affected = new Set<string>();
    short.forEach((f, z) => { if (f > 1e-9) affected.add(circleOf(z)); });
    if (affected.size === 0) continue;
    const pairs = new Map<string, AidTransfer & { viaAmount: Map<string, number> }>();
    for (const path of systemFlows(system, alive, population).paths) {
      const to = circleOf(path.zone);
      const sourceZone = network.zone[path.source] ?? -1;
      const from = sourceZone >= 0 ? circleOf(sourceZone) : OUTSIDE_REGION;
      if (from === to || !affected.has(to)) continue;
      const key = `${from}→${to}`;
      let pair = pairs.get(key);
      if (!pair) {
        pair = { resource: `${system.system} (network)`, unit: 'people served', fromCircle: from, toCircle: to, amount: 0, via: [], viaAmount: new Map() };
        pairs.set(key, pair);
      }
      pair.amount += path.amount;
      for (const via of new Set(path.links.map((k) => network.corridor[k] ?? network.ids[k] ?? `#${k}`))) pair.viaAmount.set(via, (pair.viaAmount.get(via) ?? 0) + path.amount);
    }
    for (const { viaAmount, ...t } of pairs.values()) {
      transfers.push({ ...t, amount: Math.round(t.amount), via: [...viaAmount.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([name]) => name) });
    }
  }
  return transfers.filter((t) => t.amount > 0).sort((a, b) => b.amount - a.amount);
}
