/**
 * Derives `outline.geojson` of the capital pack — the true outlines of Beijing, Tianjin and Hebei —
 * from Natural Earth's 1:10m admin-1 provinces as `../shared/data/boundaries/provinces-ne10m.geojson`
 * holds them (public domain; the source and its checks are in the pack's SOURCES.md). The run's
 * zone cells are tessellated within these outlines and the viewer draws them as the provincial and
 * municipal borders. Re-run after changing the source:
 *
 *   npm run build && node dist/scenarios/regions/capital/derive/derive-outline.js [sharedDataDir]
 *
 * Steps: keep the three units, give each the pack's id (the zones' `province`), its kind
 * (province or municipality directly under the central government) and its source; drop ring
 * points closer than 1e-4° (about 10 m, far below the 1:10m generalisation) to its predecessor;
 * check that every zone seat lies in its own unit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { area as turfArea, booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

const packDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../scenarios/regions/capital');
const sharedData = resolve(process.argv[2] ?? join(packDir, '../../../../shared/data'));

/** The source's NBS province prefix → the pack's unit. */
const UNITS: Record<string, { id: string; kind: 'province' | 'municipality' }> = {
  '11': { id: 'beijing', kind: 'municipality' },
  '12': { id: 'tianjin', kind: 'municipality' },
  '13': { id: 'hebei', kind: 'province' },
};
const SOURCE = 'Natural Earth 1:10m admin-1 (public domain)';
const MIN_STEP_DEG = 1e-4;

/** A ring without points closer than MIN_STEP_DEG to the last kept one; it stays closed. */
function thin(ring: Position[]): Position[] {
  const kept: Position[] = [];
  for (const p of ring) {
    const last = kept[kept.length - 1];
    if (!last || Math.hypot((p[0] ?? 0) - (last[0] ?? 0), (p[1] ?? 0) - (last[1] ?? 0)) >= MIN_STEP_DEG) kept.push(p);
  }
  const first = ring[0] as Position;
  const end = kept[kept.length - 1] as Position;
  if (end[0] !== first[0] || end[1] !== first[1]) kept.push(first);
  return kept;
}

type Source = FeatureCollection<Polygon | MultiPolygon, { province: string; name: string; nameZh: string }>;
const source = JSON.parse(readFileSync(join(sharedData, 'boundaries', 'provinces-ne10m.geojson'), 'utf8')) as Source;
const features = source.features.map((f): Feature<Polygon | MultiPolygon> => {
  const unit = UNITS[f.properties.province];
  if (!unit) throw new Error(`unexpected province ${f.properties.province} in the source`);
  const geometry: Polygon | MultiPolygon = f.geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: f.geometry.coordinates.map(thin) }
    : { type: 'MultiPolygon', coordinates: f.geometry.coordinates.map((poly) => poly.map(thin)) };
  return { type: 'Feature', properties: { id: unit.id, name: f.properties.name, nameZh: f.properties.nameZh, kind: unit.kind, source: SOURCE }, geometry };
}).sort((a, b) => String(a.properties?.['id']).localeCompare(String(b.properties?.['id'])));

const zones = JSON.parse(readFileSync(join(packDir, 'zones.geojson'), 'utf8')) as FeatureCollection<GeoJSON.Point, { id: string; province: string }>;
const outside = zones.features.filter((z) => {
  const unit = features.find((f) => f.properties?.['id'] === z.properties.province);
  return !unit || !booleanPointInPolygon(point(z.geometry.coordinates), unit);
});
const out: FeatureCollection = { type: 'FeatureCollection', features };
writeFileSync(join(packDir, 'outline.geojson'), `${JSON.stringify(out)}\n`);
for (const f of features) console.log(`${String(f.properties?.['id'])}: ${Math.round(turfArea(f) / 1e6).toLocaleString('en-US')} km²`);
console.log(`wrote outline.geojson; seats outside their own unit: ${outside.map((z) => z.properties.id).join(', ') || 'none'}`);
