/**
 * Derives `zones.geojson` of the capital pack from reference material in `../shared/data`
 * (read, never copied): census population per county, and seat coordinates and areas computed from
 * reference county polygons (whose geometry is not redistributable, so only these derived facts
 * are kept). Circle membership comes from `region.yaml`. Re-run after changing either:
 *
 *   npm run build && node dist/scenarios/regions/capital/derive/derive-zones.js [sharedDataDir]
 *
 * Every step is documented in the pack's SOURCES.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { area as turfArea } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { pinyin } from 'pinyin-pro';
import { parse as parseYaml } from 'yaml';
import { gcj02ToWgs84 } from './gcj02.js';
import { DEVELOPMENT_ZONE_HOSTS, RENAMED_UNITS, REORGANISED_AREAS_KM2 } from './folding.js';

const packDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../scenarios/regions/capital');
const sharedData = resolve(process.argv[2] ?? join(packDir, '../../../../shared/data'));

interface CensusRow { code: string; nameZh: string; population: number; urbanShare: number }
interface ReferenceProps { adcode: number; name: string; center: [number, number] }

const PREFECTURES: Record<string, [string, string]> = {
  '1101': ['Beijing', '北京市'], '1201': ['Tianjin', '天津市'],
  '1301': ['Shijiazhuang', '石家庄市'], '1302': ['Tangshan', '唐山市'], '1303': ['Qinhuangdao', '秦皇岛市'],
  '1304': ['Handan', '邯郸市'], '1305': ['Xingtai', '邢台市'], '1306': ['Baoding', '保定市'],
  '1307': ['Zhangjiakou', '张家口市'], '1308': ['Chengde', '承德市'], '1309': ['Cangzhou', '沧州市'],
  '1310': ['Langfang', '廊坊市'], '1311': ['Hengshui', '衡水市'],
};
const PROVINCES: Record<string, string> = { '11': 'beijing', '12': 'tianjin', '13': 'hebei' };
// Readings that a dictionary gets wrong in place names (乐亭 is "Lào", 蔚县 "Yù", 都 "dū", 大城 "Dà").
const READINGS: Record<string, string> = { 乐亭: 'Laoting', 蔚: 'Yu', 襄都: 'Xiangdu', 信都: 'Xindu', 望都: 'Wangdu', 大城: 'Dacheng' };
const SUFFIXES: [string, string][] = [
  ['满族蒙古族自治县', 'Manchu and Mongol Autonomous County'], ['满族自治县', 'Manchu Autonomous County'],
  ['回族自治县', 'Hui Autonomous County'], ['矿区', 'Mining District'], ['新区', 'New Area'],
  ['区', 'District'], ['县', 'County'], ['市', 'City'],
];

function romanise(stem: string): string {
  const known = READINGS[stem];
  if (known) return known;
  const syllables = pinyin(stem, { toneType: 'none', type: 'array' });
  const joined = syllables.map((s, i) => (i > 0 && /^[aeo]/.test(s) ? `'${s}` : s)).join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

export function englishName(nameZh: string): string {
  const clean = nameZh.replace(/[.。]$/, '');
  for (const [suffix, english] of SUFFIXES) {
    if (clean.endsWith(suffix) && clean.length > suffix.length) return `${romanise(clean.slice(0, -suffix.length))} ${english}`;
  }
  return romanise(clean);
}

function readCensus(): CensusRow[] {
  const text = readFileSync(join(sharedData, 'population/jjj_population_2020_census.csv'), 'utf8').replace(/^\uFEFF/, '');
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const cols = (header ?? '').split(',');
  const at = (name: string): number => cols.indexOf(name);
  return lines.map((line) => {
    const cells = line.split(',');
    return {
      code: cells[at('CODE')] ?? '',
      nameZh: (cells[at('NAME')] ?? '').replace(/[.。]$/, ''),
      population: Number(cells[at('POPU')]),
      urbanShare: Number(cells[at('POPU_URB')]),
    };
  });
}

function readReference(): Map<string, Feature<Polygon | MultiPolygon, ReferenceProps>> {
  const fc = JSON.parse(readFileSync(join(sharedData, 'reference/jjj_counties_datav_merged.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, ReferenceProps>;
  return new Map(fc.features.map((f) => [String(f.properties.adcode), f]));
}

function readCircleMembership(): Map<string, string[]> {
  const region = parseYaml(readFileSync(join(packDir, 'region.yaml'), 'utf8')) as { circles: { id: string; members: string[]; partialMembers?: string[] }[] };
  const byZone = new Map<string, string[]>();
  for (const circle of region.circles) {
    for (const zone of [...circle.members, ...(circle.partialMembers ?? [])]) byZone.set(zone, [...(byZone.get(zone) ?? []), circle.id]);
  }
  return byZone;
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** Where the zones' figures come from (the file's `source`; SOURCES.md has the details). */
const ZONES_SOURCE = 'https://github.com/thebamboogrove/tudigong ; https://github.com/lyhmyd1211/GeoMapData_CN';

function main(): void {
  const census = readCensus();
  const reference = readReference();
  const circles = readCircleMembership();
  const counties = census.filter((r) => !DEVELOPMENT_ZONE_HOSTS[r.code]);
  const folded = new Map<string, CensusRow[]>();
  for (const row of census) {
    const host = DEVELOPMENT_ZONE_HOSTS[row.code];
    if (!host) continue;
    if (!counties.some((c) => c.code === host.host)) throw new Error(`development zone ${row.code} folds into unknown county ${host.host}`);
    folded.set(host.host, [...(folded.get(host.host) ?? []), row]);
  }

  const features = counties.map((row) => {
    const refCode = RENAMED_UNITS[row.code]?.referenceCode ?? row.code;
    const ref = reference.get(refCode);
    if (!ref) throw new Error(`no reference polygon for ${row.code} ${row.nameZh}`);
    const [lon, lat] = gcj02ToWgs84(ref.properties.center[0], ref.properties.center[1]);
    const reorganisedArea = REORGANISED_AREAS_KM2[row.code];
    const areaKm2 = reorganisedArea ? reorganisedArea.areaKm2 : round(turfArea(ref) / 1e6, 1);
    const extra = folded.get(row.code) ?? [];
    const prefecture = PREFECTURES[row.code.slice(0, 4)];
    if (!prefecture) throw new Error(`unknown prefecture for ${row.code}`);
    const estimates = [RENAMED_UNITS[row.code]?.note, reorganisedArea?.note].filter((n): n is string => Boolean(n));
    return {
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [round(lon, 5), round(lat, 5)] },
      properties: {
        id: row.code,
        name: englishName(row.nameZh),
        nameZh: row.nameZh,
        province: PROVINCES[row.code.slice(0, 2)] ?? '',
        prefecture: prefecture[0],
        prefectureZh: prefecture[1],
        population: row.population + extra.reduce((s, r) => s + r.population, 0),
        censusPopulation: row.population,
        areaKm2,
        urbanShare: row.urbanShare,
        circles: circles.get(row.code) ?? [],
        ...(extra.length > 0 ? { foldedUnits: extra.map((r) => ({ id: r.code, nameZh: r.nameZh, population: r.population, basis: DEVELOPMENT_ZONE_HOSTS[r.code]?.basis ?? '' })) } : {}),
        ...(estimates.length > 0 ? { estimate: estimates.join(' ') } : {}),
        // The reorganised districts' areas are as published in one place and contradicted in another (SOURCES.md).
        ...(reorganisedArea ? { estimated: ['areaKm2'] } : {}),
      },
    };
  });

  const totals: Record<string, number> = {};
  for (const f of features) totals[f.properties.province] = (totals[f.properties.province] ?? 0) + f.properties.population;
  const out = {
    type: 'FeatureCollection',
    name: 'capital-zones',
    note: 'County-level units of Beijing, Tianjin and Hebei; geometry is the seat (WGS-84). See SOURCES.md.',
    // Populations: the census county tabulation (via the compilation); seats and areas: the DataV county polygons.
    source: ZONES_SOURCE,
    features,
  };
  // One feature per line: readable diffs when a figure changes.
  const body = features.map((f) => JSON.stringify(f)).join(',\n');
  writeFileSync(join(packDir, 'zones.geojson'), `{"type":"FeatureCollection","name":${JSON.stringify(out.name)},"note":${JSON.stringify(out.note)},"source":${JSON.stringify(out.source)},"features":[\n${body}\n]}\n`);
  console.log(`${features.length} zones written; totals ${JSON.stringify(totals)}`);
}

main();
