import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, RenxingError } from '../../../engine/core/errors.js';
import { loadRegion, resolveRegionDir } from '../../../engine/region/load-region.js';
import { miniPack, withTempDir, writePack, type PackFiles } from '../../fixtures/mini-pack.js';

type Mutate = (files: PackFiles) => void;
// Loose views of the fixture, so a test can break one field at a time.
interface LooseZone { geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> & { id: string; population: number; circles: string[]; seat?: number[]; popul?: number } }
interface LooseCircle { id: string; ring: unknown; within?: string[]; members: string[] }
const zoneAt = (files: PackFiles, i: number): LooseZone => (files['zones.geojson'] as unknown as { features: LooseZone[] }).features[i] as LooseZone;
const circleAt = (files: PackFiles, i: number): LooseCircle => (files['region.yaml'] as unknown as { circles: LooseCircle[] }).circles[i] as LooseCircle;

async function problems(mutate: Mutate, raw: Record<string, string> = {}): Promise<string[]> {
  return withTempDir(async (dir) => {
    const files = miniPack();
    mutate(files);
    const packDir = await writePack(dir, { ...files, ...raw });
    try {
      await loadRegion(packDir);
    } catch (error) {
      if (error instanceof RenxingError) return error.issues.map(formatIssue);
      throw error;
    }
    return [];
  });
}

describe('loadRegion on a valid pack', () => {
  it('loads zones as arrays, circles and groups as index sets, and bands', async () => {
    await withTempDir(async (dir) => {
      const region = await loadRegion(await writePack(dir, miniPack()));
      expect(region.zones.ids).toEqual(['a', 'b', 'c', 'd']);
      expect(Array.from(region.zones.population)).toEqual([1000, 2000, 3000, 4000]);
      expect(Array.from(region.circles[1]?.members ?? [])).toEqual([0, 1, 2]);
      expect(Array.from(region.zones.band)).toEqual([0, 1, 1, 2]);
      expect(Array.from(region.groups[0]?.members ?? [])).toEqual([1, 2]);
    });
  });

  it('accepts real Polygon and MultiPolygon boundaries with a seat', async () => {
    const square = (x: number, y: number) => [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]];
    await withTempDir(async (dir) => {
      const files = miniPack();
      zoneAt(files, 0).geometry = { type: 'Polygon', coordinates: square(116, 40) };
      zoneAt(files, 1).geometry = { type: 'MultiPolygon', coordinates: [square(116.5, 40), square(116.7, 40)] };
      zoneAt(files, 1).properties.seat = [116.55, 40.05];
      const region = await loadRegion(await writePack(dir, files));
      expect(region.zones.lon[0]).toBeCloseTo(116.05, 10);
      expect(region.zones.lat[0]).toBeCloseTo(40.05, 10);
      expect(region.zones.lon[1]).toBe(116.55);
    });
  });
});

describe('loadRegion reports every problem as <file>: <path>: <message>', () => {
  it('duplicate zone ids', async () => {
    expect(await problems((f) => { zoneAt(f, 2).properties.id = 'a'; })).toContain("mini/zones.geojson: features[2].properties.id: duplicate zone id 'a' (first at features[0])");
  });

  it('unknown zones in circles and groups', async () => {
    const found = await problems((f) => {
      circleAt(f, 1).members.push('zz');
      (f['region.yaml'] as { groups: { members: string[] }[] }).groups[0]?.members.push('yy');
    });
    expect(found).toContain("mini/region.yaml: circles[1].members[3]: unknown zone 'zz' (not in zones.geojson)");
    expect(found).toContain("mini/region.yaml: groups[0].members[2]: unknown zone 'yy' (not in zones.geojson)");
  });

  it('circles that break their nesting, or name an unknown outer circle', async () => {
    expect(await problems((f) => { circleAt(f, 0).members.push('d'); circleAt(f, 2).members = []; zoneAt(f, 3).properties.circles = ['inner']; }))
      .toContain("mini/region.yaml: circles[0].members: zone(s) d are not in circle 'outer', which this circle lies within");
    expect(await problems((f) => { circleAt(f, 0).within = ['nowhere']; })).toContain("mini/region.yaml: circles[0].within[0]: unknown circle 'nowhere'");
  });

  it('a remainder circle that does not hold exactly the uncovered zones', async () => {
    expect(await problems((f) => { circleAt(f, 2).members = []; zoneAt(f, 3).properties.circles = []; }))
      .toContain('mini/region.yaml: circles[2].members: a remainder circle must list exactly the zones in no other circle: [d]');
  });

  it('a circle basis inferring zones that are not members, or inferring without a method (issue 22)', async () => {
    const issues = await problems((f) => {
      (circleAt(f, 1) as LooseCircle & { basis?: unknown }).basis = { source: 'https://example.org/plan', cites: 'the plan names zone a', inferred: ['b', 'd'] };
    });
    expect(issues).toEqual([
      "mini/region.yaml: circles[1].basis.inferred[1]: zone 'd' is not a member of the circle",
      'mini/region.yaml: circles[1].basis.method: say how the inferred members were chosen',
    ]);
  });

  it('zone circles that disagree with region.yaml', async () => {
    expect(await problems((f) => { zoneAt(f, 1).properties.circles = ['inner', 'outer']; }))
      .toContain("mini/zones.geojson: features[1].properties.circles: [inner, outer] disagrees with region.yaml, which lists zone 'b' in [outer]");
  });

  it('coordinates out of range, outside the extent, or swapped', async () => {
    expect(await problems((f) => { zoneAt(f, 0).geometry.coordinates = [200, 40]; }))
      .toContain('mini/zones.geojson: features[0].geometry.coordinates[0]: must be ≤ 180');
    expect(await problems((f) => { zoneAt(f, 1).geometry.coordinates = [40, 116.5]; }))
      .toContain('mini/zones.geojson: features[1].geometry.coordinates[1]: must be ≤ 90');
    expect(await problems((f) => { zoneAt(f, 1).geometry.coordinates = [118.5, 40]; }))
      .toContain('mini/zones.geojson: features[1].geometry.coordinates: [118.5, 40] lies outside the region extent [115, 39, 117, 41]');
    // Where both orders are valid degrees, a seat that fits the extent only when swapped says so.
    expect(await problems((f) => { (f['region.yaml'] as { extent: number[] }).extent = [20, 40, 30, 60]; zoneAt(f, 0).geometry.coordinates = [50, 25]; }))
      .toContain('mini/zones.geojson: features[0].geometry.coordinates: [50, 25] lies outside the region extent [20, 40, 30, 60] (longitude and latitude swapped?)');
  });

  it('unclosed polygon rings', async () => {
    expect(await problems((f) => { zoneAt(f, 0).geometry = { type: 'Polygon', coordinates: [[[116, 40], [116.1, 40], [116.1, 40.1], [116, 40.1]]] }; }))
      .toContain('mini/zones.geojson: features[0].geometry.coordinates[0]: ring is not closed (its first and last positions differ)');
  });

  it('unknown fields and wrong types', async () => {
    const found = await problems((f) => { zoneAt(f, 0).properties.popul = 5; zoneAt(f, 1).properties.population = -3; circleAt(f, 0).ring = 'zero'; });
    expect(found).toEqual(expect.arrayContaining([
      'mini/zones.geojson: features[0].properties.popul: unknown field (expected one of: id, name, nameZh, province, prefecture, prefectureZh, population, censusPopulation, areaKm2, urbanShare, circles, seat, siteClass, foldedUnits, estimate, source, estimated)',
      'mini/zones.geojson: features[1].properties.population: must be ≥ 0',
      "mini/region.yaml: circles[0].ring: must be an integer, got 'zero'",
    ]));
  });

  it('shelters without a capacity and bad people defaults', async () => {
    const found = await problems((f) => {
      f['shelters.geojson'] = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [116, 40] }, properties: { id: 's2', kind: 'park', name: 's2', zone: 'a' } }] };
      (f['region.yaml'] as Record<string, unknown>)['defaults'] = { publicShelterShare: 1.5, utilityDisplacement: { afterH: 0, share: 0.5 } };
    });
    expect(found).toEqual(expect.arrayContaining([
      'mini/shelters.geojson: features[0].properties.capacity: is required',
      'mini/region.yaml: defaults.publicShelterShare: must be ≤ 1',
      'mini/region.yaml: defaults.utilityDisplacement.afterH: must be > 0',
    ]));
  });

  it('shelter-seeking shares by hazard out of range or unknown', async () => {
    const found = await problems((f) => {
      (f['region.yaml'] as Record<string, unknown>)['defaults'] = { publicShelterShare: { earthquake: 1.2, storm: 0.3 } };
    });
    expect(found).toEqual(expect.arrayContaining([
      'mini/region.yaml: defaults.publicShelterShare.earthquake: must be ≤ 1',
      'mini/region.yaml: defaults.publicShelterShare.storm: unknown field (expected one of: earthquake, flood)',
    ]));
  });

  it('shelters in unknown zones and unknown fragility classes', async () => {
    const found = await problems((f) => {
      f['shelters.geojson'] = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [116, 40] }, properties: { id: 's1', kind: 'park', name: 's1', zone: 'zz', capacity: 100 } }] };
      f['lifelines.geojson'] = { type: 'FeatureCollection', features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [116, 40] }, properties: { kind: 'node', id: 'P', name: 'P', system: 'power', role: 'source', capacity: 10, zone: 'a', fragility: 'hazus-xyz' } },
      ] };
    });
    expect(found).toContain("mini/shelters.geojson: features[0].properties.zone: unknown zone 'zz'");
    expect(found.find((m) => m.includes('fragility'))).toMatch(/^mini\/lifelines.geojson: features\[0\].properties.fragility: unknown fragility class 'hazus-xyz' \(known: hazus-ess1, /);
  });

  it('a component naming a flood area the pack does not have', async () => {
    const found = await problems((f) => {
      f['lifelines.geojson'] = { type: 'FeatureCollection', features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [116, 40] }, properties: { kind: 'node', id: 'S', name: 'S', system: 'power', role: 'transfer', flood: { area: 'nowhere', groundM: 1 } } },
      ] };
    });
    expect(found).toContain("mini/lifelines.geojson: features[0].properties.flood.area: unknown flood area 'nowhere': name a compartment or detention basin of rivers.geojson (it has none)");
  });

  it('duplicate circle ids and components, and components in unknown zones', async () => {
    const station = (id: string, zone: string) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [116, 40] }, properties: { id, kind: 'station', name: id, zone } });
    const found = await problems((f) => {
      circleAt(f, 1).id = 'inner';
      f['rivers.geojson'] = { type: 'FeatureCollection', features: [station('s1', 'a'), station('s1', 'q')] };
    });
    expect(found).toEqual(expect.arrayContaining([
      "mini/region.yaml: circles[1].id: duplicate id 'inner' (first at circles[0])",
      "mini/rivers.geojson: features[1].properties.id: duplicate component id 's1' (first in mini/rivers.geojson features[0])",
      "mini/rivers.geojson: features[1].properties.zone: unknown zone 'q'",
    ]));
  });

  it('exposure entries with unknown classes, or zones no entry covers', async () => {
    const exposure = {
      schemaVersion: 1, occupancy: { night: 1, day: 0.5 },
      structureClasses: [{ id: 'rc', name: 'RC', fragility: 'C1M-moderate' }],
      stock: [{ zonesWithPrefix: 'a', households: { rc: 10, adobe: 3 } }],
    };
    const found = await problems(() => undefined, { 'exposure.yaml': JSON.stringify(exposure) });
    expect(found).toEqual([
      "mini/exposure.yaml: stock[0].households.adobe: unknown structure class 'adobe' (classes: rc)",
      "mini/exposure.yaml: stock: no entry covers zone 'b'",
      "mini/exposure.yaml: stock: no entry covers zone 'c'",
      "mini/exposure.yaml: stock: no entry covers zone 'd'",
    ]);
  });

  it('river networks with reaches to unknown nodes or bad values', async () => {
    const reach = (id: string, from: string, to: string, capacityM3s: number) => ({
      type: 'Feature', geometry: { type: 'LineString', coordinates: [[116, 40], [116.1, 40]] },
      properties: { kind: 'reach', id, name: id, from, to, lengthKm: 5, widthM: 50, slope: 1e-3, manning: 0.03, capacityM3s },
    });
    const outlet = { type: 'Feature', geometry: { type: 'Point', coordinates: [116.1, 40] }, properties: { kind: 'outlet', id: 'sea', name: 'Sea' } };
    const found = await problems((f) => { f['rivers.geojson'] = { type: 'FeatureCollection', features: [outlet, reach('r1', 'ghost', 'sea', 10), reach('r2', 'sea', 'sea', -5)] }; });
    expect(found).toEqual([
      'mini/rivers.geojson: features[2].properties.capacityM3s: must be ≥ 0',
    ]);
    const second = await problems((f) => { f['rivers.geojson'] = { type: 'FeatureCollection', features: [outlet, reach('r1', 'ghost', 'sea', 10)] }; });
    expect(second).toEqual(["mini/rivers.geojson: features[1].properties.from: unknown node 'ghost'"]);
  });

  it('flood compartments with a bad stage–area relation, unknown zones or a reach pointing nowhere', async () => {
    const outlet = { type: 'Feature', geometry: { type: 'Point', coordinates: [116.1, 40] }, properties: { kind: 'outlet', id: 'sea', name: 'Sea' } };
    const gauge = { type: 'Feature', geometry: { type: 'Point', coordinates: [116, 40] }, properties: { kind: 'station', id: 'g', name: 'G' } };
    const reach = { type: 'Feature', geometry: { type: 'LineString', coordinates: [[116, 40], [116.1, 40]] }, properties: { kind: 'reach', id: 'r1', name: 'r1', from: 'g', to: 'sea', lengthKm: 5, widthM: 50, slope: 1e-3, manning: 0.03, capacityM3s: 10, floodsCompartment: 'nowhere' } };
    const compartment = (id: string, zones: Record<string, number>, stageArea: { stageM: number; areaKm2: number }[]) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [116, 40] }, properties: { kind: 'compartment', id, name: id, zones, stageArea } });
    const found = await problems((f) => {
      f['rivers.geojson'] = {
        type: 'FeatureCollection',
        features: [
          outlet, gauge, reach,
          compartment('c1', { a: 30 }, [{ stageM: 0.5, areaKm2: 0 }, { stageM: 0.4, areaKm2: 30 }]),
          compartment('c2', { a: 30, ghost: 5 }, [{ stageM: 0, areaKm2: 0 }, { stageM: 1, areaKm2: 20 }]),
          compartment('c3', { b: 500 }, [{ stageM: 0, areaKm2: 0 }, { stageM: 1, areaKm2: 500 }]),
        ],
      };
    });
    expect(found).toEqual([
      "mini/rivers.geojson: features[4].properties.zones.ghost: unknown zone 'ghost'",
      "mini/rivers.geojson: features[5].properties.zones.b: 500 km² is more than the zone's whole area (100 km²)",
      'mini/rivers.geojson: features[3].properties.stageArea[0]: must be { stageM: 0, areaKm2: 0 } (the lowest ground)',
      'mini/rivers.geojson: features[3].properties.stageArea[1].stageM: levels must increase (0.4 after 0.5)',
      'mini/rivers.geojson: features[4].properties.zones: zone areas add up to 35 km², not the last stageArea area (20 km²)',
      "mini/rivers.geojson: features[2].properties.floodsCompartment: unknown compartment 'nowhere'",
    ]);
    // A reach without a design discharge never spills, so naming a compartment for it is a mistake.
    const noCapacity = await problems((f) => {
      const props: Record<string, unknown> = { ...reach.properties };
      delete props['capacityM3s'];
      f['rivers.geojson'] = { type: 'FeatureCollection', features: [outlet, gauge, { ...reach, properties: { ...props, floodsCompartment: 'c1' } }, compartment('c1', { a: 30 }, [{ stageM: 0, areaKm2: 0 }, { stageM: 1, areaKm2: 30 }])] };
    });
    expect(noCapacity).toEqual(['mini/rivers.geojson: features[2].properties.floodsCompartment: needs capacityM3s: water leaves a reach only above its design discharge']);
  });

  it('reports a layer’s schema errors and another layer’s broken references in one round', async () => {
    const found = await problems((f) => {
      f['shelters.geojson'] = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [116, 40] }, properties: { id: 's1', kind: 'park', name: 's1', zone: 'a', capacity: -5 } }] };
      f['rivers.geojson'] = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [116, 40] }, properties: { kind: 'outlet', id: 'sea', name: 'Sea', zone: 'nowhere' } }] };
    });
    expect(found).toEqual([
      'mini/shelters.geojson: features[0].properties.capacity: must be ≥ 0',
      "mini/rivers.geojson: features[0].properties.zone: unknown zone 'nowhere'",
    ]);
  });

  it('missing files and files that do not parse, all at once', async () => {
    const found = await problems((f) => { delete f['shelters.geojson']; }, { 'lifelines.geojson': '{"type": "FeatureCollection", features: []}', 'region.yaml': 'id: [unclosed' });
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/^mini\/region\.yaml: \(root\): invalid YAML at line 1, column \d+/);
    expect(found[1]).toMatch(/^mini\/lifelines\.geojson: \(root\): invalid JSON/);
    expect(found[2]).toBe('mini/shelters.geojson: (root): missing: every region pack has this file (it may hold an empty FeatureCollection)');
  });
});

describe('resolveRegionDir', () => {
  it('finds bundled packs by id and others by path', async () => {
    expect(resolveRegionDir('capital', '/nowhere')).toMatch(/scenarios\/regions\/capital$/);
    await withTempDir(async (dir) => {
      const packDir = await writePack(dir, miniPack());
      expect(resolveRegionDir('./mini', dir)).toBe(packDir);
    });
  });

  it('names the bundled packs when a region does not exist', () => {
    expect(() => resolveRegionDir('atlantis', join('/tmp', 'x'), 'quake.yaml')).toThrow("region 'atlantis' is neither a bundled pack (capital) nor a pack folder");
  });
});
