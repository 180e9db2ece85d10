import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { createPool } from '../../../../engine/parallel/pool.js';
import { runScenario } from '../../../../engine/run/run-scenario.js';
import { formatIssue, type RenxingError } from '../../../../engine/core/errors.js';
import { pearsonIIIFactor } from '../../../../engine/flood/river/pearson-iii.js';
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

  it('floods the compartment behind a failing levee, and counts and displaces the people on it by depth', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, packWithRivers({ lowland: true }));
      const scenario = { schemaVersion: 1, id: 'storm', title: 'Storm', region: './mini', hazards: [{ type: 'rainfall', durationH: 24, uniformMm: 250 }], options: { horizonH: 96, realizations: 40, seed: 3 } };
      await writeFile(join(dir, 'storm.yaml'), stringify(scenario));
      const summary = await runScenario(await loadScenario(join(dir, 'storm.yaml')), { pool });
      const flood = summary.flood;
      expect(flood?.mass.relativeError).toBeLessThan(1e-9);
      // Storm totals vary too (20 % CV): same seed, same ensemble statistics on one worker as on two.
      await writeFile(join(dir, 'varied.yaml'), stringify({ ...scenario, id: 'varied', hazards: [{ ...scenario.hazards[0], totalsCv: 0.2 }] }));
      const solo = createPool({ workers: 1 });
      try {
        const one = await runScenario(await loadScenario(join(dir, 'varied.yaml')), { pool: solo });
        const two = await runScenario(await loadScenario(join(dir, 'varied.yaml')), { pool });
        expect(one.ensemble).toEqual(two.ensemble);
        expect(one.flood).toEqual(two.flood);
        const rain = two.ensemble?.['flood.mass.rainM3'];
        expect((rain?.p95 ?? 0) / (rain?.p05 ?? 1)).toBeGreaterThan(1.3);
      } finally {
        await solo.destroy();
      }
      const failures = flood?.leveeFailures ?? [];
      expect(failures.every((f) => f.floods === 'lowland')).toBe(true);
      // The river rises well past its design depth, so most sampled levees breach, not all.
      const breach = failures.find((f) => f.kind === 'breach');
      expect(breach?.probability).toBeGreaterThan(0.5);
      expect(failures.find((f) => f.kind === 'overtopping')?.probability).toBe(1);

      // Every realization's compartment holds what left the river; with one realization, check the plane exactly.
      const single = { ...scenario, id: 'one', options: { horizonH: 96, realizations: 1, seed: 3 } };
      await writeFile(join(dir, 'one.yaml'), stringify(single));
      const one = await runScenario(await loadScenario(join(dir, 'one.yaml')), { pool });
      const left = (one.flood?.leveeFailures ?? []).reduce((s, f) => s + f.volumeM3, 0);
      const lowland = one.flood?.floodedAreas.find((a) => a.id === 'lowland');
      // (Summary volumes carry four significant figures.)
      expect((lowland?.maxVolumeM3 ?? 0) / left).toBeCloseTo(1, 3);
      expect((one.flood?.mass.floodplainM3 ?? 0) / (lowland?.maxVolumeM3 ?? 1)).toBeCloseTo(1, 3);
      // A plane of 60 km² full at 2 m: s = √(2·H·V/A) below 60 million m³, else 2 + (V − 60e6)/A.
      const v = lowland?.maxVolumeM3 ?? 0;
      const s = v <= 60e6 ? Math.sqrt((2 * 2 * v) / 60e6) : 2 + (v - 60e6) / 60e6;
      expect(lowland?.maxStageM).toBeCloseTo(s, 2);
      const floodedKm2 = Math.min(s / 2, 1) * 60;
      expect(lowland?.floodedAreaKm2).toBeCloseTo(floodedKm2, 2);
      // Zones c and d hold 40 and 20 of the 60 km² at densities 30 and 40 per km²: 1,200 and 800 residents on the land.
      const c = one.zones.find((z) => z.id === 'c')?.flood;
      const d = one.zones.find((z) => z.id === 'd')?.flood;
      expect(c?.floodedAreaKm2).toBeCloseTo((floodedKm2 * 40) / 60, 2);
      expect(c?.populationExposed).toBe(Math.round((1200 * floodedKm2) / 60));
      // Zone d also holds the detention basin, whose 25,000 counted residents exceed the zone's 4,000: capped at the zone.
      expect(d?.populationExposed).toBe(4000);
      expect(c?.maxDepthM).toBeCloseTo(s, 2);
      expect(Object.values(c?.byDepthBand ?? {}).reduce((a, b) => a + b, 0)).toBeCloseTo(c?.populationExposed ?? 0, -1);
      // Displaced by depth: residents on ground under ≥ 0.5 m of water, i.e. ground below s − 0.5.
      const deepKm2 = Math.min(Math.max(s - 0.5, 0) / 2, 1) * 60;
      expect(one.flood?.exposure.displacedByDepth.mean).toBeCloseTo((2000 * deepKm2) / 60, 0);
      expect(one.flood?.exposure.populationExposed.mean).toBeCloseTo((1200 * floodedKm2) / 60 + 4000, 0);
    });
  });

  it('routes a design flood given at a station, and follows the scenario’s reservoir and gate assumptions', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, packWithRivers());
      const run = async (id: string, extra: Record<string, unknown>) => {
        await writeFile(join(dir, `${id}.yaml`), stringify({ schemaVersion: 1, id, title: id, region: './mini', options: { horizonH: 96 }, ...extra }));
        return (await runScenario(await loadScenario(join(dir, `${id}.yaml`)), { pool })).flood;
      };
      // A triangle rising to 800 m³/s at 6 h and back to 0 at 24 h: 0.5 × 24 h × 800 m³/s = 34.56 million m³.
      const design = await run('design', { hazards: [{ type: 'designFlood', node: 'gauge', hydrographM3s: [[0, 0], [6, 800], [24, 0]], atH: 2 }] });
      expect(design?.mass.externalInflowM3).toBeCloseTo(34.56e6, -2);
      expect(design?.mass.rainM3).toBe(0);
      expect(design?.mass.relativeError).toBeLessThan(1e-9);
      expect(design?.stations.find((s) => s.id === 'gauge')?.peakDischargeM3s).toBeCloseTo(800, 0);
      expect(design?.detentionBasins[0]?.activated).toBe(true);
      // The same flood as the typical one of a design flood at the dam scaled to 2,000 m³/s: its
      // shape is the gauge's outflow in that run, × 2,000 / that run's peak.
      const shaped = await run('shaped', { hazards: [{ type: 'designFlood', node: 'dam', shapeFrom: { scenario: 'design.yaml', node: 'gauge' }, peakM3s: 2000, basis: 'a test value' }] });
      expect(shaped?.designFloods).toEqual([{ node: 'dam', peakM3s: 2000, basis: 'a test value', shapeFrom: 'design.yaml at gauge' }]);
      expect(shaped?.mass.externalInflowM3).toBeGreaterThan(0);
      expect(shaped?.reservoirs[0]?.peakInflowM3s).toBeCloseTo(2000, 6);
      // The basin's gates fail: it takes nothing, so more goes over the last levees.
      const failed = await run('gates-fail', { hazards: [{ type: 'designFlood', node: 'gauge', hydrographM3s: [[0, 0], [6, 800], [24, 0]], atH: 2 }], river: { detentionBasins: { basin: { gatesFail: true } } } });
      expect(failed?.detentionBasins[0]).toMatchObject({ activated: false, residents: 0, maxStoredM3: 0 });
      expect(failed?.mass.floodplainM3).toBeGreaterThan(design?.mass.floodplainM3 ?? Infinity);
      // A reservoir that starts full passes the storm on: its peak release rises.
      const storm = { type: 'rainfall', durationH: 24, uniformMm: 250 };
      const normal = await run('normal', { hazards: [storm] });
      const full = await run('full', { hazards: [storm], river: { reservoirs: { dam: { startsFull: true } } } });
      expect(full?.reservoirs[0]?.peakOutflowM3s).toBeGreaterThan(normal?.reservoirs[0]?.peakOutflowM3s ?? Infinity);
      expect(full?.mass.relativeError).toBeLessThan(1e-9);
    });
  });

  it('names unknown nodes, reservoirs and basins in a scenario', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, packWithRivers());
      await writeFile(join(dir, 'bad.yaml'), stringify({
        schemaVersion: 1, id: 'bad', title: 'Bad', region: './mini',
        hazards: [{ type: 'designFlood', node: 'nowhere', hydrographM3s: [[0, 0], [0, 5]] }],
        river: { reservoirs: { ghost: { startsFull: true }, dam: { startsFull: true, initialStorageM3: 1 } }, detentionBasins: { pond: { gatesFail: true } } },
      }));
      const messages = await loadScenario(join(dir, 'bad.yaml')).then(() => [], (e: RenxingError) => e.issues.map(formatIssue));
      expect(messages).toEqual(expect.arrayContaining([
        "bad.yaml: river.reservoirs.ghost: unknown reservoir 'ghost' in region 'mini'",
        'bad.yaml: river.reservoirs.dam: give startsFull or initialStorageM3, not both',
        "bad.yaml: river.detentionBasins.pond: unknown detention basin 'pond' in region 'mini'",
        "bad.yaml: hazards[0].node: unknown river node 'nowhere' in region 'mini'",
        'bad.yaml: hazards[0].hydrographM3s[1]: hours must increase (0 after 0)',
      ]));
    });
  });

  it('builds a design storm by return period from the sub-basins’ annual-maximum statistics', async () => {
    await withTempDir(async (dir) => {
      const files = packWithRivers();
      const rivers = files['rivers.geojson'] as { features: { properties: Record<string, unknown> }[] };
      const stats = { upper: { meanMm: 120, cv: 0.5 }, lower: { meanMm: 100, cv: 0.45 } };
      for (const f of rivers.features) {
        const s = stats[f.properties['id'] as 'upper' | 'lower'];
        if (s) f.properties['designRain'] = [{ durationH: 24, ...s, source: 'test statistics' }];
      }
      await writePack(dir, files);
      const storm = { schemaVersion: 1, id: 'design', title: 'Design', region: './mini', hazards: [{ type: 'rainfall', durationH: 24, returnPeriodYears: 100 }], options: { horizonH: 72 } };
      await writeFile(join(dir, 'design.yaml'), stringify(storm));
      const flood = (await runScenario(await loadScenario(join(dir, 'design.yaml')), { pool })).flood;
      // Rain volume = Σ area × x̄ (1 + Cv K_p), K_p of skew 3.5 Cv at 1 %.
      const depth = (mean: number, cv: number): number => mean * (1 + cv * pearsonIIIFactor(3.5 * cv, 0.01));
      expect(flood?.mass.rainM3).toBeCloseTo(1500e6 * (depth(120, 0.5) / 1000) + 700e6 * (depth(100, 0.45) / 1000), -3);
      expect(flood?.mass.relativeError).toBeLessThan(1e-9);
      // No statistics for 72 h: the loader says which sub-basins lack them.
      await writeFile(join(dir, 'long.yaml'), stringify({ ...storm, id: 'long', hazards: [{ type: 'rainfall', durationH: 72, returnPeriodYears: 100 }] }));
      const messages = await loadScenario(join(dir, 'long.yaml')).then(() => [], (e: RenxingError) => e.issues.map(formatIssue));
      expect(messages).toEqual(["long.yaml: hazards[0].returnPeriodYears: design storms need annual-maximum rainfall statistics (designRain) for a 72 h duration, which region 'mini' lacks on 2 sub-basin(s) (upper, lower); give totalsMm or uniformMm"]);
    });
  });
});

describe('a historical storm transposed onto other sub-basins and scaled', () => {
  const pool = createPool({ workers: 1 });
  afterAll(async () => { await pool.destroy(); });
  // The source storm: 200 mm on `upper` (1,500 km²), 100 mm on `lower` (700 km²), 24 h triangular.
  const source = { schemaVersion: 1, id: 'historic', title: 'Historic', region: './mini', hazards: [{ type: 'rainfall', durationH: 24, totalsMm: { upper: 200, lower: 100 } }], options: { horizonH: 96 } };

  it('rains the source totals on the targets, times the factor: volume = k × Σ source depth × target area', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, packWithRivers());
      await writeFile(join(dir, 'historic.yaml'), stringify(source));
      // Swapped: upper takes lower's 100 mm, lower takes upper's 200 mm; × 1.5.
      // 1.5 × (100 mm × 1,500 km² + 200 mm × 700 km²) = 1.5 × 290 million m³ = 435 million m³.
      const moved = { ...source, id: 'moved', hazards: [{ type: 'rainfall', durationH: 24, transposedFrom: { scenario: 'historic.yaml', onto: { upper: 'lower', lower: 'upper' } }, scale: 1.5 }] };
      await writeFile(join(dir, 'moved.yaml'), stringify(moved));
      const summary = await runScenario(await loadScenario(join(dir, 'moved.yaml')), { pool });
      expect(summary.flood?.mass.rainM3).toBeCloseTo(435e6, -1);
      expect(summary.flood?.storms).toEqual([{ durationH: 24, rainM3: 435e6, meanMm: 197.7, scale: 1.5, transposedFrom: 'historic.yaml' }]);
      expect(summary.flood?.mass.relativeError).toBeLessThan(1e-9);
    });
  });

  it('names a source sub-basin without a total, a time pattern that differs, and a missing storm', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, packWithRivers());
      await writeFile(join(dir, 'historic.yaml'), stringify(source));
      const bad = { ...source, id: 'bad', hazards: [{ type: 'rainfall', durationH: 12, transposedFrom: { scenario: 'historic.yaml', onto: { upper: 'elsewhere' } } }, { type: 'rainfall', durationH: 24, transposedFrom: { scenario: 'historic.yaml', hazard: 3, onto: { upper: 'upper' } } }] };
      await writeFile(join(dir, 'bad.yaml'), stringify(bad));
      const lines = await loadScenario(join(dir, 'bad.yaml')).then(() => [], (e: RenxingError) => e.issues.map(formatIssue));
      expect(lines).toEqual([
        "bad.yaml: hazards[0].durationH: a transposed storm keeps its time pattern: 'historic.yaml' rains 24 h, triangular; this hazard says 12 h, triangular",
        "bad.yaml: hazards[0].transposedFrom.onto.upper: 'elsewhere' has no total in 'historic.yaml' (it gives: upper, lower)",
        "bad.yaml: hazards[1].transposedFrom.hazard: 'historic.yaml' has 1 rainfall hazard(s); no rainfall 3",
      ]);
    });
  });
});
