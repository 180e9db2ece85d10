import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUNDLED_REGIONS_DIR, PACKAGE_ROOT } from '../../../engine/core/paths.js';
import { loadRegion } from '../../../engine/region/load-region.js';
import type { Region } from '../../../engine/region/region.js';

// The official 7th-census (2020) resident totals, NBS communiqués for each province.
const CENSUS_2020 = { '11': 21_893_095, '12': 13_866_009, '13': 74_610_235 };

let region: Region;
beforeAll(async () => { region = await loadRegion(join(BUNDLED_REGIONS_DIR, 'capital')); });

const circle = (id: string) => {
  const c = region.circles.find((x) => x.id === id);
  if (!c) throw new Error(`no circle ${id}`);
  return c;
};
const idsOf = (members: Int32Array): string[] => Array.from(members, (z) => region.zones.ids[z] as string);

describe('capital pack: zones', () => {
  it('has every county-level unit of Beijing (16), Tianjin (16) and Hebei (167), by statistical code', () => {
    const byProvince = { '11': 0, '12': 0, '13': 0 } as Record<string, number>;
    for (const id of region.zones.ids) {
      expect(id).toMatch(/^1[123]\d{4}$/);
      byProvince[id.slice(0, 2)] = (byProvince[id.slice(0, 2)] ?? 0) + 1;
    }
    expect(byProvince).toEqual({ '11': 16, '12': 16, '13': 167 });
  });

  it('sums to the census totals of each province exactly', () => {
    for (const [prefix, total] of Object.entries(CENSUS_2020)) {
      let sum = 0;
      region.zones.ids.forEach((id, z) => { if (id.startsWith(prefix)) sum += region.zones.population[z] as number; });
      expect(sum, prefix).toBe(total);
    }
  });

  it('folds no development zone twice and none into a zone of another prefecture', () => {
    const folded = region.zones.properties.flatMap((p) => (p.foldedUnits ?? []).map((u) => ({ unit: u.id, host: p.id })));
    expect(new Set(folded.map((f) => f.unit)).size).toBe(folded.length);
    expect(folded.length).toBe(23);
    for (const { unit, host } of folded) expect(unit.slice(0, 4), `${unit} → ${host}`).toBe(host.slice(0, 4));
  });

  it('matches the census table in ../shared/data where it is present', () => {
    const csv = join(PACKAGE_ROOT, '../shared/data/population/jjj_population_2020_census.csv');
    if (!existsSync(csv)) return; // reference data sits beside the repository on developer and CI machines only
    const census = new Map(readFileSync(csv, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((l) => {
      const [code, , pop] = l.split(',');
      return [code as string, Number(pop)];
    }));
    region.zones.properties.forEach((p) => {
      const own = census.get(p.id);
      expect(own, p.id).toBe(p.censusPopulation);
      const folded = (p.foldedUnits ?? []).reduce((s, u) => s + (census.get(u.id) ?? Number.NaN), 0);
      expect(p.population, p.id).toBe((own ?? 0) + folded);
    });
  });

  it('places seats where the districts are (spot checks against well-known locations)', () => {
    const at = (id: string): [number, number] => {
      const z = region.zones.ids.indexOf(id);
      return [region.zones.lon[z] as number, region.zones.lat[z] as number];
    };
    // Dongcheng's government near Tiananmen (116.40, 39.91); Binhai's in Tanggu (117.7, 39.0); Xiong county (116.1, 39.0).
    const near = (a: [number, number], b: [number, number], tolDeg: number) => Math.hypot(a[0] - b[0], a[1] - b[1]) < tolDeg;
    expect(near(at('110101'), [116.40, 39.91], 0.05)).toBe(true);
    expect(near(at('120116'), [117.7, 39.0], 0.15)).toBe(true);
    expect(near(at('130638'), [116.1, 39.0], 0.15)).toBe(true);
  });

  it('has areas close to the published provincial land areas', () => {
    // Beijing 16,410 km², Tianjin 11,966 km², Hebei 188,800 km² (statistical yearbooks); ours come from simplified polygons.
    const published = { '11': 16_410, '12': 11_966, '13': 188_800 } as Record<string, number>;
    for (const [prefix, km2] of Object.entries(published)) {
      let sum = 0;
      region.zones.ids.forEach((id, z) => { if (id.startsWith(prefix)) sum += region.zones.areaKm2[z] as number; });
      expect(Math.abs(sum - km2) / km2, prefix).toBeLessThan(0.02);
    }
  });
});

describe('capital pack: circles', () => {
  it('nests the circles from the core outwards', () => {
    const rings = region.circles.map((c) => [c.id, c.ring]);
    expect(rings).toEqual([['core', 0], ['central-city', 1], ['sub-centre', 2], ['plain-new-towns', 2], ['ecological', 2], ['commuting', 3], ['functional', 4], ['industrial', 5], ['rest', 6]]);
    const contains = (outer: string, inner: string) => idsOf(circle(inner).members).every((z) => idsOf(circle(outer).members).includes(z));
    expect(contains('central-city', 'core')).toBe(true);
    expect(contains('commuting', 'central-city')).toBe(true);
    expect(contains('functional', 'commuting')).toBe(true);
    expect(contains('industrial', 'functional')).toBe(true);
  });

  it('puts all of Beijing and 12 surrounding units in the commuting circle', () => {
    const members = idsOf(circle('commuting').members);
    expect(members.filter((z) => z.startsWith('11'))).toHaveLength(16);
    expect(members.filter((z) => !z.startsWith('11'))).toHaveLength(12);
  });

  it('gives the commuting and functional circles about the areas the plan states (27,000 and 42,000 km²)', () => {
    for (const id of ['commuting', 'functional']) {
      const c = circle(id);
      const area = Array.from(c.members).reduce((s, z) => s + (region.zones.areaKm2[z] as number), 0);
      expect(Math.abs(area - (c.planAreaKm2 ?? 0)) / (c.planAreaKm2 ?? 1), id).toBeLessThan(0.05);
    }
  });

  it('assigns every zone to its innermost circle', () => {
    const band = (id: string) => region.circles[region.zones.band[region.zones.ids.indexOf(id)] as number]?.id;
    expect(band('110101')).toBe('core');
    expect(band('110105')).toBe('central-city');
    expect(band('110112')).toBe('sub-centre');
    expect(band('120114')).toBe('commuting');
    expect(band('130629')).toBe('functional');
    expect(band('130402')).toBe('industrial');
    expect(Array.from(region.zones.band).every((b) => b >= 0)).toBe(true);
  });

  it('names the wings, twin cities and cross-border areas of the plan as groups', () => {
    const group = (id: string) => region.groups.find((g) => g.id === id);
    expect(idsOf(group('wing-xiongan')?.members ?? new Int32Array())).toEqual(['130629', '130632', '130638']);
    expect(region.groups.filter((g) => g.kind === 'cross-border')).toHaveLength(7);
    expect(region.groups.filter((g) => g.kind === 'twin-city').map((g) => g.id)).toEqual(['twin-beijing', 'twin-tianjin-central', 'twin-tianjin-binhai']);
  });
});

describe('capital pack: lifelines', () => {
  const props = () => region.layers.lifelines.features.map((f) => f.properties);

  it('models the 1000 kV Xiong\'an (Beijing West) station as the sources describe it: one station in Dingxing (issue 22)', () => {
    // 2024 reports of the expansion: 雄安（北京西）1000千伏变电站 in 定兴 (130626), 600 → 1,200万kVA.
    const uhv = props().filter((p) => p.kind === 'node' && /1000 kV/.test(p.name) && /Xiong'an|Beijing West/.test(p.name));
    expect(uhv.map((p) => [p.id, p.zone])).toEqual([['power-uhv-xiongan', '130626']]);
    expect(props().some((p) => p.id === 'power-uhv-beijing-west')).toBe(false);
    const links = props().filter((p) => p.kind === 'link' && (p.from === 'power-uhv-xiongan' || p.to === 'power-uhv-xiongan'));
    // Both 1000 kV lines end there (Mengxi–Tianjin South passes through; Zhangbei–Xiong'an ends), and no line joins it to a second UHV station of its own.
    expect(links.filter((p) => p.kind === 'link' && p.to === 'power-uhv-xiongan').map((p) => p.id).sort()).toEqual(['power-mengxi-tianjin-uhv-west', 'power-zhangbei-xiongan-uhv']);
    expect(links.some((p) => p.id === 'power-uhv-west-xiongan')).toBe(false);
  });
});

describe('capital pack: where the circle lists come from (issue 22)', () => {
  it('cites the commuting and functional circles and marks as inferred exactly the members no source names', () => {
    const file = parse(readFileSync(join(BUNDLED_REGIONS_DIR, 'capital', 'region.yaml'), 'utf8')) as { circles: { id: string; members: string[]; basis?: { source: string; inferred?: string[]; method?: string } }[] };
    const byId = (id: string) => file.circles.find((c) => c.id === id);
    const beijing = (z: string) => z.startsWith('11');
    const xiongan = ['130629', '130632', '130638'];
    // Sources name all of Beijing (commuting) and Beijing, Tianjin and Xiong'an (functional); the rest are inferred.
    expect(byId('commuting')?.basis?.inferred?.slice().sort()).toEqual(byId('commuting')?.members.filter((z) => !beijing(z)).sort());
    expect(byId('functional')?.basis?.inferred?.slice().sort()).toEqual(byId('functional')?.members.filter((z) => !beijing(z) && !z.startsWith('12') && !xiongan.includes(z)).sort());
    for (const id of ['commuting', 'functional']) expect(byId(id)?.basis?.method, id).toMatch(/27,000|42,000/);
    expect(byId('industrial')?.basis?.inferred).toBeUndefined();
  });
});
