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
 * Service over the horizon from `outages`. Where some outages are the flood's and others are not,
 * the hours without service the water caused are those beyond what the other outages alone cause
 * (`zone.lifelines.<system>.hoursWithoutByFlood`): one more service evaluation per step.
 */
export function runLifelineStage(input: LifelineStageInput, outages: readonly Outage[], population: Float64Array, sink: MetricSink): LifelineLoads {
  const { network } = input;
  const steps = outageTimeline(network, outages, input.horizonH);
  const checkpoints = input.restoration.days.map((d) => stateAt(network, outages, input.restoration.fromH + 24 * d).alive);
  const flooded = outages.some((o) => o.cause === 'flood');
  const dry = flooded && outages.some((o) => o.cause !== 'flood') ? outageTimeline(network, outages.filter((o) => o.cause !== 'flood'), input.horizonH) : undefined;
  const loads: LifelineLoads = { steps, unserved: {}, hoursWithout: {} };
  for (const system of network.bySystem) {
    // One evaluation per step gives both the hours without service and the state at the horizon.
    const { hours, atHorizon: unserved, withoutFor } = serviceOverHorizon(system, steps, input.horizonH, population);
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
      const without = dry ? serviceOverHorizon(system, dry, input.horizonH, population).hours : undefined;
      hours.forEach((h, z) => { byFlood[z] = Number.isNaN(h) ? Number.NaN : Math.max(h - (without?.[z] ?? 0), 0); });
      sink.scalar(`lifelines.${system.system}.residentHoursWithoutByFlood`, residentsUnserved(byFlood, population));
    }
    const seen = new Map<string, number>();
    input.restoration.days.forEach((d, k) => {
      const working = checkpoints[k] as Uint8Array;
      // Checkpoints often share a state (nothing repaired yet, or all of it): one flow per distinct state.
      const key = [...system.nodes, ...system.links.map((l) => l.component)].map((c) => working[c]).join('');
      let people = seen.get(key);
      if (people === undefined) {
        people = residentsUnserved(unservedFractions(system, working, population), population);
        seen.set(key, people);
      }
      sink.scalar(`lifelines.${system.system}.restoration.${d}d`, people);
    });
  }
  return loads;
}
