import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue, type RenxingError } from '../../../../engine/core/errors.js';
import { formatAsciiGrid } from '../../../../engine/io/ascii-grid.js';
import { createPool } from '../../../../engine/parallel/pool.js';
import { runScenario } from '../../../../engine/run/run-scenario.js';
import { loadAnyScenario, loadScenario } from '../../../../engine/scenario/load-scenario.js';
import { withTempDir, writePack } from '../../../fixtures/mini-pack.js';
import { packWithRivers } from '../../../fixtures/river-pack.js';

const NX = 20;
const NY = 10;
const dem = formatAsciiGrid({ nx: NX, ny: NY, xll: 0, yll: 0, cellSize: 50, data: Float64Array.from({ length: NX * NY }, (_, c) => 3 - 0.05 * (c % NX)) });
const storm = { schemaVersion: 1, id: 'storm', title: 'Storm', region: './mini', hazards: [{ type: 'rainfall', durationH: 24, uniformMm: 250 }], options: { horizonH: 72 } };
const plain = (fromRiver: Record<string, unknown>) => ({
  schemaVersion: 1, id: 'behind-the-levee', title: 'Behind the levee', hazards: [],
  domain: { dem: 'dem.asc', manning: 0.04, durationH: 6, outputEveryH: 3, boundaries: [{ side: 'E', type: 'free' }], points: [{ at: [75, 250], type: 'qvar', fromRiver }] },
});

describe('a 2D domain fed by the river-system model', () => {
  const pool = createPool({ workers: 1 });
  afterAll(async () => { await pool.destroy(); });

  it('takes a node’s discharge or a reach’s spill as a point inflow, from the hour asked', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, packWithRivers({ lowland: true }));
      await writeFile(join(dir, 'storm.yaml'), stringify(storm));
      await writeFile(join(dir, 'dem.asc'), dem);
      // The river run's own summary: the gauge's hourly discharge.
      const river = await runScenario(await loadScenario(join(dir, 'storm.yaml')), { pool });
      const hourly = river.flood?.stations.find((s) => s.id === 'gauge')?.hourlyM3s ?? [];

      await writeFile(join(dir, 'gauge.yaml'), stringify(plain({ scenario: 'storm.yaml', node: 'gauge', startH: 10 })));
      const loaded = await loadAnyScenario(join(dir, 'gauge.yaml'));
      if (loaded.kind !== 'domain') throw new Error('expected a domain');
      const series = loaded.domain.model.sources.find((s) => s.kind === 'qvar')?.series;
      // Hour 10 of the river run is the domain's t = 0; hour 13 its 3 h (hourly values rounded to 0.1 in the summary).
      expect(series?.t[0]).toBe(0);
      expect(series?.v[0]).toBeCloseTo(hourly[10] ?? Number.NaN, 1);
      const at3h = series?.t.indexOf(3 * 3600) ?? -1;
      expect(series?.v[at3h]).toBeCloseTo(hourly[13] ?? Number.NaN, 1);

      // What leaves the leveed reach (overtopping and breach) instead: zero before the levees fail, then positive.
      await writeFile(join(dir, 'spill.yaml'), stringify(plain({ scenario: 'storm.yaml', reach: 'basin-sea' })));
      const spill = await loadAnyScenario(join(dir, 'spill.yaml'));
      if (spill.kind !== 'domain') throw new Error('expected a domain');
      const q = spill.domain.model.sources.find((s) => s.kind === 'qvar')?.series?.v ?? [];
      expect(q[0]).toBe(0);
      expect(Math.max(...q)).toBeGreaterThan(0);
    });
  });

  it('says what is wrong with a river inflow', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, packWithRivers());
      await writeFile(join(dir, 'storm.yaml'), stringify(storm));
      await writeFile(join(dir, 'dem.asc'), dem);
      const problems = async (fromRiver: Record<string, unknown>): Promise<string[]> => {
        await writeFile(join(dir, 'bad.yaml'), stringify(plain(fromRiver)));
        return loadAnyScenario(join(dir, 'bad.yaml')).then(() => [], (e: RenxingError) => e.issues.map(formatIssue));
      };
      expect(await problems({ scenario: 'storm.yaml', node: 'nowhere' })).toEqual(["storm.yaml: domain.points[0].fromRiver: unknown river node 'nowhere'"]);
      expect(await problems({ scenario: 'storm.yaml', node: 'gauge', reach: 'basin-sea' })).toEqual(['storm.yaml: domain.points[0].fromRiver: give exactly one of node or reach']);
      expect(await problems({ scenario: 'storm.yaml', node: 'gauge', startH: 500 })).toEqual(['storm.yaml: domain.points[0].fromRiver: the river run ends before hour 500']);
      expect((await problems({ scenario: 'missing.yaml', node: 'gauge' }))[0]).toMatch(/^missing\.yaml: /);
      await writeFile(join(dir, 'bad.yaml'), stringify({ ...plain({ scenario: 'storm.yaml', node: 'gauge' }), river: { detentionBasins: { basin: { gatesFail: true } } } }));
      const misplaced = await loadAnyScenario(join(dir, 'bad.yaml')).then(() => [], (e: RenxingError) => e.issues.map(formatIssue));
      expect(misplaced).toEqual(['bad.yaml: river: river overrides belong to the region scenario a point takes its inflow from (domain.points[].fromRiver), not to a domain']);
    });
  });
});
