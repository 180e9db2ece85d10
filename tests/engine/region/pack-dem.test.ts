/**
 * A pack that names a DEM: the compartment drawn as a polygon takes its stage–area relation from
 * the DEM and the components in it their ground; every bad input is an issue naming its file and
 * field, from `loadRegion` (what `run` uses) and from `renxing validate`.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import proj4 from 'proj4';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../engine/cli/program.js';
import { RenxingError } from '../../../engine/core/errors.js';
import { areaAt } from '../../../engine/flood/river/compartment.js';
import { projDefinition } from '../../../engine/io/grid-corners.js';
import { createPool } from '../../../engine/parallel/pool.js';
import { loadRegion } from '../../../engine/region/load-region.js';
import { compileRealizationInput } from '../../../engine/run/compile-input.js';
import { runScenario } from '../../../engine/run/run-scenario.js';
import { loadScenario } from '../../../engine/scenario/load-scenario.js';
import { demOf, writeDem } from '../../fixtures/dem.js';
import { withTempDir, writePack } from '../../fixtures/mini-pack.js';
import { packWithRivers } from '../../fixtures/river-pack.js';

// The river pack's lowland compartment (zones c 40 km², d 20 km²) drawn as a 6 km × 10 km
// rectangle of UTM zone 50N, on a DEM of 100 m cells rising 0.5 m per km eastwards across it from
// 3 m; the land around it is lower (1 m), so only the outline keeps it out.
const utm = proj4(projDefinition(32650) as string);
const [x0, y0] = utm.forward([116.25, 39.95]).map((v) => Math.round(v / 100) * 100) as [number, number];
const lonLat = (x: number, y: number): [number, number] => utm.inverse<[number, number]>([x0 + x, y0 + y]);
const ground = (x: number, y: number): number => (x > x0 && x < x0 + 6000 && y > y0 && y < y0 + 10_000 ? 3 + 0.0005 * (x - x0) : 1);
const dem = demOf(80, 120, 100, x0 - 1000, y0 - 1000, ground);

type Feature = { type: string; geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> };

/**
 * In the compartment: substation S 2340 m from its west edge (its cell's centre 2350 m: 1.15 m
 * above the lowest cell's, at 50 m), pumping station Q whose ground the pack gives (0.7 m), and a
 * road from 1550 m to beyond the east edge (lowest over the compartment's cells at 1550 m: 0.75 m).
 */
function demPack(region: Record<string, unknown> = { path: 'dem.tif' }): Record<string, unknown> {
  const files = packWithRivers({ lowland: true }) as Record<string, unknown> & { 'region.yaml': Record<string, unknown>; 'rivers.geojson': { features: Feature[] } };
  files['region.yaml'] = { ...files['region.yaml'], dem: region };
  const lowland = files['rivers.geojson'].features.find((f) => f.properties['id'] === 'lowland') as Feature;
  lowland.geometry = { type: 'Polygon', coordinates: [[lonLat(0, 0), lonLat(6000, 0), lonLat(6000, 10_000), lonLat(0, 10_000), lonLat(0, 0)]] };
  const basinSea = files['rivers.geojson'].features.find((f) => f.properties['id'] === 'basin-sea') as Feature;
  delete basinSea.properties['leveeReturnPeriodYears'];
  basinSea.properties['capacityM3s'] = 450;
  const node = (id: string, system: string, at: [number, number], extra: Record<string, unknown>) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: { kind: 'node', id, name: id, system, role: 'transfer', ...extra } });
  files['lifelines.geojson'] = {
    type: 'FeatureCollection',
    features: [
      node('P', 'power', [116.0, 40.5], { role: 'source', capacity: 10000 }),
      node('S', 'power', lonLat(2340, 5000), { zone: 'c', fragility: 'hazus-ess5' }),
      node('D', 'power', [116.1, 40.3], { role: 'delivery', serves: ['c', 'd'] }),
      node('Q', 'water', lonLat(4000, 2000), { role: 'source', capacity: 10000, fragility: 'hazus-ppp1', flood: { groundM: 0.7 } }),
      node('QD', 'water', [116.1, 40.3], { role: 'delivery', serves: ['c', 'd'] }),
      node('R1', 'road', lonLat(1550, 3000), { zone: 'c' }), node('R2', 'road', lonLat(7000, 3000), { zone: 'd' }),
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [[116.0, 40.5], lonLat(2340, 5000)] }, properties: { kind: 'link', id: 'P-S', name: 'P-S', system: 'power', from: 'P', to: 'S', capacity: 10000 } },
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [lonLat(2340, 5000), [116.1, 40.3]] }, properties: { kind: 'link', id: 'S-D', name: 'S-D', system: 'power', from: 'S', to: 'D', capacity: 10000 } },
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [lonLat(4000, 2000), [116.1, 40.3]] }, properties: { kind: 'link', id: 'Q-QD', name: 'Q-QD', system: 'water', from: 'Q', to: 'QD', capacity: 10000 } },
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [lonLat(1550, 3000), lonLat(7000, 3000)] }, properties: { kind: 'link', id: 'R1-R2', name: 'R1-R2', system: 'road', from: 'R1', to: 'R2', capacity: 2000 } },
    ],
  };
  return files;
}

/** Writes the pack and its DEM (as `name`, tagged with `epsg` when a GeoTIFF). */
async function writeDemPack(dir: string, files: Record<string, unknown>, name = 'dem.tif', epsg: number | undefined = 32650, raster = dem): Promise<string> {
  const packDir = await writePack(dir, files);
  await writeDem(packDir, name, raster, epsg);
  return packDir;
}

async function issuesOf(packDir: string): Promise<string[]> {
  try {
    await loadRegion(packDir);
  } catch (error) {
    if (error instanceof RenxingError) return error.issues.map((i) => `${i.file}: ${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

const lowlandAt = (files: Record<string, unknown>): number => (files['rivers.geojson'] as { features: Feature[] }).features.findIndex((f) => f.properties['id'] === 'lowland');

describe('a pack with a DEM', () => {
  const pool = createPool({ workers: 1 });
  afterAll(async () => { await pool.destroy(); });

  it('gives the drawn compartment its relation from the DEM in place of the pack\'s 2 m plane', async () => {
    await withTempDir(async (dir) => {
      const region = await loadRegion(await writeDemPack(dir, demPack()));
      const h = region.river.compartments.find((c) => c.id === 'lowland')?.hypsometry;
      // 6000 cells of 1 ha, flooded whole once the water is 2.95 m over the lowest (the easternmost column's centre, 5950 m, against the westernmost's, 50 m).
      expect(h?.areaM2.at(-1)).toBeCloseTo(60e6, 3);
      expect(h?.stageM.at(-1)).toBeCloseTo(2.95, 5);
      // A plane: at level s the water reaches 50 m + s/0.0005 east, over the 10 km length, within a column (1 km²).
      for (const s of [0.5, 1.2, 2.5]) expect(Math.abs((h ? areaAt(h, s) : 0) - 10_000 * (50 + s / 0.0005))).toBeLessThanOrEqual(10_000 * 100);
      expect(region.dem?.compartments.get('lowland')).toMatchObject({ groundCells: 6000, noDataCells: 0 });
      // Heights pass through the GeoTIFF's float32.
      expect(region.dem?.compartments.get('lowland')?.lowestM).toBeCloseTo(3.025, 6);
    });
  });

  it('stands the components in it on the DEM\'s ground unless the pack gives one, and says so in the summary', async () => {
    await withTempDir(async (dir) => {
      await writeDemPack(dir, demPack({ path: 'dem.asc', epsg: 32650 }), 'dem.asc');
      await writeFile(join(dir, 'storm.yaml'), stringify({ schemaVersion: 1, id: 'storm', title: 'storm', region: './mini', hazards: [{ type: 'rainfall', durationH: 24, uniformMm: 160 }], options: { horizonH: 120 } }));
      const loaded = await loadScenario(join(dir, 'storm.yaml'));
      const exposure = compileRealizationInput(loaded).damage?.flood?.exposure;
      const groundOf = (id: string): number | undefined => exposure?.sites.find((s) => loaded.region.lifelines.ids[s.component] === id)?.groundM;
      expect(groundOf('S')).toBeCloseTo(1.15, 5);
      expect(groundOf('Q')).toBe(0.7);
      expect(groundOf('R1-R2')).toBeCloseTo(0.75, 5);
      const summary = await runScenario(loaded, { pool, now: () => 0 });
      expect(summary.flood?.dem).toMatchObject({ path: 'dem.asc', epsg: 32650, compartments: [{ id: 'lowland', cells: 6000, noDataCells: 0, lowestM: 3.025, reliefM: 2.95 }] });
      expect(summary.flood?.dem?.compartments[0]?.maxLevelErrorM).toBeLessThanOrEqual(0.005);
      expect(summary.flood?.dem?.grounds).toEqual(expect.arrayContaining([{ id: 'S', area: 'lowland', groundM: 1.15 }, { id: 'R1-R2', area: 'lowland', groundM: 0.75 }]));
      expect(summary.flood?.dem?.grounds.map((g) => g.id)).not.toContain('Q');
    });
  });

  it('names the file and field of every bad input', async () => {
    await withTempDir(async (dir) => {
      const k = lowlandAt(demPack());
      const cases: [string, (d: string) => Promise<string>, string][] = [
        ['a missing file', (d) => writePack(d, demPack({ path: 'none.tif' })), 'mini/none.tif: : no such file or unreadable (the DEM of mini/region.yaml dem.path)'],
        ['a file outside the pack', (d) => writeDemPack(d, demPack({ path: '../dem.tif' })), "mini/region.yaml: dem.path: '../dem.tif' must be a file inside the pack folder (a link there may point elsewhere)"],
        ['an ASCII grid without its CRS', (d) => writeDemPack(d, demPack({ path: 'dem.asc' }), 'dem.asc'), "mini/region.yaml: dem.epsg: needed: 'dem.asc' does not say its CRS (an ESRI ASCII grid never does)"],
        ['a CRS the GeoTIFF contradicts', (d) => writeDemPack(d, demPack({ path: 'dem.tif', epsg: 32651 })), "mini/region.yaml: dem.epsg: is 32651 but the GeoTIFF 'dem.tif' says EPSG:32650"],
        ['a CRS renxing cannot project to', (d) => writeDemPack(d, demPack({ path: 'dem.asc', epsg: 3857 }), 'dem.asc'), 'mini/region.yaml: dem.epsg: EPSG:3857 is not a CRS renxing projects to'],
        // The same cells read as UTM zone 51N lie some 500 km east of the outline.
        ['the wrong UTM zone', (d) => writeDemPack(d, demPack({ path: 'dem.asc', epsg: 32651 }), 'dem.asc'), `mini/rivers.geojson: features[${k}].geometry: compartment 'lowland' reaches beyond the DEM 'dem.asc'`],
        ['a DEM short of the outline', (d) => writeDemPack(d, demPack(), 'dem.tif', 32650, demOf(40, 120, 100, x0 - 1000, y0 - 1000, ground)), `mini/rivers.geojson: features[${k}].geometry: compartment 'lowland' reaches beyond the DEM 'dem.tif'`],
        ['no data under the outline', (d) => writeDemPack(d, demPack(), 'dem.tif', 32650, demOf(80, 120, 100, x0 - 1000, y0 - 1000, (x, y) => (ground(x, y) === 1 ? 1 : Number.NaN))), `mini/rivers.geojson: features[${k}].geometry: compartment 'lowland': none of the 6000 cells has ground (all no-data) in the DEM 'dem.tif'`],
        // Cells of 14 km with centres 500 m outside the outline's corners.
        ['cells too coarse for the outline', (d) => writeDemPack(d, demPack(), 'dem.tif', 32650, demOf(2, 2, 14_000, x0 - 7500, y0 - 7500, () => 3)), `mini/rivers.geojson: features[${k}].geometry: compartment 'lowland' holds no cell centre of the DEM 'dem.tif' (cells of 14000 m)`],
      ];
      for (const [what, write, expected] of cases) {
        const issues = await issuesOf(await write(join(dir, what.replaceAll(' ', '-'))));
        expect(issues, what).toHaveLength(1);
        expect(issues[0], what).toContain(expected);
      }
    });
  });

  it('holds the zones\' areas to the land the outline holds in DEM cells', async () => {
    await withTempDir(async (dir) => {
      const files = demPack();
      const lowland = (files['rivers.geojson'] as { features: Feature[] }).features[lowlandAt(files)] as Feature;
      // 80 km² of zones (and a relation to match) where the DEM finds 60.
      lowland.properties['zones'] = { c: 60, d: 20 };
      lowland.properties['stageArea'] = [{ stageM: 0, areaKm2: 0 }, { stageM: 2, areaKm2: 80 }];
      expect(await issuesOf(await writeDemPack(dir, files))).toEqual([
        `mini/rivers.geojson: features[${lowlandAt(files)}].properties.zones: zone areas add up to 80 km², but the outline of compartment 'lowland' holds 60 km² of DEM cells (more than 3.8 km² apart): the outline, the zone areas or the DEM's CRS is off`,
      ]);
    });
  });

  it('is checked by renxing validate', async () => {
    await withTempDir(async (dir) => {
      const packDir = await writeDemPack(dir, demPack({ path: 'dem.asc' }), 'dem.asc');
      let err = '';
      const code = await runCli(['validate', packDir], { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) } });
      expect(code).toBe(2);
      expect(err).toMatch(/^mini\/region\.yaml: dem\.epsg: needed/);
    });
  });
});
