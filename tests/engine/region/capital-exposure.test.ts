import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUNDLED_REGIONS_DIR } from '../../../engine/core/paths.js';
import { loadRegion } from '../../../engine/region/load-region.js';
import { BEIJING_2010, beijingStockRows, rowProblems } from '../../../scenarios/regions/capital/derive/census-2010-housing.js';

const dir = join(BUNDLED_REGIONS_DIR, 'capital');

describe('capital pack: Beijing\'s building stock by district (2010 census table 9-1, issue 22)', () => {
  it('transcribes rows that add up: uses, storeys and structures each give the row\'s total', () => {
    expect(Object.entries(BEIJING_2010).flatMap(([name, r]) => rowProblems(name, r))).toEqual([]);
  });

  it('gives one row per district whose households sum, with the derived groups, to the published total', () => {
    const rows = beijingStockRows();
    expect(rows.map((r) => r.zonesWithPrefix).sort()).toEqual(['110101', '110102', '110105', '110106', '110107', '110108', '110109', '110111', '110112', '110113', '110114', '110115', '110116', '110117', '110118', '110119']);
    // Each group counted once: the eight districts, the six-district group, the two former counties.
    const once = [...new Map(rows.map((r) => [JSON.stringify(r.households), r.households])).values()];
    const rc = once.reduce((s, h) => s + h.rc, 0);
    expect(rc).toBe(BEIJING_2010.total.structure.rc);
    expect(once.reduce((s, h) => s + h['brick-wood'], 0)).toBe(BEIJING_2010.total.structure.brickWood);
    // The single-storey (平房) column, split the same way, sums to the total row's 231,336.
    const singles = [...new Map(rows.map((r) => [JSON.stringify(r.households), r.singleStoreyHouseholds])).values()];
    expect(singles.reduce((s, x) => s + x, 0)).toBe(231336);
  });

  it('holds in exposure.yaml what the derivation writes (npm run derive:exposure)', () => {
    const file = parse(readFileSync(join(dir, 'exposure.yaml'), 'utf8')) as { stock: { zonesWithPrefix: string }[] };
    expect(file.stock.filter((s) => s.zonesWithPrefix.startsWith('11'))).toEqual(beijingStockRows());
  });

  it('gives Fangshan its own mix (10.8 % reinforced concrete), not Beijing\'s 36 %', async () => {
    const region = await loadRegion(dir);
    const exposure = region.exposure;
    if (!exposure) throw new Error('the capital pack has an exposure.yaml');
    const classes = exposure.classes.length;
    const rcShare = (zone: string) => exposure.shares[region.zones.ids.indexOf(zone) * classes + exposure.classes.findIndex((c) => c.id === 'rc')] as number;
    expect(rcShare('110111')).toBeCloseTo(3281 / 30458, 6);
    expect(rcShare('110105')).toBeCloseTo(66159 / 128755, 6);
  });
});
