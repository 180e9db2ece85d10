/**
 * The lifeline stage of a realization: the outages of every cause, the cascade between systems
 * over time, each system's service to the zones over the horizon, and the restoration curve.
 */
import type { MetricSink } from '../parallel/metric-sink.js';
import type { LifelineNetwork } from './network.js';
import { outageTimeline, stateAt, type Outage, type OutageStep } from './restoration.js';
import { OUTAGE_DURATIONS_H, residentsUnserved, serviceOverHorizon, unservedFractions } from './service.js';

export interface LifelineStageInput {
  network: LifelineNetwork;
  horizonH: number;
  /** The restoration curve: service at these days after `fromH` (the event). */
  restoration: { fromH: number; days: readonly number[] };
}

/** What the lifelines leave for the people stage. */
export interface LifelineLoads {
  /** The working components as a step function over the horizon (first step at 0). */
  steps: OutageStep[];
  /** Unserved fraction per zone at the horizon (NaN where the system does not serve). */
  unserved: Partial<Record<'water' | 'power', Float64Array>>;
  /** Hours without the system over the horizon, per zone (fraction-weighted). */
  hoursWithout: Partial<Record<'water' | 'power', Float64Array>>;
}

/**
 * Service over the horizon from `outages` and the local cuts (power to homes on flooded land).
 * Where some outages are the flood's and others are not, the hours without service the water
 * caused are those beyond what the other outages alone cause
 * (`zone.lifelines.<system>.hoursWithoutByFlood`): one more service evaluation per step.
 */
export function runLifelineStage(input: LifelineStageInput, outages: readonly Outage[], population: Float64Array, sink: MetricSink, localCut: Partial<Record<string, Float64Array>> = {}): LifelineLoads {
  const { network } = input;
  const steps = outageTimeline(network, outages, input.horizonH);
  const checkpoints = input.restoration.days.map((d) => stateAt(network, outages, input.restoration.fromH + 24 * d).alive);
  const flooded = outages.some((o) => o.cause === 'flood') || Object.keys(localCut).length > 0;
  const dry = flooded && outages.some((o) => o.cause !== 'flood') ? outageTimeline(network, outages.filter((o) => o.cause !== 'flood'), input.horizonH) : undefined;
  const loads: LifelineLoads = { steps, unserved: {}, hoursWithout: {} };
  for (const system of network.bySystem) {
    // One evaluation per step gives both the hours without service and the state at the horizon.
    const local = localCut[system.system];
    const { hours, atHorizon: unserved, withoutFor } = serviceOverHorizon(system, steps, input.horizonH, population, OUTAGE_DURATIONS_H, local);
    OUTAGE_DURATIONS_H.forEach((d, k) => sink.scalar(`lifelines.${system.system}.residentsWithoutFor.${d}h`, residentsUnserved(withoutFor[k] as Float64Array, population)));
    sink.field(`zone.lifelines.${system.system}.unservedFraction`, population.length).set(unserved);
    sink.scalar(`lifelines.${system.system}.unservedPopulation`, residentsUnserved(unserved, population));
    if (system.system === 'water' || system.system === 'power') {
      loads.unserved[system.system] = unserved;
      loads.hoursWithout[system.system] = hours;
    }
    sink.field(`zone.lifelines.${system.system}.hoursWithout`, population.length).set(hours);
    sink.scalar(`lifelines.${system.system}.residentHoursWithout`, residentsUnserved(hours, population));
    if (flooded) {
      const byFlood = sink.field(`zone.lifelines.${system.system}.hoursWithoutByFlood`, population.length);
      // Without the water: the other outages alone (none at all when the flood is the only cause).
      const without = dry ? serviceOverHorizon(system, dry, input.horizonH, population).hours : undefined;
      hours.forEach((h, z) => { byFlood[z] = Number.isNaN(h) ? Number.NaN : Math.max(h - (without?.[z] ?? 0), 0); });
      sink.scalar(`lifelines.${system.system}.residentHoursWithoutByFlood`, residentsUnserved(byFlood, population));
    }
    const seen = new Map<string, Float64Array>();
    const hoursOut = Math.ceil(input.horizonH);
    input.restoration.days.forEach((d, k) => {
      const working = checkpoints[k] as Uint8Array;
      // Checkpoints often share a state (nothing repaired yet, or all of it): one flow per distinct state.
      const key = [...system.nodes, ...system.links.map((l) => l.component)].map((c) => working[c]).join('');
      let fractions = seen.get(key);
      if (fractions === undefined) {
        fractions = unservedFractions(system, working, population);
        seen.set(key, fractions);
      }
      // Homes cut off locally at that hour count too (after the horizon: as at the horizon).
      const h = Math.min(Math.max(Math.round(input.restoration.fromH + 24 * d), 0), hoursOut);
      const withLocal = local ? fractions.map((f, z) => (Number.isNaN(f) ? f : 1 - (1 - f) * (1 - (local[z * (hoursOut + 1) + h] as number)))) : fractions;
      sink.scalar(`lifelines.${system.system}.restoration.${d}d`, residentsUnserved(withLocal, population));
    });
  }
  return loads;
}
