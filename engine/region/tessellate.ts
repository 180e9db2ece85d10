import { bbox, bboxClip, booleanPointInPolygon, buffer, convex, featureCollection, intersect, point, pointToPolygonDistance, voronoi } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { ZoneTable } from './region.js';
import type { OutlineFile } from './schema.js';

export interface CellProperties {
  id: string;
  name: string;
  tessellation: string;
}

const HULL_LABEL = 'Voronoi cell of the zone seat, clipped to the seats\' hull buffered by {km} km: a drawing aid, not a boundary';
const OUTLINE_LABEL = 'Voronoi cell of the zone seat among the seats of {unit}, within its true outline ({source}): a drawing aid, not a county boundary';

/** The land the seats stand for: their convex hull buffered by `marginKm` (turf). */
export function seatLand(zones: ZoneTable, marginKm = 25): Feature<Polygon | MultiPolygon> {
  const seats = featureCollection(zones.ids.map((id, z) => point([zones.lon[z] as number, zones.lat[z] as number], { id })));
  const hull = zones.count >= 3 ? convex(seats) : null;
  const land = buffer(hull ?? seats.features[0] ?? point([0, 0]), marginKm, { units: 'kilometers' });
  if (!land) throw new Error('seatLand: cannot buffer the seats');
  return land;
}

type Seat = Feature<GeoJSON.Point, { id: string; name: string }>;

/** `land` cut to a box a little larger than `box` (Sutherland–Hodgman, turf's bboxClip), without the rings the cut empties; undefined when none is left. */
function landNear(land: Feature<Polygon | MultiPolygon>, box: number[]): Feature<Polygon> | Feature<MultiPolygon> | undefined {
  const [minX = 0, minY = 0, maxX = 0, maxY = 0] = box;
  const clipped = bboxClip(land, [minX - 0.01, minY - 0.01, maxX + 0.01, maxY + 0.01]).geometry as Polygon | MultiPolygon;
  const rings = (polygon: Position[][]): Position[][] => polygon.filter((ring) => ring.length >= 4);
  const polygons = (clipped.type === 'Polygon' ? [clipped.coordinates] : clipped.coordinates).map(rings).filter((p) => p.length > 0 && (p[0]?.length ?? 0) >= 4);
  return polygons.length === 0 ? undefined : { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: polygons } };
}

/** Voronoi cells of `seats` (turf), each clipped to `land`. */
function cellsWithin(seats: Seat[], land: Feature<Polygon | MultiPolygon>, tessellation: string): Feature<Polygon | MultiPolygon, CellProperties>[] {
  const [minX, minY, maxX, maxY] = bbox(land);
  const only = seats[0];
  // One seat owns the whole of its land (turf's Voronoi needs two sites).
  if (seats.length === 1 && only) return [{ ...land, properties: { id: only.properties.id, name: only.properties.name, tessellation } }];
  const cells = voronoi(featureCollection(seats), { bbox: [minX - 1, minY - 1, maxX + 1, maxY + 1] });
  return cells.features.flatMap((cell) => {
    // The land cut to the cell's box first: intersecting with a whole detailed province costs seconds.
    const near = landNear(land, bbox(cell));
    const clipped = near && intersect(featureCollection<Polygon | MultiPolygon>([cell, near]));
    const { id, name } = cell.properties as { id: string; name: string };
    return clipped ? [{ ...clipped, properties: { id, name, tessellation } }] : [];
  });
}

/**
 * Cells to draw zones that only have seats: the Voronoi cell of each seat (turf). With the pack's
 * `outline` (its provinces and municipalities), each unit is tessellated among its own seats and
 * clipped to its true outline, so the cells follow the real coast and provincial borders and
 * cover each unit without gaps; without one, the cells are clipped to the convex hull of all seats
 * buffered by `marginKm`. Each cell says what it is, so nobody mistakes it for a county boundary.
 */
export function tessellateSeats(zones: ZoneTable, outline?: OutlineFile, marginKm = 25): FeatureCollection<Polygon | MultiPolygon, CellProperties> {
  // Clipping to detailed outlines takes most of a second: a process keeps each region's cells (callers only read them).
  const cached = outline ? made.get(zones)?.get(outline) : undefined;
  if (cached) return cached;
  const cells = tessellate(zones, outline, marginKm);
  if (outline) made.set(zones, (made.get(zones) ?? new WeakMap()).set(outline, cells));
  return cells;
}

const made = new WeakMap<ZoneTable, WeakMap<OutlineFile, FeatureCollection<Polygon | MultiPolygon, CellProperties>>>();

function tessellate(zones: ZoneTable, outline: OutlineFile | undefined, marginKm: number): FeatureCollection<Polygon | MultiPolygon, CellProperties> {
  // d3-voronoi (inside turf) cannot take two sites at one place: a zone whose seat repeats an
  // earlier one gets no cell of its own.
  const seen = new Set<string>();
  const seats: Seat[] = zones.ids.flatMap((id, z) => {
    const at: [number, number] = [zones.lon[z] as number, zones.lat[z] as number];
    const key = at.join(',');
    if (seen.has(key)) return [];
    seen.add(key);
    return [point(at, { id, name: zones.names[z] as string })];
  });
  if (!outline || outline.features.length === 0) return featureCollection(cellsWithin(seats, seatLand(zones, marginKm), HULL_LABEL.replace('{km}', String(marginKm))));
  // Each seat belongs to the unit that contains it, or (a seat on a coast the outline generalises away) the nearest one.
  const units = outline.features;
  const groups = units.map((): Seat[] => []);
  for (const seat of seats) {
    let best = units.findIndex((u) => booleanPointInPolygon(seat, u));
    if (best < 0) {
      const distances = units.map((u) => pointToPolygonDistance(seat, u));
      best = distances.indexOf(Math.min(...distances));
    }
    groups[best]?.push(seat);
  }
  return featureCollection(units.flatMap((unit, u) => {
    const group = groups[u] ?? [];
    if (group.length === 0) return [];
    const label = OUTLINE_LABEL.replace('{unit}', unit.properties.name).replace('{source}', unit.properties.source ?? 'the pack\'s outline.geojson');
    return cellsWithin(group, unit, label);
  }));
}
