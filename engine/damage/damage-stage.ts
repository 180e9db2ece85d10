/**
 * The damage stage of a realization: the hazards' fields on the region's assets become
 * down-intervals of lifeline components. Deliberate cuts pass through; the earthquake's damage and
 * the flood's water each leave repairs, which are scheduled together over the crews of each system
 * (a flooded substation and a shaken one wait for the same power crews), on one clock.
 */
import type { MetricSink } from '../parallel/metric-sink.js';
import { createRng } from '../parallel/rng.js';
import type { FloodLoads } from '../flood/river/flood-stage.js';
import { CAUSE_BITS } from '../lifelines/likely-outages.js';
import { scheduleRepairs, type Outage, type OutageCause, type Repair } from '../lifelines/restoration.js';
import type { QuakeLoads } from '../quake/quake-stage.js';
import { floodSpells, type FloodOutageInput } from './flood-outages.js';
import { quakeRepairs, type QuakeDamageInput } from './quake-outages.js';

export interface DamageStageInput {
  /** System of each lifeline component. */
  systems: string[];
  horizonH: number;
  /** Deliberate cuts (scenario `outage` hazards). */
  deliberate: Outage[];
  quake?: QuakeDamageInput;
  flood?: FloodOutageInput;
  /** Repair crews per system (scenario `restoration.crews`); systems without an entry repair everything at once. */
  crews?: Record<string, number>;
}

/**
 * Every outage of the realization — deliberate, by earthquake damage until repaired, under flood
 * water until it has gone and the component is restored — with its cause. Writes per component
 * the first hour a hazard put it out and the hour it was last back (`lifelines.componentDownFromH`,
 * `lifelines.componentUpAtH`: −1 if no hazard touched it, Infinity if not back within the run),
 * and the flood's per-component figures.
 */
export function runDamageStage(input: DamageStageInput, hazards: { quake?: QuakeLoads; flood?: FloodLoads }, seed: number, realization: number, sink: MetricSink): Outage[] {
  const repairs: { repair: Repair; fromH: number; cause: OutageCause }[] = [];
  if (input.quake && hazards.quake) {
    for (const repair of quakeRepairs(input.quake, input.systems, hazards.quake, seed, realization, sink)) repairs.push({ repair, fromH: input.quake.atH, cause: 'earthquake' });
  }
  const floodOut: Outage[] = [];
  if (input.flood && hazards.flood) {
    const spells = floodSpells(input.flood, hazards.flood, createRng(seed, realization, 'flood-ground'));
    for (const s of spells) {
      // Restoration starts once the water has gone; a road that reopens as it dries needs no crew.
      if (s.restoreH > 0 && Number.isFinite(s.waterGoneH)) repairs.push({ repair: { component: s.component, system: input.systems[s.component] as string, durationH: s.restoreH, readyAtH: s.waterGoneH }, fromH: s.fromH, cause: 'flood' });
      else floodOut.push({ component: s.component, fromH: s.fromH, untilH: s.waterGoneH, cause: 'flood' });
    }
    recordFlood(input.flood, spells, sink);
  }
  const until = scheduleRepairs(repairs.map((r) => r.repair), input.crews);
  const hazardOutages = [...repairs.map((r): Outage => ({ component: r.repair.component, fromH: r.fromH, untilH: until.get(r.repair) as number, cause: r.cause })), ...floodOut];
  if (input.quake) {
    const down = sink.field('lifelines.componentDownAtHorizon', input.quake.model.components.length);
    const stillOut = new Set(hazardOutages.filter((o) => o.cause === 'earthquake' && o.fromH <= input.horizonH && o.untilH > input.horizonH).map((o) => o.component));
    input.quake.model.components.forEach((c, i) => { if (stillOut.has(c)) down[i] = 1; });
  }
  if (input.quake || input.flood) recordIntervals(input.systems.length, hazardOutages, sink);
  if (input.flood) recordFloodBack(input.flood, hazardOutages, sink);
  return [...input.deliberate, ...hazardOutages];
}

/** Per component: the first hour a hazard put it out, the end of its last outage (one interval that covers them all), and which hazards did (CAUSE_BITS). */
function recordIntervals(components: number, outages: readonly Outage[], sink: MetricSink): void {
  const from = sink.field('lifelines.componentDownFromH', components).fill(-1);
  const until = sink.field('lifelines.componentUpAtH', components).fill(-1);
  const cause = sink.field('lifelines.componentDownCause', components);
  for (const o of outages) {
    if (o.cause === 'outage') continue;
    from[o.component] = (from[o.component] as number) < 0 ? o.fromH : Math.min(from[o.component] as number, o.fromH);
    until[o.component] = Math.max(until[o.component] as number, o.untilH);
    cause[o.component] = (cause[o.component] as number) | CAUSE_BITS[o.cause];
  }
}

/** The flood's figures per exposed component: when the water first put it out (−1: never) and the deepest water over its floor. */
function recordFlood(input: FloodOutageInput, spells: ReturnType<typeof floodSpells>, sink: MetricSink): void {
  const columns = new Map(Array.from(input.exposure.components, (c, i) => [c, i]));
  const width = columns.size;
  const downAt = sink.field('flood.componentDownAtH', width).fill(-1);
  const depth = sink.field('flood.componentMaxDepthM', width);
  for (const s of spells) {
    const i = columns.get(s.component) as number;
    downAt[i] = (downAt[i] as number) < 0 ? s.fromH : Math.min(downAt[i] as number, s.fromH);
    depth[i] = Math.max(depth[i] as number, s.maxDepthM);
  }
  sink.scalar('flood.componentsOut', new Set(spells.map((s) => s.component)).size);
}

/** When each exposed component was back after its last flood outage (−1: never out; Infinity: not within the run). */
function recordFloodBack(input: FloodOutageInput, outages: readonly Outage[], sink: MetricSink): void {
  const columns = new Map(Array.from(input.exposure.components, (c, i) => [c, i]));
  const back = sink.field('flood.componentBackAtH', columns.size).fill(-1);
  for (const o of outages) {
    if (o.cause !== 'flood') continue;
    const i = columns.get(o.component) as number;
    back[i] = Math.max(back[i] as number, o.untilH);
  }
}
