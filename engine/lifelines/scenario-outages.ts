import type { LoadedScenario } from '../scenario/load-scenario.js';
import { resolveTargets } from './network.js';
import type { Outage } from './restoration.js';

/** The scenario's deliberate outages: every component each `outage` hazard names, from its hour until its restore time. */
export function scenarioOutages({ scenario, region }: LoadedScenario): Outage[] {
  return scenario.file.hazards.flatMap((h) => (h.type === 'outage'
    ? resolveTargets(region.lifelines, h.targets).map((component) => ({ component, fromH: h.atH ?? 0, untilH: h.restoreAtH ?? Infinity }))
    : []));
}
