/**
 * Bridges: the zoning-spectrum Sa(1.0 s) against a worked example, the Hazus median modifiers by
 * hand, sampled states against the modified curves at the worst-shaken zone, and a bridged rail
 * link in a scenario, with the pack errors a planner can make.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue, RenxingError } from '../../../engine/core/errors.js';
import { createPool } from '../../../engine/parallel/pool.js';
import { createRng } from '../../../engine/parallel/rng.js';
import { phi } from '../../../engine/quake/damage.js';
import { bridgeMedians, HAZUS_BRIDGE_CLASSES, type BridgeFragility } from '../../../engine/quake/fragility/hazus-bridges.js';
import { sampleLifelineDamage, type LifelineDamageModel } from '../../../engine/quake/lifeline-damage.js';
import { characteristicPeriod, siteCharacteristicPeriod, spectralAcceleration } from '../../../engine/quake/spectral-shape.js';
import { runScenario } from '../../../engine/run/run-scenario.js';
import { loadScenario } from '../../../engine/scenario/load-scenario.js';
import { packWithLifelines } from '../../fixtures/lifeline-pack.js';
import { withTempDir, writePack } from '../../fixtures/mini-pack.js';

const hwb = (id: string): BridgeFragility => HAZUS_BRIDGE_CLASSES[id] as BridgeFragility;

describe('spectral acceleration from peak ground motion', () => {
  it('reproduces the zoning-model check: aE 350 gal, vE 24.2 cm/s → Tg 0.434 s, Sa(1.0 s) ≈ 0.42 g', () => {
    // research/ground-motion.md: the two GB 18306 implementations give Tg = 2π·24.2/350 = 0.4344 s
    // and Sa(1.0) = 2.5 · 0.3569 g · 0.4344^0.9 = 0.421 g for Ms 7.0 at 20 km on the long axis.
    const pga = 350 / 980.665;
    const tg = characteristicPeriod(pga, 24.2);
    expect(tg).toBeCloseTo(0.4344, 4);
    expect(spectralAcceleration(pga, tg, 1)).toBeCloseTo(0.421, 3);
    // On the plateau (T ≤ Tg) Sa is 2.5 times the peak.
    expect(spectralAcceleration(pga, tg, 0.3)).toBeCloseTo(2.5 * pga, 12);
    expect(spectralAcceleration(0, tg, 1)).toBe(0);
  });

  it('moves Tg with the site class as GB 50011 Table 5.1.4-2 does, holding the ratio beyond the table', () => {
    expect(siteCharacteristicPeriod('II', 0.4)).toBeCloseTo(0.4, 12);
    expect(siteCharacteristicPeriod('III', 0.4)).toBeCloseTo(0.55, 12);
    expect(siteCharacteristicPeriod('IV', 0.35)).toBeCloseTo(0.65, 12);
    expect(siteCharacteristicPeriod('I0', 0.45)).toBeCloseTo(0.3, 12);
    // Halfway between design groups 1 and 2 on class III: ratio halfway between 0.45/0.35 and 0.55/0.40.
    expect(siteCharacteristicPeriod('III', 0.375)).toBeCloseTo(0.375 * (0.45 / 0.35 + 0.55 / 0.4) / 2, 12);
    expect(siteCharacteristicPeriod('IV', 0.2)).toBeCloseTo(0.2 * (0.65 / 0.35), 12);
  });
});

describe('Hazus bridge medians', () => {
  it('applies K3D and Kskew to moderate … complete, and Kshape to the slight median of shape-sensitive classes', () => {
    // HWB10 (continuous concrete, conventional): EQ2 K3D = 1 + 0.33/N; Ishape 1.
    // 3 spans, 30° skew, Sa(0.3) = 1.0 g, Sa(1.0) = 0.2 g: Kshape = 2.5·0.2/1.0 = 0.5,
    // Kskew = √sin 60° = 0.930605, K3D = 1.11.
    const [slight, moderate, extensive, complete] = bridgeMedians(hwb('hazus-hwb10'), 3, 30, 1, 0.2);
    const k = Math.sqrt(Math.sin(Math.PI / 3)) * 1.11;
    expect(slight).toBeCloseTo(0.6 * 0.5, 12);
    expect(moderate).toBeCloseTo(0.9 * k, 12);
    expect(extensive).toBeCloseTo(1.1 * k, 12);
    expect(complete).toBeCloseTo(1.5 * k, 12);
    // Kshape never raises the median (capped at 1), and classes with Ishape 0 ignore it.
    expect(bridgeMedians(hwb('hazus-hwb10'), 3, 0, 0.2, 0.2)[0]).toBeCloseTo(0.6, 12);
    expect(bridgeMedians(hwb('hazus-hwb2'), 1000, 0, 1, 0.2)[0]).toBeCloseTo(0.6, 12);
    // HWB2, EQ1: K3D = 1 + 0.25/(N − 1); HWB28 has none.
    expect(bridgeMedians(hwb('hazus-hwb2'), 5, 0, 1, 1)[2]).toBeCloseTo(1.1 * 1.0625, 12);
    expect(bridgeMedians(hwb('hazus-hwb28'), 5, 0, 1, 1)[2]).toBeCloseTo(1.2, 12);
  });

  it('draws bridge states with the frequencies of the modified curves at the worst-shaken zone crossed', () => {
    const n = 20_000;
    const f = hwb('hazus-hwb5');
    const model: LifelineDamageModel = {
      components: Int32Array.from({ length: n }, (_, k) => k), zones: new Int32Array(0), fragility: [], pipes: [],
      bridges: Array.from({ length: n }, () => ({ fragility: f, spans: 4, skewDeg: 0, zones: [0, 1, 2] })),
    };
    // Zone 1 is shaken hardest at 1.0 s.
    const shaking = { pgaG: Float64Array.of(0.3, 0.3, 0.3), pgvCmS: new Float64Array(3), sa03G: Float64Array.of(0.7, 0.8, 0.9), sa10G: Float64Array.of(0.2, 0.5, 0.3) };
    const states = sampleLifelineDamage(model, shaking, createRng(9, 0, 'bridges'));
    const medians = bridgeMedians(f, 4, 0, 0.8, 0.5);
    for (let k = 1; k <= 4; k++) {
      const expected = phi(Math.log(0.5 / (medians[k - 1] as number)) / 0.6);
      const observed = states.reduce((c, s) => c + (s >= k ? 1 : 0), 0) / n;
      expect(Math.abs(observed - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / n) + 1e-9);
    }
  });
});

describe('an earthquake under a bridged railway', () => {
  const pool = createPool({ workers: 1 });
  afterAll(async () => { await pool.destroy(); });

  it('takes the link out in some realizations; a bridge class off a road or rail link, or without its bridge, is an error', async () => {
    await withTempDir(async (dir) => {
      const files = packWithLifelines();
      const collection = files['lifelines.geojson'] as { features: { properties: Record<string, unknown>; geometry: unknown }[] };
      const station = (id: string, coordinates: number[]) => ({ type: 'Feature', geometry: { type: 'Point', coordinates }, properties: { kind: 'node', id, name: id, system: 'rail', role: 'transfer' } });
      const railway = {
        type: 'Feature', geometry: { type: 'LineString', coordinates: [[116.1, 40.1], [116.3, 40.3]] },
        properties: { kind: 'link', id: 'R1-R2', name: 'viaduct line', system: 'rail', from: 'R1', to: 'R2', capacity: 10000, fragility: 'hazus-hwb5', bridge: { name: 'test viaduct', spans: 40 } },
      };
      collection.features.push(station('R1', [116.1, 40.1]), station('R2', [116.3, 40.3]), railway);
      await writePack(dir, files);
      const scenario = { schemaVersion: 1, id: 'quake', title: 'Quake', region: './mini', hazards: [{ type: 'earthquake', epicenter: [116.2, 40.2], magnitude: 7.5, depthKm: 10 }], options: { horizonH: 12, realizations: 20 } };
      await writeFile(join(dir, 'quake.yaml'), stringify(scenario));
      const summary = await runScenario(await loadScenario(join(dir, 'quake.yaml')), { pool });
      const bridge = summary.lifelines?.quakeDamage?.find((d) => d.id === 'R1-R2');
      expect(bridge?.fragility).toBe('hazus-hwb5');
      expect(bridge?.probabilityOutOfService).toBeGreaterThan(0);
      expect(summary.zones.every((z) => (z.quake?.sa10G ?? 0) > 0)).toBe(true);

      const problems = async (): Promise<string[]> => {
        await writePack(dir, files);
        return loadScenario(join(dir, 'quake.yaml')).then(() => [], (error: unknown) => (error instanceof RenxingError ? error.issues.map(formatIssue) : [String(error)]));
      };
      const water = collection.features.find((f) => f.properties['id'] === 'W-WD') as { properties: Record<string, unknown> };
      water.properties['fragility'] = 'hazus-hwb2';
      railway.properties.bridge = { name: 'test viaduct', spans: 1 };
      expect(await problems()).toEqual(expect.arrayContaining([
        expect.stringMatching(/features\[\d+\]\.properties\.fragility: 'hazus-hwb2' is a bridge class, for road and rail links/),
        expect.stringMatching(/features\[\d+\]\.properties\.bridge\.spans: HWB5 is a multi-span class .* got 1 span\(s\); a single span is HWB3 or HWB4/),
      ]));
      delete water.properties['fragility'];
      delete (railway.properties as Partial<typeof railway.properties>).bridge;
      water.properties['bridge'] = { name: 'not a bridge', spans: 3 };
      expect(await problems()).toEqual(expect.arrayContaining([
        expect.stringMatching(/features\[\d+\]\.properties\.bridge: a link with bridge class 'hazus-hwb5' needs its bridge/),
        expect.stringMatching(/features\[\d+\]\.properties\.bridge: a bridge needs a bridge fragility class/),
      ]));
    });
  });
});
