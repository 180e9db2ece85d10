import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { createPool } from '../../../../engine/parallel/pool.js';
import { runScenario } from '../../../../engine/run/run-scenario.js';
import { loadScenario } from '../../../../engine/scenario/load-scenario.js';
import { withTempDir, writePack } from '../../../fixtures/mini-pack.js';
import { packWithRivers } from '../../../fixtures/river-pack.js';

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
      // Hourly hydrograph over the 96 h horizon: dry at the start, never above the 15-minute peak, and near it.
      const hydrograph = gauge?.hourlyM3s ?? [];
      expect(hydrograph).toHaveLength(97);
      expect(hydrograph[0]).toBe(0);
      expect(Math.max(...hydrograph)).toBeLessThanOrEqual((gauge?.peakDischargeM3s ?? 0) + 0.1);
      expect(Math.max(...hydrograph)).toBeGreaterThan(0.95 * (gauge?.peakDischargeM3s ?? 0));
      expect(flood?.reservoirs[0]?.peakOutflowM3s).toBeLessThan(flood?.reservoirs[0]?.peakInflowM3s ?? 0);
      const basin = flood?.detentionBasins[0];
      expect(basin).toMatchObject({ id: 'basin', activated: true, residents: 25000 });
      expect(basin?.maxStoredM3).toBeLessThanOrEqual(8e6);
      expect(flood?.leveeFailures.map((f) => f.reach)).toEqual(['basin-sea']);
      // Rain on 2,200 km² at 250 mm is 550 million m³.
      expect(flood?.mass.rainM3).toBeCloseTo(2200e6 * 0.25, -3);

      // Dry soil (AMC I: CN 80 → 62.7, Chow et al. 1988 eq. 5.5.5) loses more and peaks lower.
      await writeFile(join(dir, 'dry.yaml'), stringify({ ...scenario, id: 'dry', hazards: [{ ...scenario.hazards[0], antecedentMoisture: 'I' }], options: { horizonH: 96 } }));
      const dry = (await runScenario(await loadScenario(join(dir, 'dry.yaml')), { pool })).flood;
      expect(dry?.mass.lossesM3).toBeGreaterThan(flood?.mass.lossesM3 ?? Infinity);
      expect(dry?.stations.find((s) => s.id === 'gauge')?.peakDischargeM3s).toBeLessThan(gauge?.peakDischargeM3s ?? 0);
      expect(dry?.mass.relativeError).toBeLessThan(1e-9);
    });
  });
});
