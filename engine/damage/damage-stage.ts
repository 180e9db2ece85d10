/**
 * The damage stage of a realization: the hazards' fields on the region's assets become
 * down-intervals of lifeline components. Deliberate cuts pass through; the earthquake's damage and
 * the flood's water each leave repairs, which are scheduled together over the crews of each system
 * (a flooded substation and a shaken one wait for the same power crews), on one clock.
 */
import type { MetricSink } from '../parallel/metric-sink.js';
import { createRng } from '../parallel/rng.js';
import type { FloodLoads } from '../flood/river/flood-stage.js';
import { CAUSE_BITS, INTERVAL_SLOTS, scheduleRepairs, type Outage, type OutageCause, type Repair } from '../lifelines/restoration.js';
import type { QuakeLoads } from '../quake/quake-stage.js';
import { floodSpells, type FloodOutageInput, type FloodSpell, type RoadLinkSpell, type RoadWaterPiece } from './flood-outages.js';
import { powerCutOnFloodedLand } from './flood-homes.js';
import { quakeRepairs, type QuakeDamageInput } from './quake-outages.js';

export interface DamageStageInput {
  /** System of each lifeline component. */
  systems: string[];
  /** The components a hazard can put out (the earthquake's damageable ones, the flood's exposed ones), ascending: the columns of their recorded intervals. */
  tracked: Int32Array;
  horizonH: number;
  /** Deliberate cuts (scenario `outage` hazards). */
  deliberate: Outage[];
  quake?: QuakeDamageInput;
  flood?: FloodOutageInput;
  /** Repair crews per system (scenario `restoration.crews`); systems without an entry repair everything at once. */
  crews?: Record<string, number>;
}

/** What the damage stage leaves: every component outage with its cause, the road-graph links water closed, and the water on roads over time. */
export interface DamageResult {
  outages: Outage[];
  roadLinksClosed: RoadLinkSpell[];
  roadWater?: { pieces: RoadWaterPiece[]; areaStageM: Float64Array[]; dtS: number };
  /** Per system, the share of each zone's residents cut off locally each hour (zone-major, hours 0 … ⌈horizon⌉): power to homes on flooded land. */
  localCut?: Partial<Record<string, Float64Array>>;
}

/**
 * Every outage of the realization — deliberate, by earthquake damage until repaired, under flood
 * water until it has gone and the component is restored — with its cause; the road-graph links
 * water closed; the power cut to homes on flooded land. Writes per tracked component its hazard
 * outages as intervals (`lifelines.componentDownIntervals`; an interval not over within the run
 * ends at Infinity), and the flood's per-component figures.
 */
export function runDamageStage(input: DamageStageInput, hazards: { quake?: QuakeLoads; flood?: FloodLoads }, seed: number, realization: number, sink: MetricSink): DamageResult {
  const repairs: { repair: Repair; fromH: number; cause: OutageCause }[] = [];
  if (input.quake && hazards.quake) {
    for (const repair of quakeRepairs(input.quake, input.systems, hazards.quake, seed, realization, sink)) repairs.push({ repair, fromH: input.quake.atH, cause: 'earthquake' });
  }
  const floodOut: Outage[] = [];
  let roadLinksClosed: RoadLinkSpell[] = [];
  let roadWater: DamageResult['roadWater'];
  let localCut: DamageResult['localCut'];
  if (input.flood && hazards.flood) {
    const { components: spells, roadLinks, roadWater: pieces } = floodSpells(input.flood, hazards.flood, createRng(seed, realization, 'flood-ground'));
    roadLinksClosed = roadLinks;
    roadWater = { pieces, areaStageM: hazards.flood.areaStageM, dtS: hazards.flood.dtS };
    if (input.flood.homes) localCut = { power: powerCutOnFloodedLand(input.flood.homes, input.flood.hypsometry, hazards.flood, input.horizonH) };
    recordRoadLinks(input.flood, roadLinks, sink);
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
  if (input.quake || input.flood) recordIntervals(input.tracked, hazardOutages, sink);
  if (input.flood) recordFloodBack(input.flood, hazardOutages, sink);
  return { outages: [...input.deliberate, ...hazardOutages], roadLinksClosed, ...(roadWater ? { roadWater } : {}), ...(localCut ? { localCut } : {}) };
}

/**
 * Per tracked component, its hazard outages as at most INTERVAL_SLOTS disjoint intervals
 * (overlapping ones merged), each as (from, until, CAUSE_BITS of the hazards in it); unused slots
 * hold −1. Only the components a hazard can touch get columns: the fields travel back from the
 * workers with every realization.
 */
function recordIntervals(tracked: Int32Array, outages: readonly Outage[], sink: MetricSink): void {
  const columns = new Map(Array.from(tracked, (c, i) => [c, i]));
  writeSlots(sink.field('lifelines.componentDownIntervals', tracked.length * INTERVAL_SLOTS * 3), outages.flatMap((o) => (o.cause === 'outage' ? [] : [{ index: columns.get(o.component) as number, fromH: o.fromH, untilH: o.untilH, bits: CAUSE_BITS[o.cause] }])));
}

/** The road-graph links water closed, in the same slots, one column per exposed link. */
function recordRoadLinks(input: FloodOutageInput, closed: readonly RoadLinkSpell[], sink: MetricSink): void {
  const columns = new Map(Array.from(input.exposure.roadLinkIds, (l, i) => [l, i]));
  writeSlots(sink.field('people.roadLinkDownIntervals', columns.size * INTERVAL_SLOTS * 3), closed.map((s) => ({ index: columns.get(s.link) as number, fromH: s.fromH, untilH: s.untilH, bits: CAUSE_BITS.flood })));
}

function writeSlots(slots: Float64Array, intervals: readonly { index: number; fromH: number; untilH: number; bits: number }[]): void {
  slots.fill(-1);
  const byItem = new Map<number, { fromH: number; untilH: number; bits: number }[]>();
  for (const i of intervals) byItem.set(i.index, [...(byItem.get(i.index) ?? []), i]);
  for (const [k, list] of byItem) {
    const merged: { from: number; until: number; bits: number }[] = [];
    for (const o of list.sort((a, b) => a.fromH - b.fromH)) {
      const last = merged[merged.length - 1];
      if (last && (o.fromH <= last.until || merged.length === INTERVAL_SLOTS)) {
        last.until = Math.max(last.until, o.untilH);
        last.bits |= o.bits;
      } else {
        merged.push({ from: o.fromH, until: o.untilH, bits: o.bits });
      }
    }
    merged.forEach((m, j) => slots.set([m.from, m.until, m.bits], (k * INTERVAL_SLOTS + j) * 3));
  }
}

/** The flood's figures per exposed component: when the water first put it out (−1: never) and the deepest water over its floor. */
function recordFlood(input: FloodOutageInput, spells: readonly FloodSpell[], sink: MetricSink): void {
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
