import type { Issue } from '../core/errors.js';
import { rainRecordFor } from '../core/limits.js';
import { HAZUS_CLASSES } from '../quake/fragility/hazus-equivalent-pga.js';
import { YU_2013_MS_RANGE } from '../quake/gmpe/yu-2013.js';
import type { Region } from '../region/region.js';
import type { Hazard, HazardType } from './schema.js';

/**
 * Which hazard types this engine version can run, and with which model. The scenario format
 * defines more hazard types than are implemented; a scenario naming one that is not listed here
 * is rejected at load time, never silently skipped. Each model checks what its validity needs.
 */
export interface HazardModel {
  type: HazardType;
  id: string;
  reference: string;
  /** Problems with this hazard for this region, beyond the schema (ranges of validity, reach). */
  check(hazard: Hazard, path: string, file: string, region: Region): Issue[];
}

/** How far outside the region's extent an epicentre may lie and still matter to it (km). */
const EPICENTRE_REACH_KM = 300;
const KM_PER_DEGREE = 111.2;

const earthquake: HazardModel = {
  type: 'earthquake',
  id: 'yu-2013',
  reference: 'Yu, Li & Xiao (2013), ground-motion and intensity attenuation relations for GB 18306-2015; site factors GB 18306-2015 Table E.1; spatial correlation Jayaram & Baker (2009)',
  check(hazard, path, file, region) {
    if (hazard.type !== 'earthquake') return [];
    const issues: Issue[] = [];
    const [lo, hi] = YU_2013_MS_RANGE;
    if (hazard.magnitude < lo || hazard.magnitude > hi) {
      issues.push({ file, path: `${path}.magnitude`, message: `Ms ${hazard.magnitude} is outside the range of ${hazard.gmpe ?? 'yu-2013-eastern'} (Ms ${lo}–${hi})` });
    }
    if (hazard.intensityModel === 'yu-2013-intensity-eastern' && (hazard.gmpe ?? 'yu-2013-eastern') !== 'yu-2013-eastern') {
      issues.push({ file, path: `${path}.intensityModel`, message: `yu-2013-intensity-eastern is the eastern strong-earthquake region's relation; with gmpe ${hazard.gmpe ?? ''} use intensityModel gb-t-17742-2020` });
    }
    const lon = region.zones.lon;
    const lat = region.zones.lat;
    let nearest = Infinity;
    for (let z = 0; z < region.zones.count; z++) {
      const dx = ((lon[z] as number) - hazard.epicenter[0]) * Math.cos(((lat[z] as number) * Math.PI) / 180);
      const dy = (lat[z] as number) - hazard.epicenter[1];
      nearest = Math.min(nearest, Math.hypot(dx, dy) * KM_PER_DEGREE);
    }
    if (nearest > EPICENTRE_REACH_KM) {
      issues.push({ file, path: `${path}.epicenter`, message: `lies ${Math.round(nearest)} km from the nearest zone of region '${region.id}' (more than ${EPICENTRE_REACH_KM} km): longitude and latitude swapped?` });
    }
    for (const c of region.exposure?.classes ?? []) {
      if (!HAZUS_CLASSES[c.fragility]) issues.push({ file: `${region.id}/exposure.yaml`, path: `structureClasses.${c.id}.fragility`, message: `unknown fragility class '${c.fragility}' (known: ${Object.keys(HAZUS_CLASSES).join(', ')})` });
    }
    return issues;
  },
};

const rainfall: HazardModel = {
  type: 'rainfall',
  id: 'scs-cn-muskingum-cunge',
  reference: 'SCS curve number and unit hydrograph (NEH-4, NEH-630), Muskingum–Cunge routing, level-pool reservoirs with an operating rule (Chow, Maidment & Mays 1988); design storms by Pearson III on the pack’s annual-maximum statistics (SL 44-2006)',
  check(hazard, path, file, region) {
    if (hazard.type !== 'rainfall') return [];
    const issues: Issue[] = [];
    if (region.river.subbasins.length === 0) issues.push({ file, path, message: `region '${region.id}' has no sub-basins in rivers.geojson yet, so rain cannot be routed` });
    // No storm total may pass the world record for its duration, scaled as the hazard scales it.
    const record = rainRecordFor(hazard.durationH);
    const scale = hazard.scale ?? 1;
    const totals: [string, number][] = hazard.uniformMm !== undefined ? [[`${path}.uniformMm`, hazard.uniformMm]] : Object.entries(hazard.totalsMm ?? {}).map(([id, mm]) => [`${path}.${hazard.transposedFrom ? 'transposedFrom.onto' : 'totalsMm'}.${id}`, mm]);
    for (const [at, mm] of totals) {
      if (record && mm * scale > record.mm) {
        issues.push({ file, path: scale !== 1 ? `${path}.scale` : at, message: `${scale !== 1 ? `${mm} mm × ${scale} = ${Number((mm * scale).toFixed(1))} mm` : `${mm} mm`} in ${hazard.durationH} h is more than the world record for ${record.durationH} h (${record.mm.toLocaleString('en-US')} mm, ${record.where})` });
        break;
      }
    }
    if (hazard.returnPeriodYears !== undefined) {
      const lacking = region.river.subbasins.filter((b) => !b.designRain?.some((d) => d.durationH === hazard.durationH)).map((b) => b.id);
      if (lacking.length > 0) issues.push({ file, path: `${path}.returnPeriodYears`, message: `design storms need annual-maximum rainfall statistics (designRain) for a ${hazard.durationH} h duration, which region '${region.id}' lacks on ${lacking.length} sub-basin(s) (${lacking.slice(0, 5).join(', ')}${lacking.length > 5 ? ', …' : ''}); give totalsMm or uniformMm` });
      if (hazard.returnPeriodYears <= 1) issues.push({ file, path: `${path}.returnPeriodYears`, message: 'must be more than 1 year' });
    }
    return issues;
  },
};

const outage: HazardModel = {
  type: 'outage',
  id: 'lifeline-cascade-maxmin',
  reference: 'interdependency cascade with backup hours; service by max–min fair maximum flow (Bertsekas & Gallager, Data Networks §6.5.2)',
  check(hazard, path, file, region) {
    if (hazard.type !== 'outage') return [];
    return region.lifelines.ids.length === 0 ? [{ file, path, message: `region '${region.id}' has no lifeline components in lifelines.geojson yet, so nothing can be cut` }] : [];
  },
};

const designFlood: HazardModel = {
  type: 'designFlood',
  id: 'river-network-inflow',
  reference: 'an inflow hydrograph routed through the river network (Muskingum–Cunge reaches, reservoirs, basins, levees) like runoff',
  check(hazard, path, file, region) {
    if (hazard.type !== 'designFlood') return [];
    const issues: Issue[] = [];
    if (!region.river.nodeIds.includes(hazard.node)) issues.push({ file, path: `${path}.node`, message: `unknown river node '${hazard.node}' in region '${region.id}'` });
    hazard.hydrographM3s?.forEach(([t], k) => {
      const before = hazard.hydrographM3s?.[k - 1];
      if (before && t <= before[0]) issues.push({ file, path: `${path}.hydrographM3s[${k}]`, message: `hours must increase (${t} after ${before[0]})` });
    });
    return issues;
  },
};

export const HAZARD_MODELS: ReadonlyMap<HazardType, HazardModel> = new Map<HazardType, HazardModel>([['earthquake', earthquake], ['rainfall', rainfall], ['outage', outage], ['designFlood', designFlood]]);
