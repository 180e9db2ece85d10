/**
 * Derives the flood compartments of the capital pack's leveed reaches: the land within
 * STRIP_KM of each reach's line on either side, split by county with the reference county
 * polygons of `../shared/data` (read, never copied: only the km² of each county inside the strip
 * are kept, and the strip is drawn from the pack's own reach line). Writes the compartments into
 * `rivers.geojson` (replacing earlier ones) and points each reach at its compartment.
 *
 *   npm run build && node dist/scenarios/regions/capital/derive/derive-compartments.js [sharedDataDir]
 *
 * Method and estimates are stated in each compartment's `estimate` and in SOURCES.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { area as turfArea, buffer, difference, featureCollection, intersect } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import { wgs84ToGcj02 } from './gcj02.js';

const packDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../scenarios/regions/capital');
const sharedData = resolve(process.argv[2] ?? join(packDir, '../../../../shared/data'));

/** Half-width of the strip a spill from the reach is taken to flood (km). */
const STRIP_KM = 5;
/** Relief of the strip's land above its lowest point (m); no DEM is available to the project. */
const RELIEF_M = 2;

/**
 * Leveed reaches with a design discharge: the compartment each floods, with its names. `outside`
 * names a detention basin drawn as a polygon whose land the strip leaves out (a site stands in one
 * flood area only); `note` is added to the compartment's `estimate`.
 */
const COMPARTMENTS: { reach: string; id: string; name: string; nameZh: string; outside?: string; note?: string }[] = [
  { reach: 'rch-yongding-fanqu-qujiadian', id: 'cmp-yongding-lower', name: 'Lowland beside the lower Yongding floodway (Wuqing, Beichen)', nameZh: '永定河泛区下段两岸低地' },
  { reach: 'rch-yongding-new-river', id: 'cmp-yongding-new-river', name: 'Lowland beside the Yongding New River', nameZh: '永定新河两岸低地' },
  { reach: 'rch-duliujian', id: 'cmp-duliujian', name: 'Lowland beside the Duliujian River', nameZh: '独流减河两岸低地' },
  { reach: 'rch-hutuo-plain', id: 'cmp-hutuo-plain', name: 'Hutuo River plain (Shijiazhuang to Xianxian)', nameZh: '滹沱河平原两岸' },
  { reach: 'rch-ziya-new-river', id: 'cmp-ziya-new-river', name: 'Lowland beside the Ziya New River', nameZh: '子牙新河两岸低地' },
  {
    reach: 'rch-dashi-manshuihe-matou', id: 'cmp-zhuozhou-plain', name: 'Zhuozhou–Fangshan plain beside the Dashi and North Juma rivers', nameZh: '大石河、北拒马河两岸平原（房山—涿州）', outside: 'dtb-xiaoqinghe',
    note: 'The land left out is the 小清河分洪区 (its own flood area). For scale, 2023 in 涿州: 受灾面积 225.38 km² and 133,913 people affected (1 Aug 10:00, 新华社), the worst west of the 107 national road beside the floodways, 码头\'s villages submerged, about 2 m deep at 西刘庄 (31 Jul 09:00, 财新); 8.6万 were moved from the 小清河分洪区 and 4.2万 from 兰沟洼 (Zhuozhou parts) — those are not on this land.',
  },
];

interface RiverFeature { type: 'Feature'; geometry: LineString | Polygon | { type: string; coordinates: unknown }; properties: Record<string, unknown> & { id: string; kind: string } }

const rivers = JSON.parse(readFileSync(join(packDir, 'rivers.geojson'), 'utf8')) as { type: string; features: RiverFeature[] };
const zones = JSON.parse(readFileSync(join(packDir, 'zones.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { id: string }>;
const zoneIds = new Set(zones.features.map((f) => f.properties.id));
const counties = (JSON.parse(readFileSync(join(sharedData, 'reference/jjj_counties_datav_merged.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { adcode: number }>).features;

const kept = rivers.features.filter((f) => f.properties.kind !== 'compartment');
const compartments: RiverFeature[] = [];
for (const c of COMPARTMENTS) {
  const reach = kept.find((f) => f.properties.id === c.reach);
  if (!reach || reach.geometry.type !== 'LineString') throw new Error(`reach ${c.reach} not found as a LineString`);
  const line = reach.geometry as LineString;
  const buffered = buffer({ type: 'Feature', geometry: line, properties: {} }, STRIP_KM, { units: 'kilometers', steps: 8 }) as Feature<Polygon>;
  const strip = c.outside === undefined ? buffered : leaveOut(buffered, c.outside);
  // The reference polygons are in GCJ-02; shift the strip into that frame rather than the polygons out of it.
  const stripGcj: Feature<Polygon> = { ...strip, geometry: { type: 'Polygon', coordinates: strip.geometry.coordinates.map((ring) => ring.map(([x, y]) => wgs84ToGcj02(x as number, y as number))) } };
  const parts: Record<string, number> = {};
  for (const county of counties) {
    const id = String(county.properties.adcode);
    if (!zoneIds.has(id)) continue;
    const inside = intersect(featureCollection([stripGcj, county]));
    if (!inside) continue;
    const km2 = Math.round(turfArea(inside) / 1e4) / 100;
    if (km2 >= 0.5) parts[id] = km2;
  }
  const land = Math.round(Object.values(parts).reduce((a, b) => a + b, 0) * 100) / 100;
  compartments.push({
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: strip.geometry.coordinates.map((ring) => ring.map(([x, y]) => [round5(x as number), round5(y as number)])) },
    properties: {
      kind: 'compartment', id: c.id, name: c.name, nameZh: c.nameZh, zone: largest(parts),
      estimate: `Land within ${STRIP_KM} km of the reach line (${c.reach}) on either side${c.outside === undefined ? '' : `, outside ${c.outside}`}, ${land} km², split by county with the reference county polygons (km² per county derived, geometry not copied). `
        + (c.note === undefined ? '' : `${c.note} `)
        + `stageArea: a tilted plane wholly flooded ${RELIEF_M} m above its lowest ground [EST]: the project has no DEM, so the depth distribution is a stated assumption; replace it with a DEM-derived stage–area relation where one is available.`,
      zones: parts,
      stageArea: [{ stageM: 0, areaKm2: 0 }, { stageM: RELIEF_M, areaKm2: land }],
    },
  });
  reach.properties['floodsCompartment'] = c.id;
}
const firstReach = kept.findIndex((f) => f.properties.kind === 'reach');
kept.splice(firstReach, 0, ...compartments);
writeFileSync(join(packDir, 'rivers.geojson'), `${JSON.stringify({ ...rivers, features: kept }, null, 1)}\n`);
console.log(compartments.map((c) => `${c.properties.id}: ${Object.keys(c.properties['zones'] as object).length} zones, ${(c.geometry as Polygon).coordinates[0]?.length ?? 0} vertices`).join('\n'));

/** The strip less a detention basin's drawn outline (the basin must be a Polygon in the pack, and the result one polygon). */
function leaveOut(strip: Feature<Polygon>, basinId: string): Feature<Polygon> {
  const basin = kept.find((f) => f.properties.id === basinId);
  if (!basin || basin.geometry.type !== 'Polygon') throw new Error(`detention basin ${basinId} not found as a Polygon`);
  const rest = difference(featureCollection([strip, { type: 'Feature', geometry: basin.geometry as Polygon, properties: {} }]));
  if (!rest || rest.geometry.type !== 'Polygon') throw new Error(`the strip less ${basinId} is not one polygon`);
  return rest as Feature<Polygon>;
}

function largest(parts: Record<string, number>): string {
  return Object.entries(parts).sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}
