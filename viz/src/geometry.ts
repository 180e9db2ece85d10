/** Pure geometry for the map layers (no deck.gl here, so tests run it in Node). */
import type { Layer, LayerFeature } from './api.js';

export function centroid(f: LayerFeature): [number, number] {
  const g = f.geometry;
  if (g.type === 'Point') return g.coordinates as [number, number];
  const ring = g.type === 'Polygon' ? g.coordinates[0] : g.type === 'MultiPolygon' ? g.coordinates[0]?.[0] : undefined;
  if (!ring || ring.length === 0) return [0, 0];
  let x = 0;
  let y = 0;
  for (const p of ring) { x += p[0] ?? 0; y += p[1] ?? 0; }
  return [x / ring.length, y / ring.length];
}

/**
 * Outlines of the circles' bands: the cell edges whose two sides lie in different bands (or at
 * the outside), so nested circles show as contours over the zone cells.
 */
export function bandEdges(cells: Layer, bandOf: (id: string) => string | null): { path: [number, number][]; circle: string }[] {
  const key = (p: number[]): string => `${(p[0] ?? 0).toFixed(5)},${(p[1] ?? 0).toFixed(5)}`;
  const edges = new Map<string, { a: number[]; b: number[]; bands: (string | null)[] }>();
  for (const f of cells.features) {
    const band = bandOf(String(f.properties['id']));
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [];
    for (const polygon of polygons) {
      for (const ring of polygon) {
        for (let i = 1; i < ring.length; i++) {
          const a = ring[i - 1] as number[];
          const b = ring[i] as number[];
          const k = [key(a), key(b)].sort().join('|');
          const edge = edges.get(k);
          if (edge) edge.bands.push(band);
          else edges.set(k, { a, b, bands: [band] });
        }
      }
    }
  }
  return [...edges.values()].filter((e) => e.bands.length === 1 || e.bands[0] !== e.bands[1]).map((e) => ({ path: [e.a as [number, number], e.b as [number, number]], circle: String(e.bands[0]) }));
}
