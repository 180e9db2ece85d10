/**
 * Power cut to the homes on flooded land. Distribution equipment stands at grade (pad-mounted
 * transformers, switchgear rooms), and utilities de-energise a flooded area for safety before the
 * water reaches it (Castle Meads 2007, PSE&G 2012: research/flood-lifelines.md §5b), so residents
 * whose ground is under water are without power however the grid above them fares; the supply comes
 * back as for a substation, 2 days after the water has left their ground, 8 where it stood 1 m or
 * more (Beijing 23·7: Fangshan's distribution back in about 5 days, Zhuozhou's in about 10).
 * Residents are spread evenly over the land of their part of an area, as for flood exposure.
 */
import { areaAt, type Hypsometry } from '../flood/river/compartment.js';
import type { FloodLoads } from '../flood/river/flood-stage.js';
import { FLOOD_FAILURE_RULES } from './flood-rules.js';

/** The residents of each zone's part of a flood area, per m² of the area's land. */
export interface FloodHomes {
  parts: { area: number; zone: number; perM2: number }[];
  /** Residents of each zone. */
  population: Float64Array;
}

/**
 * Per zone and hour 0 … ⌈horizon⌉, the share of its residents whose homes are cut off:
 * `cut[zone * (hours + 1) + h]`. An area's land cut at hour h is the land under its highest level
 * of the last restoration period (2 days), or under that of the last deep period (8 days) less the
 * deep threshold (1 m): land the water has left is still without power until restored.
 */
export function powerCutOnFloodedLand(homes: FloodHomes, hypsometry: readonly Hypsometry[], flood: FloodLoads, horizonH: number): Float64Array {
  const hours = Math.ceil(horizonH);
  const cut = new Float64Array(homes.population.length * (hours + 1));
  const rule = FLOOD_FAILURE_RULES.substation;
  const perHour = Math.round(3600 / flood.dtS);
  const shallowH = rule.restoreH;
  const deep = rule.deep ?? { depthM: Infinity, restoreH: 0 };
  const cutM2 = flood.areaStageM.map((stage, a) => {
    // The highest level within each hour, then over the trailing restoration windows.
    const hourly = Float64Array.from({ length: hours + 1 }, (_, h) => {
      let top = 0;
      for (let k = Math.max(0, (h - 1) * perHour); k <= Math.min(h * perHour, stage.length - 1); k++) top = Math.max(top, stage[k] as number);
      return top;
    });
    const h2 = hypsometry[a] as Hypsometry;
    return Float64Array.from({ length: hours + 1 }, (_, h) => {
      let recent = 0;
      let older = 0;
      for (let j = Math.max(0, h - Math.max(shallowH, deep.restoreH)); j <= h; j++) {
        if (h - j <= shallowH) recent = Math.max(recent, hourly[j] as number);
        if (h - j <= deep.restoreH) older = Math.max(older, hourly[j] as number);
      }
      return Math.max(areaAt(h2, recent), areaAt(h2, older - deep.depthM));
    });
  });
  for (const part of homes.parts) {
    const land = cutM2[part.area] as Float64Array;
    const residents = homes.population[part.zone] as number;
    if (!(residents > 0)) continue;
    for (let h = 0; h <= hours; h++) {
      const at = part.zone * (hours + 1) + h;
      cut[at] = Math.min(1, (cut[at] as number) + (part.perM2 * (land[h] as number)) / residents);
    }
  }
  return cut;
}
