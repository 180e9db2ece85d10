/**
 * Flood water on lifeline components in one realization: the water level of each flood area over
 * time against each exposed component's floor, and the discharge of each reach against the bridges
 * over it, give the hours each component is under water (beyond its class's failure depth) or its
 * bridge overloaded — then it is out until the water has dropped back and it is restored
 * (flood-rules.ts). Crossing times are interpolated between routing samples.
 */
import type { Rng } from '../parallel/rng.js';
import { levelAtArea, type Hypsometry } from '../flood/river/compartment.js';
import type { FloodLoads } from '../flood/river/flood-stage.js';
import { BRIDGE_RULE, FLOOD_FAILURE_RULES, restoreHours } from './flood-rules.js';
import type { FloodExposure } from './flood-exposure.js';
import type { FloodHomes } from './flood-homes.js';

/** One spell of a component under water: from when, until the water dropped back (Infinity: not within the run), the deepest water over its floor, and the restoration that follows. */
export interface FloodSpell {
  component: number;
  fromH: number;
  waterGoneH: number;
  maxDepthM: number;
  restoreH: number;
}

export interface FloodOutageInput {
  exposure: FloodExposure;
  /** Stage–area relation of each flood area, for drawing unknown ground heights. */
  hypsometry: Hypsometry[];
  /** Where residents live on the flood areas (their power is cut while their ground is under water); absent when the region has no power system. */
  homes?: FloodHomes;
}

/** A road-graph link closed by water: from when until the water on it is shallow enough again. */
export interface RoadLinkSpell {
  link: number;
  fromH: number;
  untilH: number;
}

/**
 * Where water can stand on a road: a pack road (`component`) or a road-graph link (`link`), −1 for
 * the other, in an area, with the height of its surface above the area's lowest ground. With the
 * area's levels over time this gives the depth on the road at any hour (shallow water slows traffic).
 */
export interface RoadWaterPiece {
  component: number;
  link: number;
  area: number;
  floorM: number;
}

/**
 * The spells of every exposed component and road-graph link, and where water can stand on roads.
 * Unknown ground heights are drawn first, one uniform per site in site order (components, then
 * road-graph links) from `rng`, so the draws do not depend on what the water does.
 */
export function floodSpells(input: FloodOutageInput, flood: FloodLoads, rng: Rng): { components: FloodSpell[]; roadLinks: RoadLinkSpell[]; roadWater: RoadWaterPiece[] } {
  const { sites, crossings, roadLinks } = input.exposure;
  const dtH = flood.dtS / 3600;
  const draw = (area: number, groundM: number): number => {
    const u = rng.uniform();
    const h = input.hypsometry[area] as Hypsometry;
    return Number.isNaN(groundM) ? levelAtArea(h, u * (h.areaM2[h.areaM2.length - 1] as number)) : groundM;
  };
  const ground = sites.map((s) => draw(s.area, s.groundM));
  const roadGround = roadLinks.map((r) => draw(r.area, r.groundM));
  const spells: FloodSpell[] = [];
  sites.forEach((site, i) => {
    const rule = FLOOD_FAILURE_RULES[site.floodClass];
    const floor = (ground[i] as number) + site.protectionM;
    const stage = flood.areaStageM[site.area] as Float64Array;
    for (const spell of spellsAbove(stage, floor + rule.failureDepthM, dtH)) {
      spells.push({ component: site.component, fromH: spell.fromH, waterGoneH: spell.untilH, maxDepthM: spell.peak - floor, restoreH: restoreHours(rule, spell.peak - floor) });
    }
  });
  for (const crossing of crossings) {
    const q = flood.reachInflowM3s[crossing.reach] as Float64Array;
    for (const spell of spellsAbove(q, crossing.designM3s, dtH)) {
      spells.push({ component: crossing.component, fromH: spell.fromH, waterGoneH: spell.untilH, maxDepthM: 0, restoreH: BRIDGE_RULE.inspectionH });
    }
  }
  const closed = FLOOD_FAILURE_RULES.road.failureDepthM;
  const roadSpells = roadLinks.flatMap((r, i) => spellsAbove(flood.areaStageM[r.area] as Float64Array, (roadGround[i] as number) + closed, dtH).map((s) => ({ link: r.link, fromH: s.fromH, untilH: s.untilH })));
  const roadWater: RoadWaterPiece[] = [
    ...sites.flatMap((site, i) => (site.floodClass === 'road' ? [{ component: site.component, link: -1, area: site.area, floorM: (ground[i] as number) + site.protectionM }] : [])),
    ...roadLinks.map((r, i) => ({ component: -1, link: r.link, area: r.area, floorM: roadGround[i] as number })),
  ];
  return { components: spells, roadLinks: roadSpells, roadWater };
}

/** A sampled series (one sample every `dtH` hours from 0) at hour `tH`, linear between samples. */
export function sampleAt(series: Float64Array, dtH: number, tH: number): number {
  const x = Math.max(tH / dtH, 0);
  const k = Math.floor(x);
  if (k + 1 >= series.length) return series[series.length - 1] ?? 0;
  const a = series[k] as number;
  return a + ((series[k + 1] as number) - a) * (x - k);
}

/**
 * The stretches of a sampled series (one sample every `dtH` hours from 0) that lie above a level:
 * each from the (interpolated) hour it rises past the level until the hour it falls back to it
 * (Infinity if it has not by the last sample), with the highest value reached.
 */
export function spellsAbove(series: Float64Array, level: number, dtH: number): { fromH: number; untilH: number; peak: number }[] {
  const out: { fromH: number; untilH: number; peak: number }[] = [];
  let open: { fromH: number; peak: number } | undefined;
  const crossing = (k: number): number => {
    const a = series[k - 1] as number;
    const b = series[k] as number;
    return (k - 1 + (level - a) / (b - a)) * dtH;
  };
  for (let k = 0; k < series.length; k++) {
    const v = series[k] as number;
    if (v > level) {
      if (!open) open = { fromH: k === 0 ? 0 : crossing(k), peak: v };
      else if (v > open.peak) open.peak = v;
    } else if (open) {
      out.push({ fromH: open.fromH, untilH: crossing(k), peak: open.peak });
      open = undefined;
    }
  }
  if (open) out.push({ fromH: open.fromH, untilH: Infinity, peak: open.peak });
  return out;
}
