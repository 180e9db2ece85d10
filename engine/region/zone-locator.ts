import { booleanPointInPolygon, point } from '@turf/turf';
import type { ZoneTable } from './region.js';
import { seatLand } from './tessellate.js';

/**
 * The zone a point lies in: inside a zone's boundary, or, for a pack of seats, the nearest seat
 * (its Voronoi cell, as the viewer draws it) on the seats' land; −1 outside the region.
 */
export function zoneLocator(zones: ZoneTable, mode: 'seat' | 'boundary'): (lon: number, lat: number) => number {
  if (mode === 'boundary') {
    return (lon, lat) => zones.geometry.findIndex((g) => g.type !== 'Point' && booleanPointInPolygon([lon, lat], g));
  }
  const land = seatLand(zones);
  return (lon, lat) => {
    if (!booleanPointInPolygon(point([lon, lat]), land)) return -1;
    // Nearest seat on a local equirectangular projection: exact enough for choosing among seats tens of km apart.
    const kx = Math.cos((lat * Math.PI) / 180);
    let best = -1;
    let bestD = Infinity;
    for (let z = 0; z < zones.count; z++) {
      const dx = ((zones.lon[z] as number) - lon) * kx;
      const dy = (zones.lat[z] as number) - lat;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = z;
      }
    }
    return best;
  };
}
