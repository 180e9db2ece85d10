import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { RenxingError } from '../../../engine/core/errors.js';
import { formatIssue } from '../../../engine/core/errors.js';
import { createPool } from '../../../engine/parallel/pool.js';
import { runScenario } from '../../../engine/run/run-scenario.js';
import { loadScenario } from '../../../engine/scenario/load-scenario.js';
import { packWithLifelines } from '../../fixtures/lifeline-pack.js';
import { withTempDir, writePack } from '../../fixtures/mini-pack.js';

describe('a corridor cut with knock-on failures', () => {
  const pool = createPool({ workers: 1 });
  afterAll(async () => { await pool.destroy(); });
  // The north corridor cut at 0 h and substation S at 2 h, assessed at 12 h.
  const runCut = async (dir: string) => {
    const scenario = {
      schemaVersion: 1, id: 'cut', title: 'Cut', region: './mini',
      hazards: [{ type: 'outage', targets: ['corridor:north'], atH: 0 }, { type: 'outage', targets: ['component:S'], atH: 2 }],
      options: { horizonH: 12 },
    };
    await writeFile(join(dir, 'cut.yaml'), stringify(scenario));
    return runScenario(await loadScenario(join(dir, 'cut.yaml')), { pool });
  };

  it('reroutes over the tie line, shares the shortfall fairly and fails water when its backup runs out', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, packWithLifelines());
      const summary = await runCut(dir);
      // Only P2's 5,000 remain. Zone a is reached only over the 500-person tie: it gets half
      // (λ = 0.5); b and c share the other 4,500 for their 5,000: 90% each (max–min fairness).
      const loss = Object.fromEntries(summary.zones.map((z) => [z.id, z.serviceLoss]));
      expect(loss['a']).toEqual({ power: 0.5, water: 1 });
      expect(loss['b']).toEqual({ power: 0.1 });
      expect(loss['c']).toEqual({ power: 0.1 });
      expect(loss['d']).toEqual({ water: 1 });
      expect(summary.lifelines?.unservedPopulation).toEqual({ power: 500 + 200 + 300, water: 5000 });
      // Over the 12 h: power is short from the first cut (S's loss at 2 h changes nothing, P1
      // was already cut off), a half for 12 h = 6 h, b and c a tenth = 1.2 h; water stops when
      // W's 6 h of backup run out at 8 h: 4 h in a and d.
      const hours = Object.fromEntries(summary.zones.map((z) => [z.id, z.serviceHoursLost]));
      expect(hours).toEqual({ a: { power: 6, water: 4 }, b: { power: 1.2 }, c: { power: 1.2 }, d: { water: 4 } });
      expect(summary.lifelines?.residentHoursWithout).toEqual({ power: 1000 * 6 + 2000 * 1.2 + 3000 * 1.2, water: 1000 * 4 + 4000 * 4 });
      expect(summary.lifelines?.failedComponents).toEqual([
        { id: 'P1-S', system: 'power', cause: 'outage', atH: 0 },
        { id: 'S', system: 'power', cause: 'outage', atH: 2 },
        { id: 'W', system: 'water', cause: 'lost S', atH: 8 },
      ]);
    });
  });

  it('brings service back as outages are lifted, and reports the restoration curve', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, packWithLifelines());
      // The corridor is back at 4 h and S at 6 h: power is short from 0 to 6 h (P1 reaches the
      // zones only through S), and W's 6 h of backup outlast S's 4 h outage, so water never stops.
      const scenario = {
        schemaVersion: 1, id: 'restored', title: 'Restored', region: './mini',
        hazards: [{ type: 'outage', targets: ['corridor:north'], atH: 0, restoreAtH: 4 }, { type: 'outage', targets: ['component:S'], atH: 2, restoreAtH: 6 }],
        restoration: { days: [0.125, 0.25, 1] },
        options: { horizonH: 12 },
      };
      await writeFile(join(dir, 'restored.yaml'), stringify(scenario));
      const summary = await runScenario(await loadScenario(join(dir, 'restored.yaml')), { pool });
      expect(summary.lifelines?.failedComponents).toEqual([
        { id: 'P1-S', system: 'power', cause: 'outage', atH: 0, restoredAtH: 4 },
        { id: 'S', system: 'power', cause: 'outage', atH: 2, restoredAtH: 6 },
      ]);
      // A half of a for 6 h = 3 h; a tenth of b and c for 6 h = 0.6 h; nobody without at 12 h.
      const hours = Object.fromEntries(summary.zones.map((z) => [z.id, z.serviceHoursLost]));
      expect(hours).toEqual({ a: { power: 3, water: 0 }, b: { power: 0.6 }, c: { power: 0.6 }, d: undefined });
      expect(summary.lifelines?.unservedPopulation).toEqual({ power: 0, water: 0 });
      // At 3 h both are out (1,000 short of power); at 6 h S is back; at a day all is well.
      expect(summary.lifelines?.restoration.map((r) => [r.atH, r.unservedPopulation['power']?.mean, r.unservedPopulation['water']?.mean])).toEqual([
        [3, 1000, 0], [6, 0, 0], [24, 0, 0],
      ]);
    });
  });

  it('counts residents without service for at least a day and three days', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, packWithLifelines());
      const scenario = {
        schemaVersion: 1, id: 'long', title: 'Long', region: './mini',
        hazards: [{ type: 'outage', targets: ['corridor:north'], atH: 0 }, { type: 'outage', targets: ['component:S'], atH: 2 }],
        options: { horizonH: 90 },
      };
      await writeFile(join(dir, 'long.yaml'), stringify(scenario));
      const summary = await runScenario(await loadScenario(join(dir, 'long.yaml')), { pool });
      // Power is short from 0 h in a (half), b and c (a tenth): all 90 h, so ≥ 24 h and ≥ 72 h alike.
      // Water stops at 8 h (W's backup): 82 h by the horizon, also past both.
      expect(summary.lifelines?.residentsWithoutFor).toEqual({
        power: { '24h': 500 + 200 + 300, '72h': 500 + 200 + 300 },
        water: { '24h': 5000, '72h': 5000 },
      });
      // Over 12 h nobody can have been without for a day.
      expect((await runCut(dir)).lifelines?.residentsWithoutFor).toEqual({ power: { '24h': 0, '72h': 0 }, water: { '24h': 0, '72h': 0 } });
    });
  });

  it('counts only those cut off long enough when an outage comes late', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, packWithLifelines());
      // The north corridor is cut at 50 h of a 100 h run: power is short for the last 50 h (a day, not three).
      const scenario = { schemaVersion: 1, id: 'late', title: 'Late', region: './mini', hazards: [{ type: 'outage', targets: ['corridor:north'], atH: 50 }], options: { horizonH: 100 } };
      await writeFile(join(dir, 'late.yaml'), stringify(scenario));
      const summary = await runScenario(await loadScenario(join(dir, 'late.yaml')), { pool });
      const power = summary.lifelines?.residentsWithoutFor['power'];
      expect(summary.lifelines?.unservedPopulation['power']).toBe(1000);
      expect(power?.['24h']).toBe(1000);
      expect(power?.['72h']).toBe(0);
    });
  });

  it('counts those cut off for a day even when service is back by the horizon', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, packWithLifelines());
      // The north corridor is out from 10 h to 50 h of a 100 h run: 40 h at a stretch.
      const scenario = { schemaVersion: 1, id: 'mid', title: 'Mid', region: './mini', hazards: [{ type: 'outage', targets: ['corridor:north'], atH: 10, restoreAtH: 50 }], options: { horizonH: 100 } };
      await writeFile(join(dir, 'mid.yaml'), stringify(scenario));
      const summary = await runScenario(await loadScenario(join(dir, 'mid.yaml')), { pool });
      expect(summary.lifelines?.unservedPopulation['power']).toBe(0);
      expect(summary.lifelines?.residentsWithoutFor['power']).toEqual({ '24h': 1000, '72h': 0 });
      expect(summary.lifelines?.residentHoursWithout['power']).toBe(1000 * 40);
    });
  });

  it('displaces residents after a long utility loss when the region sets the rule', async () => {
    await withTempDir(async (dir) => {
      const files = packWithLifelines();
      (files['region.yaml'] as Record<string, unknown>)['defaults'] = { utilityDisplacement: { afterH: 3, share: 0.5 } };
      await writePack(dir, files);
      const summary = await runCut(dir);
      // At 12 h: a lacks water entirely (4 h ≥ 3 h) → half its 1,000 leave = 500; d likewise
      // half of 4,000 = 2,000; b and c lack a tenth of their power for 12 h → half of 200 and of
      // 300 = 100 and 150. In all 2,750.
      const displaced = Object.fromEntries(summary.zones.map((z) => [z.id, z.displaced]));
      expect(displaced).toEqual({ a: 500, b: 100, c: 150, d: 2000 });
      expect(summary.evacuation?.displaced).toBe(2750);
    });
  });

  it('names lifeline data that does not hold together', async () => {
    await withTempDir(async (dir) => {
      const files = packWithLifelines();
      const features = (files['lifelines.geojson'] as { features: { properties: Record<string, unknown> }[] }).features;
      (features[3] as { properties: Record<string, unknown> }).properties['serves'] = ['zz'];
      (features[11] as { properties: Record<string, unknown> }).properties['to'] = 'P1';
      await writePack(dir, files);
      await writeFile(join(dir, 'cut.yaml'), stringify({ schemaVersion: 1, id: 'cut', title: 'Cut', region: './mini', hazards: [{ type: 'outage', targets: ['corridor:nowhere'] }] }));
      const error = (await loadScenario(join(dir, 'cut.yaml')).catch((e: unknown) => e)) as RenxingError;
      expect(error.issues.map(formatIssue)).toEqual([
        // The scenario's field that led to the pack comes first (issue 24, defect 9).
        "cut.yaml: region: region './mini' cannot be loaded: its pack has the problems below",
        "mini/lifelines.geojson: features[3].properties.serves[0]: unknown zone 'zz'",
        'mini/lifelines.geojson: features[11].properties.to: joins a power node to a water link',
      ]);
    });
  });
});
