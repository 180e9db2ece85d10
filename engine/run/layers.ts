import { tessellateSeats } from '../region/tessellate.js';
import type { Region } from '../region/region.js';
import type { Summary } from './summary.js';

/** The run's files: `summary.json`, `zones.geojson` (zone results on the zone geometry) and, for seat-only packs, `zone-cells.geojson`. */
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
  if (region.zoneGeometry === 'seat') files['zone-cells.geojson'] = `${JSON.stringify(tessellateSeats(region.zones))}\n`;
  return files;
}
