import { renderPeopleLayers } from '../people/layers.js';
import { tessellateSeats } from '../region/tessellate.js';
import type { Region } from '../region/region.js';
import type { Summary } from './summary.js';

/**
 * The run's files: `summary.json`, `zones.geojson` (zone results on the zone geometry), for
 * seat-only packs `zone-cells.geojson`, and with the people stage `shelters.geojson`,
 * `evacuation-roads.geojson` and `mutual-aid.geojson`.
 */
export function renderRunFiles(summary: Summary, region: Region): Record<string, string> {
  const zones = {
    type: 'FeatureCollection',
    name: `${summary.scenario}-zones`,
    features: summary.zones.map((zone, z) => ({ type: 'Feature', geometry: region.zones.geometry[z], properties: zone })),
  };
  const files: Record<string, string> = {
    'summary.json': `${JSON.stringify(summary, null, 2)}\n`,
    'zones.geojson': `${JSON.stringify(zones)}\n`,
  };
  Object.assign(files, renderPeopleLayers(summary, region));
  if (region.zoneGeometry === 'seat') files['zone-cells.geojson'] = `${JSON.stringify(tessellateSeats(region.zones, region.outline))}\n`;
  return files;
}
