import type { Hazard } from '../scenario/schema.js';
import { resolveTargets, type LifelineNetwork } from './network.js';
import type { Outage } from './restoration.js';

/** The scenario's deliberate outages: every component each `outage` hazard names, from its hour until its restore time. */
export function scenarioOutages(hazards: readonly Hazard[], network: LifelineNetwork): Outage[] {
  return hazards.flatMap((h) => (h.type === 'outage'
    ? resolveTargets(network, h.targets).map((component): Outage => ({ component, fromH: h.atH ?? 0, untilH: h.restoreAtH ?? Infinity, cause: 'outage' }))
    : []));
}
