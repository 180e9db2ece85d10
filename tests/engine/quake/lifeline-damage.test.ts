/**
 * Lifeline component damage: sampled states follow the lognormal fragility curves they are drawn
 * from (frequencies against Φ(ln(PGA/median)/β)), no shaking means no damage, and in a scenario a
 * damaged substation cascades to the water it powers.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { createPool } from '../../../engine/parallel/pool.js';
import { runScenario } from '../../../engine/run/run-scenario.js';
import { loadScenario } from '../../../engine/scenario/load-scenario.js';
import { packWithLifelines } from '../../fixtures/lifeline-pack.js';
import { withTempDir, writePack } from '../../fixtures/mini-pack.js';
import { phi } from '../../../engine/quake/damage.js';
import { sampleLifelineDamage, type LifelineDamageModel } from '../../../engine/quake/lifeline-damage.js';
import { createRng } from '../../../engine/parallel/rng.js';

/** One zone's shaking with only PGA set (what facility curves read). */
const shakingOf = (pgaG: Float64Array) => ({ pgaG, pgvCmS: new Float64Array(pgaG.length), sa03G: new Float64Array(pgaG.length), sa10G: new Float64Array(pgaG.length) });

const curves = { hazusClass: 'test', description: 'test curves', medians: [0.15, 0.25, 0.35, 0.7] as const, betas: [0.7, 0.5, 0.4, 0.4] as const };

describe('lifeline component damage', () => {
  it('draws states with the frequencies of the fragility curves', () => {
    const n = 20_000;
    const model: LifelineDamageModel = { components: Int32Array.from({ length: n }, (_, k) => k), zones: new Int32Array(n), fragility: Array.from({ length: n }, () => curves), pipes: [], bridges: [] };
    const pga = Float64Array.of(0.3);
    const states = sampleLifelineDamage(model, shakingOf(pga), createRng(3, 0, 'test'));
    for (let k = 1; k <= 4; k++) {
      const expected = phi(Math.log(0.3 / (curves.medians[k - 1] as number)) / (curves.betas[k - 1] as number));
      const observed = states.reduce((c, s) => c + (s >= k ? 1 : 0), 0) / n;
      // Binomial standard error at n = 20,000 is at most 0.0036: allow 4 of them.
      expect(Math.abs(observed - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / n) + 1e-9);
    }
  });

  it('leaves components undamaged without shaking', () => {
    const model: LifelineDamageModel = { components: Int32Array.of(0, 1, 2), zones: Int32Array.of(0, 0), fragility: [curves, curves], pipes: [{ fragility: { hazusClass: 'PWP1', description: 'brittle', factor: 1 }, route: { zones: [0], km: [50] } }], bridges: [] };
    expect([...sampleLifelineDamage(model, shakingOf(Float64Array.of(0)), createRng(1, 0, 'x'))]).toEqual([0, 0, 0]);
  });
});

describe('an earthquake under a substation', () => {
  const pool = createPool({ workers: 1 });
  afterAll(async () => { await pool.destroy(); });

  it('puts it out of service and the cascade takes water away once the backup runs out', async () => {
    await withTempDir(async (dir) => {
      const files = packWithLifelines();
      const features = (files['lifelines.geojson'] as { features: { properties: Record<string, unknown> }[] }).features;
      const substation = features.find((f) => f.properties['id'] === 'S') as { properties: Record<string, unknown> };
      Object.assign(substation.properties, { zone: 'a', fragility: 'hazus-ess5' });
      await writePack(dir, files);
      // Ms 7.5 at 10 km under zone a: PGA well above ESS5's extensive median (0.20 g, β 0.35),
      // so S is out in nearly every realization; P1's power reaches zones a and b only through S,
      // and water plant W, fed through S, stops when its 6 h of backup end, before the 12 h horizon.
      const scenario = { schemaVersion: 1, id: 'quake', title: 'Quake', region: './mini', hazards: [{ type: 'earthquake', epicenter: [116.0, 40.0], magnitude: 7.5, depthKm: 10 }], options: { horizonH: 12, realizations: 20 } };
      await writeFile(join(dir, 'quake.yaml'), stringify(scenario));
      const summary = await runScenario(await loadScenario(join(dir, 'quake.yaml')), { pool });
      const pga = summary.zones.find((z) => z.id === 'a')?.quake?.pgaG ?? 0;
      expect(pga).toBeGreaterThan(0.3);
      const s = summary.lifelines?.quakeDamage?.find((d) => d.id === 'S');
      expect(s?.probabilityOutOfService).toBeGreaterThanOrEqual(0.9);
      expect(summary.lifelines?.unservedPopulation['water']).toBeGreaterThanOrEqual(0.9 * 5000);
      expect(summary.zones.find((z) => z.id === 'd')?.serviceHoursLost?.['water']).toBeGreaterThan(0);
    });
  });
});
