/**
 * The components flood water put out of service, over the realizations: when, how deep, when back.
 */
import { eventStats, type MetricSeries } from '../parallel/ensemble.js';
import { round4 } from '../core/round.js';
import type { LifelineNetwork } from '../lifelines/network.js';
import type { FloodClass } from '../region/lifeline-schema.js';
import type { FloodDamageEntry } from '../run/summary.js';
import type { FloodExposure } from './flood-exposure.js';
import { BRIDGE_RULE, FLOOD_FAILURE_RULES } from './flood-rules.js';

export function floodDamageSummary(exposure: FloodExposure, network: LifelineNetwork, names: { areas: readonly string[]; reaches: readonly string[] }, values: Readonly<Record<string, MetricSeries>>, horizonH: number): FloodDamageEntry[] {
  const downAt = values['flood.componentDownAtH'];
  const back = values['flood.componentBackAtH'];
  const depth = values['flood.componentMaxDepthM'];
  return Array.from(exposure.components).flatMap((component, i): FloodDamageEntry[] => {
    const out = eventStats(downAt, i, (t) => t >= 0);
    if (out.probability === 0) return [];
    const backWithin = eventStats(back, i, (t) => t >= 0 && t <= horizonH);
    const stillOut = eventStats(back, i, (t) => t > horizonH);
    // Depth over realizations where the component went out (0 elsewhere: never wet enough).
    const wet = eventStats(depth, i, (d) => d > 0);
    // Every place water can reach it: a line may cross several areas and bridge several reaches.
    const sites = exposure.sites.filter((s) => s.component === component);
    const bridges = exposure.crossings.filter((c) => c.component === component);
    const site = sites[0];
    const corridor = network.corridor[component];
    return [{
      id: network.ids[component] as string, system: network.systems[component] as string,
      floodClass: site?.floodClass ?? 'bridge',
      ...(corridor ? { corridor } : {}),
      ...(sites.length > 0 ? { areas: [...new Set(sites.map((s) => names.areas[s.area] as string))] } : {}),
      ...(bridges.length > 0 ? { bridges: bridges.map((c) => ({ reach: names.reaches[c.reach] as string, designM3s: c.designM3s })) } : {}),
      probabilityOut: round4(out.probability), outAtH: round4(out.mean),
      ...(backWithin.probability > 0 ? { backAtH: round4(backWithin.mean) } : {}),
      probabilityStillOut: round4(stillOut.probability),
      ...(site && wet.probability > 0 ? { maxDepthM: round4(wet.mean) } : {}),
    }];
  }).sort((a, b) => b.probabilityOut - a.probabilityOut || a.outAtH - b.outAtH);
}

/** The rule, and its source, for each class that appears in `entries`. */
export function floodRulesUsed(entries: readonly FloodDamageEntry[]): Record<string, string> {
  const rules: Record<string, string> = {};
  for (const e of entries) rules[e.floodClass] = e.floodClass === 'bridge' ? BRIDGE_RULE.reference : FLOOD_FAILURE_RULES[e.floodClass as FloodClass].reference;
  return rules;
}
