import { join } from 'node:path';
import { area, booleanPointInPolygon, point, pointOnFeature } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { BUNDLED_REGIONS_DIR } from '../../../engine/core/paths.js';
import { loadRegion } from '../../../engine/region/load-region.js';
import { tessellateSeats } from '../../../engine/region/tessellate.js';

describe('tessellateSeats on the capital pack', () => {
  it('without an outline: gives each seat one labelled cell that contains it, covering about the land of the region', async () => {
    const region = await loadRegion(join(BUNDLED_REGIONS_DIR, 'capital'));
    const cells = tessellateSeats(region.zones);
    expect(cells.features).toHaveLength(region.zones.count);
    cells.features.forEach((cell) => {
      const z = region.zones.ids.indexOf(cell.properties.id);
      expect(booleanPointInPolygon(point([region.zones.lon[z] as number, region.zones.lat[z] as number]), cell)).toBe(true);
      expect(cell.properties.tessellation).toMatch(/not a boundary/);
    });
    // Voronoi cells partition the clip area, so their areas add up to it (within the clipping's
    // polygon arithmetic); the clip area must also exceed the land the seats stand for.
    const total = cells.features.reduce((s, c) => s + area(c), 0) / 1e6;
    const landKm2 = Array.from(region.zones.areaKm2).reduce((s, a) => s + a, 0);
    expect(total).toBeGreaterThan(landKm2 * 0.9);
    expect(total).toBeLessThan(landKm2 * 1.6);
  });

  it('within the true outlines (issue 23): cells tile each province exactly and never cross a provincial border', async () => {
    const region = await loadRegion(join(BUNDLED_REGIONS_DIR, 'capital'));
    const outline = region.outline;
    expect(outline?.features.map((f) => [f.properties.id, f.properties.kind])).toEqual([['beijing', 'municipality'], ['hebei', 'province'], ['tianjin', 'municipality']]);
    if (!outline) return;
    const cells = tessellateSeats(region.zones, outline);
    expect(cells.features).toHaveLength(region.zones.count);
    const province = new Map(region.zones.ids.map((id, z) => [id, region.zones.properties[z]?.province]));
    for (const unit of outline.features) {
      const own = cells.features.filter((c) => province.get(c.properties.id) === unit.properties.id);
      // The cells of a unit add up to its outline (a partition: no gap, no overlap).
      expect(own.reduce((s, c) => s + area(c), 0) / area(unit)).toBeCloseTo(1, 3);
      for (const c of own) {
        expect(booleanPointInPolygon(pointOnFeature(c), unit), c.properties.id).toBe(true);
        expect(c.properties.tessellation).toMatch(/not a county boundary/);
      }
    }
  });
});
