import { distance } from '@turf/turf';
import type { Position } from 'geojson';

/** Kilometres of a line in each zone it crosses (zone indices ascending). */
export interface ZoneLengths {
  zones: number[];
  km: number[];
}

/**
 * Splits a line into pieces of at most `stepKm` (great-circle lengths, turf) and books each
 * piece's length to the zone holding its midpoint; pieces outside the region are left out.
 */
export function zoneLengths(line: Position[], locate: (lon: number, lat: number) => number, stepKm = 1): ZoneLengths {
  const byZone = new Map<number, number>();
  for (let i = 1; i < line.length; i++) {
    const [x0, y0] = line[i - 1] as [number, number];
    const [x1, y1] = line[i] as [number, number];
    const km = distance([x0, y0], [x1, y1], { units: 'kilometers' });
    const pieces = Math.max(1, Math.ceil(km / stepKm));
    for (let k = 0; k < pieces; k++) {
      const f = (k + 0.5) / pieces;
      const z = locate(x0 + f * (x1 - x0), y0 + f * (y1 - y0));
      if (z >= 0) byZone.set(z, (byZone.get(z) ?? 0) + km / pieces);
    }
  }
  const ordered = [...byZone].sort((a, b) => a[0] - b[0]);
  return { zones: ordered.map(([z]) => z), km: ordered.map(([, km]) => km) };
}
