/**
 * The flood chain end to end on the mini pack: rain → river → a leveed reach overtops → its
 * compartment fills and drains → a substation, a road and the pumps that need the substation go
 * out and come back → residents lose power and leave → evacuation; the same with an earthquake on
 * the same clock.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { createPool } from '../../../engine/parallel/pool.js';
import { runScenario } from '../../../engine/run/run-scenario.js';
import { whatIf } from '../../../engine/run/what-if.js';
import type { Summary } from '../../../engine/run/summary.js';
import { loadScenario } from '../../../engine/scenario/load-scenario.js';
import { withTempDir, writePack } from '../../fixtures/mini-pack.js';
import { packWithRivers } from '../../fixtures/river-pack.js';

/**
 * The river pack's lowland compartment drawn as a square around (116.3, 40.0), draining at
 * 300 m³/s, behind a levee (450 m³/s) that overtops but does not breach; in it a substation S on ground 1.5 m
 * above the lowest, feeding delivery D (zones c and d) from plant P outside, a water plant W that
 * needs S (6 h of backup), and a road R1–R2 across it on ground 0.5 m.
 */
function floodedPack(): Record<string, unknown> {
  const files = packWithRivers({ lowland: true }) as { 'rivers.geojson': { features: { geometry: unknown; properties: Record<string, unknown> }[] } } & Record<string, unknown>;
  for (const f of files['rivers.geojson'].features) {
    if (f.properties['id'] === 'lowland') {
      f.geometry = { type: 'Polygon', coordinates: [[[116.25, 39.95], [116.35, 39.95], [116.35, 40.05], [116.25, 40.05], [116.25, 39.95]]] };
      f.properties['drainageM3s'] = 300;
    }
    if (f.properties['id'] === 'basin-sea') {
      delete f.properties['leveeReturnPeriodYears'];
      f.properties['capacityM3s'] = 450;
    }
  }
  const node = (id: string, system: string, role: string, at: [number, number], extra: Record<string, unknown> = {}) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: { kind: 'node', id, name: id, system, role, ...extra } });
  const link = (id: string, system: string, from: string, to: string, line: [number, number][], capacity: number, extra: Record<string, unknown> = {}) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates: line }, properties: { kind: 'link', id, name: id, system, from, to, capacity, ...extra } });
  files['lifelines.geojson'] = {
    type: 'FeatureCollection',
    features: [
      node('P', 'power', 'source', [116.0, 40.5], { capacity: 10000 }),
      node('S', 'power', 'transfer', [116.3, 40.0], { zone: 'c', fragility: 'hazus-ess5', flood: { groundM: 1.5 } }),
      node('D', 'power', 'delivery', [116.1, 40.3], { serves: ['c', 'd'] }),
      node('W', 'water', 'source', [116.1, 40.4], { capacity: 10000, dependsOn: [{ suppliers: ['S'], backupHours: 6 }] }),
      node('WD', 'water', 'delivery', [116.1, 40.3], { serves: ['c', 'd'] }),
      node('R1', 'road', 'transfer', [116.2, 40.02], { zone: 'c' }), node('R2', 'road', 'transfer', [116.4, 40.02], { zone: 'd' }),
      link('P-S', 'power', 'P', 'S', [[116.0, 40.5], [116.3, 40.0]], 10000), link('S-D', 'power', 'S', 'D', [[116.3, 40.0], [116.1, 40.3]], 10000),
      link('W-WD', 'water', 'W', 'WD', [[116.1, 40.4], [116.1, 40.3]], 10000),
      link('R1-R2', 'road', 'R1', 'R2', [[116.2, 40.02], [116.4, 40.02]], 2000, { flood: { groundM: 0.5 }, corridor: 'east' }),
    ],
  };
  return files;
}

const storm = { type: 'rainfall', durationH: 24, uniformMm: 160 };

async function run(dir: string, id: string, hazards: unknown[], options: Record<string, unknown>, pool: ReturnType<typeof createPool>): Promise<Summary> {
  await writeFile(join(dir, `${id}.yaml`), stringify({ schemaVersion: 1, id, title: id, region: './mini', hazards, options: { horizonH: 240, ...options } }));
  return runScenario(await loadScenario(join(dir, `${id}.yaml`)), { pool, now: () => 0 });
}

describe('a flood that cuts lifelines and roads', () => {
  const pool = createPool({ workers: 2 });
  const serial = createPool({ workers: 1 });
  afterAll(async () => { await Promise.all([pool.destroy(), serial.destroy()]); });

  it('puts the substation out when its water rises past its floor, and back after the water has gone and two days of restoration', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, floodedPack());
      const summary = await run(dir, 'storm', [storm], {}, pool);
      expect(summary.flood?.mass.relativeError).toBeLessThan(1e-9);
      const lowland = summary.flood?.floodedAreas.find((a) => a.id === 'lowland');
      const hourly = lowland?.hourlyStageM ?? [];
      const s = summary.lifelines?.floodDamage?.find((d) => d.id === 'S');
      expect(s).toMatchObject({ system: 'power', floodClass: 'substation', areas: ['lowland'], probabilityOut: 1, probabilityStillOut: 0 });
      // Out between the last hour the level was at or below 1.5 m and the first it was above.
      const wet = hourly.findIndex((x) => x > 1.5);
      expect(wet).toBeGreaterThan(0);
      expect(s?.outAtH).toBeGreaterThan(wet - 1);
      expect(s?.outAtH).toBeLessThanOrEqual(wet);
      // The compartment drains: back 48 h (shallow water, < 1 m over the floor) after the level fell to 1.5 m.
      expect(s?.maxDepthM).toBeCloseTo((lowland?.maxStageM ?? 0) - 1.5, 1);
      expect(s?.maxDepthM).toBeLessThan(1);
      const dryAgain = hourly.findLastIndex((x) => x > 1.5) + 1;
      expect((s?.backAtH ?? 0) - 48).toBeGreaterThan(dryAgain - 1);
      expect((s?.backAtH ?? 0) - 48).toBeLessThanOrEqual(dryAgain);
      // The road across the compartment closes once 0.3 m stand on its 0.5 m ground, and opens when it falls back.
      const road = summary.lifelines?.floodDamage?.find((d) => d.id === 'R1-R2');
      expect(road).toMatchObject({ floodClass: 'road', corridor: 'east' });
      expect(road?.outAtH).toBeGreaterThan(hourly.findIndex((x) => x > 0.8) - 1);
      expect(road?.backAtH).toBeLessThan(s?.backAtH ?? 0);
      // The water plant's backup lasts 6 h after S goes.
      const failed = summary.lifelines?.failedComponents ?? [];
      const sOut = failed.find((f) => f.id === 'S');
      expect(sOut).toMatchObject({ cause: 'flood' });
      const wOut = failed.find((f) => f.id === 'W');
      expect(wOut).toMatchObject({ cause: 'lost S' });
      expect(wOut?.atH).toBeCloseTo((sOut?.atH ?? 0) + 6, 9);
      expect(wOut?.restoredAtH).toBeCloseTo(sOut?.restoredAtH ?? 0, 9);
      // Zones c and d are without power while S is out, and the homes on their flooded land longer
      // (cut while under water and until restored): all of it the water's doing.
      const c = summary.zones.find((z) => z.id === 'c');
      const outH = (sOut?.restoredAtH ?? 0) - (sOut?.atH ?? 0);
      expect(c?.serviceHoursLost?.['power']).toBeGreaterThan(outH);
      expect(c?.serviceHoursLostToFlood?.['power']).toBe(c?.serviceHoursLost?.['power']);
      expect(summary.lifelines?.floodRules?.['substation']).toMatch(/Hazus/);
      // What-if at an hour the substation is under water: it, the pumps and the road are out, zones c and d
      // without power; restoring it brings them back; at the horizon nothing is out.
      const loaded = await loadScenario(join(dir, 'storm.yaml'));
      const during = ((sOut?.atH ?? 0) + (sOut?.restoredAtH ?? 0)) / 2;
      const flooded = whatIf(loaded, [], [], summary, during);
      expect(flooded.failedComponents.map((f) => [f.id, f.cause])).toEqual([['S', 'flood'], ['W', 'lost S'], ['R1-R2', 'flood']]);
      expect(flooded.unservedPopulation['power']).toBe(7000);
      expect(whatIf(loaded, [], ['S'], summary, during).unservedPopulation['power']).toBe(0);
      expect(whatIf(loaded, [], [], summary).failedComponents).toEqual([]);
    });
  });

  it('gives the same summary on one worker as on two', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, floodedPack());
      const varied = [{ ...storm, totalsCv: 0.3 }];
      const one = await run(dir, 'varied', varied, { realizations: 6, seed: 5 }, serial);
      const two = await run(dir, 'varied', varied, { realizations: 6, seed: 5 }, pool);
      expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    });
  });

  it('puts an earthquake\'s damage and the flood\'s water on one clock, and credits the water only with the hours it added', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, floodedPack());
      const flood = await run(dir, 'flood', [storm], {}, pool);
      // A shallow Ms 7.5 under zone c (where S feels its shaking) 200 h in, after the water has gone: it damages S in most realizations.
      const quake = { type: 'earthquake', epicenter: [116.0, 40.5], magnitude: 7.5, depthKm: 8, atH: 200 };
      const shaken = await run(dir, 'quake', [quake], { realizations: 20, seed: 2 }, pool);
      const both = await run(dir, 'compound', [storm, quake], { realizations: 20, seed: 2 }, pool);
      expect(both.flood?.mass.relativeError).toBeLessThan(1e-9);
      const causes = new Set((both.lifelines?.failedComponents ?? []).filter((f) => f.id === 'S').map((f) => f.cause));
      expect(causes).toEqual(new Set(['flood', 'earthquake']));
      expect(both.lifelines?.quakeDamage?.find((d) => d.id === 'S')?.probabilityOutOfService).toBeGreaterThan(0.5);
      // The water is credited with the hours beyond what the earthquake alone causes (the same seed:
      // the same damage), never more than the flood alone causes (the two overlap after 200 h).
      const hoursOf = (s: typeof both, id: string): number => s.zones.find((z) => z.id === id)?.serviceHoursLost?.['power'] ?? 0;
      for (const id of ['c', 'd']) {
        const water = both.zones.find((z) => z.id === id)?.serviceHoursLostToFlood?.['power'] ?? 0;
        expect(water).toBeCloseTo(hoursOf(both, id) - hoursOf(shaken, id), 1);
        expect(water).toBeLessThanOrEqual(hoursOf(flood, id) + 0.01);
        expect(hoursOf(both, id)).toBeGreaterThanOrEqual(hoursOf(flood, id));
      }
      expect(hoursOf(both, 'c')).toBeGreaterThan(hoursOf(flood, 'c') + 1);
    });
  });
});
