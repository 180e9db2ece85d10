import type { Region } from '../../region/region.js';
import type { ScenarioFile } from '../../scenario/schema.js';
import { compileFloodInput, type FloodInput, type FloodZones } from './flood-stage.js';

/** The zone figures a flood needs: residents, areas, and each zone's index by id. */
export const floodZones = (region: Region): FloodZones => ({ population: region.zones.population, areaKm2: region.zones.areaKm2, index: new Map(region.zones.ids.map((id, z) => [id, z])) });

/** A scenario's river flood (rain, design floods, overrides) on its region, compiled for realizations; undefined when it has none. */
export function compileScenarioFlood(file: ScenarioFile, horizonH: number, region: Region): FloodInput | undefined {
  const rain = file.hazards.filter((h) => h.type === 'rainfall');
  const designFloods = file.hazards.filter((h) => h.type === 'designFlood');
  if (rain.length === 0 && designFloods.length === 0) return undefined;
  return compileFloodInput(rain, region.river, horizonH, floodZones(region), {
    designFloods, ...(file.river ? { overrides: file.river } : {}),
    ...(region.defaults.floodDisplacementDepthM ? { displacementDepthM: region.defaults.floodDisplacementDepthM } : {}),
  });
}
