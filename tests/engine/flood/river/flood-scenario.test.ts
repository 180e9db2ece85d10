import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { createPool } from '../../../../engine/parallel/pool.js';
import { runScenario } from '../../../../engine/run/run-scenario.js';
import { loadScenario } from '../../../../engine/scenario/load-scenario.js';
import { miniPack, withTempDir, writePack } from '../../../fixtures/mini-pack.js';

/** The mini pack with a small river network: two sub-basins through a reservoir and a detention basin to the sea. */
function packWithRivers(): Record<string, unknown> {
  const files = miniPack();
  const point = (id: string, kind: string, lon: number, extra: Record<string, unknown> = {}) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, 40] }, properties: { kind, id, name: id, ...extra } });
  const reach = (id: string, from: string, to: string, extra: Record<string, unknown> = {}) => ({
    type: 'Feature', geometry: { type: 'LineString', coordinates: [[116, 40], [116.2, 40]] },
    properties: { kind: 'reach', id, name: id, from, to, lengthKm: 30, widthM: 120, slope: 6e-4, manning: 0.035, ...extra },
  });
  const area = (id: string, outlet: string, areaKm2: number) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [115.9, 40.2] }, properties: { kind: 'subbasin', id, name: id, areaKm2, curveNumber: 80, tcH: 8, outlet } });
  files['rivers.geojson'] = {
    type: 'FeatureCollection',
    features: [
      area('upper', 'dam', 1500), area('lower', 'gauge', 700),
      point('dam', 'reservoir', 116.0, { initialStorageM3: 60e6, floodLimitStorageM3: 60e6, crestStorageM3: 90e6, maxReleaseM3s: 250, spillwayM3sPerM3: 2e-5 }),
      point('gauge', 'station', 116.1, { safeDischargeM3s: 400 }),
      point('basin', 'detention-basin', 116.2, { areaKm2: 60, designVolumeM3: 8e6, residents: 25000, controlStation: 'gauge', activationDischargeM3s: 450, gateCapacityM3s: 300 }),
      point('sea', 'outlet', 116.4),
      reach('dam-gauge', 'dam', 'gauge'), reach('gauge-basin', 'gauge', 'basin'), reach('basin-sea', 'basin', 'sea', { capacityM3s: 300 }),
    ],
  };
  return files;
}

describe('a rainfall scenario on a river network', () => {
  const pool = createPool({ workers: 2 });
  afterAll(async () => { await pool.destroy(); });

  it('routes the storm to the sea with the plan’s pieces acting, and closes the balance', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, packWithRivers());
      const scenario = { schemaVersion: 1, id: 'storm', title: 'Storm', region: './mini', hazards: [{ type: 'rainfall', durationH: 24, uniformMm: 250 }], options: { horizonH: 96, realizations: 2 } };
      await writeFile(join(dir, 'storm.yaml'), stringify(scenario));
      const summary = await runScenario(await loadScenario(join(dir, 'storm.yaml')), { pool });
      const flood = summary.flood;
      expect(flood).toBeDefined();
      expect(flood?.mass.relativeError).toBeLessThan(1e-9);
      const gauge = flood?.stations.find((s) => s.id === 'gauge');
      expect(gauge?.peakDischargeM3s).toBeGreaterThan(450);
      expect(flood?.reservoirs[0]?.peakOutflowM3s).toBeLessThan(flood?.reservoirs[0]?.peakInflowM3s ?? 0);
      const basin = flood?.detentionBasins[0];
      expect(basin).toMatchObject({ id: 'basin', activated: true, residents: 25000 });
      expect(basin?.maxStoredM3).toBeLessThanOrEqual(8e6);
      expect(flood?.leveeFailures.map((f) => f.reach)).toEqual(['basin-sea']);
      // Rain on 2,200 km² at 250 mm is 550 million m³.
      expect(flood?.mass.rainM3).toBeCloseTo(2200e6 * 0.25, -3);
    });
  });
});
