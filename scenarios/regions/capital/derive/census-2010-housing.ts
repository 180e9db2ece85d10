/**
 * Table 9-1 of the 2010 census long-form volume for Beijing, "各地区按住房用途、建筑层数、承重类型分
 * 的家庭户户数" (10 % sample counts of family households), as the Beijing Municipal Bureau of
 * Statistics publishes it: https://nj.tjj.beijing.gov.cn/tjnj/rkpc-2010/e/html/B0901.htm
 *
 * Transcribed here are the rows that could be read in full (the stored copy of the page ends
 * inside the 通州区 row): the total, the 市辖区 (districts) row and the eight districts from 东城
 * to 房山. The page leaves zero cells blank; a blank is written here as 0, and every row is checked
 * to add up (uses + no housing = total; storeys and structures each sum to the households with
 * housing). What the data says of the other districts is derived, not transcribed:
 * - 密云县 and 延庆县 (the 县 of 2010) together = 总计 − 市辖区;
 * - 通州, 顺义, 昌平, 大兴, 怀柔, 平谷 together = 市辖区 − the eight district rows.
 */

/** One row: households by use, storeys and load-bearing structure. */
export interface HousingRow {
  total: number;
  living: number;
  mixedUse: number;
  noHousing: number;
  storeys: [number, number, number, number, number];
  /** 钢及钢筋混凝土, 混合, 砖木, 其他 */
  structure: { rc: number; mixed: number; brickWood: number; other: number };
}

const row = (values: number[]): HousingRow => {
  const [total, living, mixedUse, noHousing, s1, s2, s3, s4, s5, rc, mixed, brickWood, other] = values as [number, number, number, number, number, number, number, number, number, number, number, number, number];
  return { total, living, mixedUse, noHousing, storeys: [s1, s2, s3, s4, s5], structure: { rc, mixed, brickWood, other } };
};

/** Rows as published (blanks as 0), keyed by the 2010 unit. */
export const BEIJING_2010 = {
  total: row([656398, 645428, 9750, 1220, 231336, 38800, 212561, 22722, 149759, 235582, 252969, 162454, 4173]),
  districts: row([627656, 617278, 9313, 1065, 212026, 38187, 204481, 22602, 149295, 233124, 243615, 146490, 3362]),
  东城区: row([32908, 32655, 253, 0, 11269, 1395, 8582, 2123, 9539, 13751, 8041, 11084, 32]),
  西城区: row([42429, 41417, 530, 482, 10337, 1544, 13593, 2973, 13500, 16893, 14697, 10312, 45]),
  朝阳区: row([129126, 127537, 1218, 371, 30487, 6774, 35568, 4517, 51409, 66159, 45610, 16429, 557]),
  丰台区: row([76260, 75054, 1206, 0, 18349, 4306, 25866, 2576, 25163, 35901, 28584, 11237, 538]),
  石景山区: row([21370, 21096, 239, 35, 4108, 568, 9303, 475, 6881, 10111, 9100, 2048, 76]),
  海淀区: row([95498, 94545, 904, 49, 19676, 10147, 34627, 4639, 26360, 45755, 38443, 11040, 211]),
  门头沟区: row([10979, 10864, 108, 7, 6416, 442, 3361, 299, 454, 1921, 4202, 4408, 441]),
  房山区: row([30462, 29781, 677, 4, 17134, 1323, 10478, 409, 1114, 3281, 15216, 11607, 354]),
};

/** The zone ids (2020 codes) of the published district rows. */
export const DISTRICT_ZONES: Record<string, string> = {
  东城区: '110101', 西城区: '110102', 朝阳区: '110105', 丰台区: '110106', 石景山区: '110107', 海淀区: '110108', 门头沟区: '110109', 房山区: '110111',
};
/** Districts whose rows could not be read, and the two 2010 counties (now districts). */
export const REST_OF_DISTRICTS = ['110112', '110113', '110114', '110115', '110116', '110117'];
export const FORMER_COUNTIES = ['110118', '110119'];

/** Problems with a row: its parts must add up to its total. */
export function rowProblems(name: string, r: HousingRow): string[] {
  const housed = r.total - r.noHousing;
  const problems: string[] = [];
  if (r.living + r.mixedUse + r.noHousing !== r.total) problems.push(`${name}: uses ${r.living} + ${r.mixedUse} + ${r.noHousing} ≠ ${r.total}`);
  const storeys = r.storeys.reduce((s, x) => s + x, 0);
  if (storeys !== housed) problems.push(`${name}: storeys sum to ${storeys}, not ${housed}`);
  const s = r.structure;
  if (s.rc + s.mixed + s.brickWood + s.other !== housed) problems.push(`${name}: structures sum to ${s.rc + s.mixed + s.brickWood + s.other}, not ${housed}`);
  return problems;
}

/** A stock row; `singleStoreyHouseholds` is the row's 1-storey (平房) column, the single-family share of Hazus's displacement weights. */
export interface StockRow { zonesWithPrefix: string; households: { rc: number; mixed: number; 'brick-wood': number; other: number }; singleStoreyHouseholds: number; estimate?: string; source: string }

const SOURCE = 'https://nj.tjj.beijing.gov.cn/tjnj/rkpc-2010/e/html/B0901.htm';
const classes = (s: HousingRow['structure']) => ({ rc: s.rc, mixed: s.mixed, 'brick-wood': s.brickWood, other: s.other });
const minus = (a: HousingRow['structure'], ...bs: HousingRow['structure'][]) => ({
  rc: a.rc - bs.reduce((t, b) => t + b.rc, 0), mixed: a.mixed - bs.reduce((t, b) => t + b.mixed, 0),
  brickWood: a.brickWood - bs.reduce((t, b) => t + b.brickWood, 0), other: a.other - bs.reduce((t, b) => t + b.other, 0),
});

/** Beijing's stock rows for exposure.yaml: one per zone, from its own row or its group's. */
export function beijingStockRows(): StockRow[] {
  const of = (n: string) => BEIJING_2010[n as keyof typeof BEIJING_2010];
  const published = Object.entries(DISTRICT_ZONES).map(([name, zone]) => ({ zonesWithPrefix: zone, households: classes(of(name).structure), singleStoreyHouseholds: of(name).storeys[0], source: SOURCE }));
  const rest = minus(BEIJING_2010.districts.structure, ...Object.keys(DISTRICT_ZONES).map((n) => of(n).structure));
  const restSingle = BEIJING_2010.districts.storeys[0] - Object.keys(DISTRICT_ZONES).reduce((t, n) => t + of(n).storeys[0], 0);
  const counties = minus(BEIJING_2010.total.structure, BEIJING_2010.districts.structure);
  const countiesSingle = BEIJING_2010.total.storeys[0] - BEIJING_2010.districts.storeys[0];
  const group = (zones: string[], s: HousingRow['structure'], single: number, estimate: string) => zones.map((zone) => ({ zonesWithPrefix: zone, households: classes(s), singleStoreyHouseholds: single, estimate, source: SOURCE }));
  return [
    ...published,
    ...group(REST_OF_DISTRICTS, rest, restSingle, 'The six districts 通州, 顺义, 昌平, 大兴, 怀柔, 平谷 together (the 市辖区 row less the eight published district rows before them; their own rows lie past what could be read of the page): the group\'s 2010 mix of structures and storeys applied to each.'),
    ...group(FORMER_COUNTIES, counties, countiesSingle, 'The 2010 counties 密云 and 延庆 together (the total row less the 市辖区 row): the pair\'s 2010 mix of structures and storeys applied to each.'),
  ];
}
