/**
 * Buried pipelines: the Hazus repair rate against its published form and pelicun's per-segment
 * encoding, zone lengths of a line by hand, break and leak frequencies against the Poisson
 * probabilities, and a broken water main in a scenario taking water from the zones it feeds.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue, RenxingError } from '../../../engine/core/errors.js';
import { createPool } from '../../../engine/parallel/pool.js';
import { createRng } from '../../../engine/parallel/rng.js';
import { HAZUS_PIPELINE_CLASSES, pipelineRepairHours, repairRatePerKm } from '../../../engine/quake/fragility/hazus-pipelines.js';
import { expectedRepairs, sampleLifelineDamage, type LifelineDamageModel } from '../../../engine/quake/lifeline-damage.js';
import type { ZoneTable } from '../../../engine/region/region.js';
import { zoneLengths } from '../../../engine/region/zone-lengths.js';
import { zoneLocator } from '../../../engine/region/zone-locator.js';
import { runScenario } from '../../../engine/run/run-scenario.js';
import { loadScenario } from '../../../engine/scenario/load-scenario.js';
import { packWithLifelines } from '../../fixtures/lifeline-pack.js';
import { withTempDir, writePack } from '../../fixtures/mini-pack.js';

const brittle = HAZUS_PIPELINE_CLASSES['hazus-pipe-brittle'] as NonNullable<(typeof HAZUS_PIPELINE_CLASSES)[string]>;
const ductile = HAZUS_PIPELINE_CLASSES['hazus-pipe-ductile'] as NonNullable<(typeof HAZUS_PIPELINE_CLASSES)[string]>;

describe('Hazus pipeline repair rate', () => {
  it('is 0.0001·PGV^2.25 per km, 0.3 times that for ductile pipe', () => {
    // 100^2.25 = 10^4.5 = 31,622.78
    expect(repairRatePerKm(brittle, 100)).toBeCloseTo(3.162278, 6);
    expect(repairRatePerKm(ductile, 100)).toBeCloseTo(0.948683, 6);
    expect(repairRatePerKm(brittle, 0)).toBe(0);
  });

  it('reproduces pelicun\'s per-segment table (PWP.B.GS / PWP.D.GS: repairs on a 20-ft segment)', () => {
    // NHERI-SimCenter/pelicun damage_DB_Hazus_EQ_water.csv (commit b51cd222): PGV (cm/s) → value.
    const segmentKm = 20 * 0.3048 / 1000;
    const table: [typeof brittle, number, number][] = [
      [brittle, 2, 0.0000029], [brittle, 10, 0.0001084], [brittle, 100, 0.01927724], [brittle, 500, 0.72065511],
      [ductile, 10, 0.00003252], [ductile, 100, 0.00578317], [ductile, 800, 0.62247037],
    ];
    for (const [f, pgv, value] of table) expect(Math.abs(repairRatePerKm(f, pgv) * segmentKm / value - 1)).toBeLessThan(2e-3);
  });
});

describe('zone lengths of a line', () => {
  // Three seats on the equator's neighbourhood: a (0, 0), b (1, 0), c (0.5, 1).
  const zones = { count: 3, ids: ['a', 'b', 'c'], names: ['a', 'b', 'c'], lon: Float64Array.of(0, 1, 0.5), lat: Float64Array.of(0, 0, 1) } as unknown as ZoneTable;
  const locate = zoneLocator(zones, 'seat');

  it('books half of a line from seat a to seat b to each, and nothing to c', () => {
    const { zones: at, km } = zoneLengths([[0, 0], [1, 0]], locate);
    // 1° of longitude on the equator is 111.19 km on turf's 6,371.0088 km sphere.
    expect(at).toEqual([0, 1]);
    expect(km[0]).toBeCloseTo(111.195 / 2, 2);
    expect(km[1]).toBeCloseTo(111.195 / 2, 2);
  });

  it('leaves out the part of a line beyond the seats\' land (hull + 25 km)', () => {
    const { zones: at, km } = zoneLengths([[0, 0], [-2, 0]], locate);
    expect(at).toEqual([0]);
    // The land ends 25 km west of seat a.
    expect(km[0]).toBeGreaterThan(24);
    expect(km[0]).toBeLessThan(26);
  });
});

describe('zone lengths over zone boundaries', () => {
  it('books a line crossing two square zones to each by its length inside', () => {
    const square = (x0: number): ZoneTable['geometry'][number] => ({ type: 'Polygon', coordinates: [[[x0, -1], [x0 + 1, -1], [x0 + 1, 1], [x0, 1], [x0, -1]]] });
    const zones = { count: 2, geometry: [square(0), square(1)] } as unknown as ZoneTable;
    // From lon 0.5 to 1.75 on the equator: 0.5° in the first square, 0.75° in the second.
    const { zones: at, km } = zoneLengths([[0.5, 0], [1.75, 0]], zoneLocator(zones, 'boundary'));
    expect(at).toEqual([0, 1]);
    expect(km[0]).toBeCloseTo(111.195 * 0.5, 0);
    expect(km[1]).toBeCloseTo(111.195 * 0.75, 0);
  });
});

describe('pipeline breaks', () => {
  it('break and leak with the Poisson probabilities of the expected repairs', () => {
    const n = 20_000;
    // 10 km at PGV 60 cm/s: brittle 10.02 repairs, ductile 3.01.
    const pipe = (f: typeof brittle) => ({ fragility: f, route: { zones: [0, 1], km: [4, 6] } });
    const pgv = Float64Array.of(60, 60);
    for (const f of [brittle, ductile]) {
      const model: LifelineDamageModel = { components: Int32Array.from({ length: n }, (_, k) => k), zones: new Int32Array(0), fragility: [], pipes: Array.from({ length: n }, () => pipe(f)), bridges: [] };
      const repairs = expectedRepairs(pipe(f), pgv);
      expect(repairs).toBeCloseTo(f.factor * 1e-4 * 60 ** 2.25 * 10, 9);
      const states = sampleLifelineDamage(model, { pgaG: new Float64Array(2), pgvCmS: pgv, sa03G: new Float64Array(2), sa10G: new Float64Array(2) }, createRng(5, 0, 'pipes'));
      const broken = states.reduce((c, s) => c + (s === 4 ? 1 : 0), 0) / n;
      const repaired = states.reduce((c, s) => c + (s >= 2 ? 1 : 0), 0) / n;
      const pBreak = 1 - Math.exp(-0.2 * repairs);
      const pRepair = 1 - Math.exp(-repairs);
      expect(Math.abs(broken - pBreak)).toBeLessThan(4 * Math.sqrt((pBreak * (1 - pBreak)) / n));
      expect(Math.abs(repaired - pRepair)).toBeLessThan(4 * Math.sqrt((pRepair * (1 - pRepair)) / n) + 1e-9);
    }
  });
});

describe('pipeline repair time', () => {
  it('mends the breaks a broken pipe has (λ / (1 − e^−λ)) at 0.33 per worker-day, never without workers', () => {
    // λ = 1: 1 / (1 − e^−1) = 1.581977 breaks; 4 workers mend 1.32 a day → 1.198467 days.
    expect(pipelineRepairHours(1, 4)).toBeCloseTo((24 * 1.581977) / 1.32, 4);
    // Few expected breaks: a broken pipe has one, so the time tends to 1 / (0.33 × workers) days.
    expect(pipelineRepairHours(1e-9, 1)).toBeCloseTo(24 / 0.33, 6);
    expect(pipelineRepairHours(1, undefined)).toBe(Infinity);
  });
});

describe('an earthquake under a water main', () => {
  const pool = createPool({ workers: 1 });
  afterAll(async () => { await pool.destroy(); });

  it('breaks it and the zones it feeds lose water; a node with a pipeline class is an error', async () => {
    await withTempDir(async (dir) => {
      const files = packWithLifelines();
      const features = (files['lifelines.geojson'] as { features: { properties: Record<string, unknown> }[] }).features;
      Object.assign((features.find((f) => f.properties['id'] === 'W-WD') as { properties: Record<string, unknown> }).properties, { fragility: 'hazus-pipe-brittle' });
      await writePack(dir, files);
      // Ms 7.5 at 10 km beside the 28 km main: PGV of a few tens of cm/s gives it a few repairs, a
      // fifth of them breaks, so it breaks in some realizations; whenever it does, zones a and d
      // (5,000 residents) lose their only water, and nothing else takes it (S has no fragility here).
      const scenario = { schemaVersion: 1, id: 'quake', title: 'Quake', region: './mini', hazards: [{ type: 'earthquake', epicenter: [116.0, 40.0], magnitude: 7.5, depthKm: 10 }], options: { horizonH: 12, realizations: 20 } };
      await writeFile(join(dir, 'quake.yaml'), stringify(scenario));
      const summary = await runScenario(await loadScenario(join(dir, 'quake.yaml')), { pool });
      const main = summary.lifelines?.quakeDamage?.find((d) => d.id === 'W-WD');
      expect(main?.fragility).toBe('hazus-pipe-brittle');
      const p = main?.probabilityOutOfService ?? 0;
      expect(p).toBeGreaterThan(0.2);
      expect(p).toBeLessThan(1);
      // Without workers named, a broken main stays broken over the horizon.
      expect(main?.probabilityDownAtHorizon).toBe(p);
      expect(summary.lifelines?.unservedPopulation['water']).toBeCloseTo(p * 5000, 0);

      // With 1,000 workers on it a broken main is mended within the hour (a break or two at 330 a
      // day), so nobody is without water at the 12 h horizon although it broke as often.
      await writeFile(join(dir, 'quake.yaml'), stringify({ ...scenario, restoration: { pipelineWorkers: 1000 } }));
      const mended = await runScenario(await loadScenario(join(dir, 'quake.yaml')), { pool });
      const again = mended.lifelines?.quakeDamage?.find((d) => d.id === 'W-WD');
      expect(again?.probabilityOutOfService).toBe(p);
      expect(again?.probabilityDownAtHorizon).toBe(0);
      expect(mended.lifelines?.unservedPopulation['water']).toBe(0);
      expect(mended.lifelines?.residentHoursWithout['water']).toBeGreaterThan(0);

      Object.assign((features.find((f) => f.properties['id'] === 'W') as { properties: Record<string, unknown> }).properties, { fragility: 'hazus-pipe-ductile' });
      await writePack(dir, files);
      const problems = await loadScenario(join(dir, 'quake.yaml')).then(() => [], (error: unknown) => (error instanceof RenxingError ? error.issues.map(formatIssue) : [String(error)]));
      expect(problems).toContainEqual(expect.stringMatching(/lifelines\.geojson: features\[\d+\]\.properties\.fragility: 'hazus-pipe-ductile' is a pipeline class, for links/));

      // A pipeline drawn as a point has no km to shake: an error naming its geometry.
      const drawn = features.find((f) => f.properties['id'] === 'W-WD') as unknown as { geometry: unknown };
      drawn.geometry = { type: 'Point', coordinates: [116.2, 40.2] };
      await writePack(dir, files);
      const pointProblems = await loadScenario(join(dir, 'quake.yaml')).then(() => [], (error: unknown) => (error instanceof RenxingError ? error.issues.map(formatIssue) : [String(error)]));
      expect(pointProblems).toContainEqual(expect.stringMatching(/lifelines\.geojson: features\[\d+\]\.geometry: a link with pipeline class 'hazus-pipe-brittle' must be drawn as a LineString/));
    });
  });
});
