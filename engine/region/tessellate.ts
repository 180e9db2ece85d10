import { bbox, buffer, convex, featureCollection, intersect, point, voronoi } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { ZoneTable } from './region.js';

export interface CellProperties {
  id: string;
  name: string;
  tessellation: string;
}

const LABEL = 'Voronoi cell of the zone seat, clipped to the seats\' hull buffered by {km} km: a drawing aid, not a boundary';

/** The land the seats stand for: their convex hull buffered by `marginKm` (turf). */
export function seatLand(zones: ZoneTable, marginKm = 25): Feature<Polygon | MultiPolygon> {
  const seats = featureCollection(zones.ids.map((id, z) => point([zones.lon[z] as number, zones.lat[z] as number], { id })));
  const hull = zones.count >= 3 ? convex(seats) : null;
  const land = buffer(hull ?? seats.features[0] ?? point([0, 0]), marginKm, { units: 'kilometers' });
  if (!land) throw new Error('seatLand: cannot buffer the seats');
  return land;
}

/**
 * Cells to draw zones that only have seats: the Voronoi cell of each seat (turf), clipped to the
 * convex hull of all seats buffered by `marginKm`. Each cell says what it is, so nobody mistakes
 * it for an administrative boundary.
 */
export function tessellateSeats(zones: ZoneTable, marginKm = 25): FeatureCollection<Polygon | MultiPolygon, CellProperties> {
  // d3-voronoi (inside turf) cannot take two sites at one place: a zone whose seat repeats an
  // earlier one gets no cell of its own.
  const seen = new Set<string>();
  const seats = featureCollection(zones.ids.flatMap((id, z) => {
    const at: [number, number] = [zones.lon[z] as number, zones.lat[z] as number];
    const key = at.join(',');
    if (seen.has(key)) return [];
    seen.add(key);
    return [point(at, { id, name: zones.names[z] as string })];
  }));
  const land = seatLand(zones, marginKm);
  const [minX, minY, maxX, maxY] = bbox(land);
  const cells = voronoi(seats, { bbox: [minX - 1, minY - 1, maxX + 1, maxY + 1] });
  const tessellation = LABEL.replace('{km}', String(marginKm));
  const features: Feature<Polygon | MultiPolygon, CellProperties>[] = [];
  for (const cell of cells.features) {
    const clipped = intersect(featureCollection([cell, land]));
    const { id, name } = cell.properties as { id: string; name: string };
    if (clipped) features.push({ ...clipped, properties: { id, name, tessellation } });
  }
  return featureCollection(features);
}
