import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_REGIONS_DIR } from '../../../engine/core/paths.js';
import { createRng } from '../../../engine/parallel/rng.js';
import { allocateDamageOutput, assessBuildingDamage, compileDamageModel, damageStateProbabilities, phi, sampleDamageStates } from '../../../engine/quake/damage.js';
import { HAZUS_CLASSES } from '../../../engine/quake/fragility/hazus-equivalent-pga.js';
import { loadRegion } from '../../../engine/region/load-region.js';
import type { Exposure } from '../../../engine/region/region.js';

const oneClass = (fragility: string): Exposure => ({ classes: [{ id: 'x', name: 'x', fragility }], shares: Float64Array.from([1, 1]), occupancy: { night: 1, day: 0.5 }, matrices: [], defaultVulnerability: 'hazus' });

describe('fragility', () => {
  it('evaluates Φ to 1e-7 (reference values from the normal table)', () => {
    expect(phi(0)).toBeCloseTo(0.5, 7);
    expect(phi(1.959964)).toBeCloseTo(0.975, 6);
    expect(phi(-1)).toBeCloseTo(0.158655254, 6);
    expect(phi(3)).toBeCloseTo(0.998650102, 6);
    expect(phi(-9)).toBe(0);
    expect(phi(9)).toBe(1);
  });

  it('gives non-negative damage-state probabilities summing to 1, at any PGA', () => {
    const model = compileDamageModel(oneClass('URML-pre'), 'night');
    const p = new Float64Array(5);
    for (const pga of [0, 1e-4, 0.05, 0.13, 0.2, 0.37, 1, 5]) {
      damageStateProbabilities(model, 0, pga, p);
      expect(Array.from(p).every((x) => x >= 0)).toBe(true);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });

  it('puts half the buildings at or beyond a state at that state’s median PGA (hand-worked)', () => {
    const model = compileDamageModel(oneClass('URML-pre'), 'night');
    const p = new Float64Array(5);
    // URML pre-code: moderate median 0.17 g. P(≥ moderate) = Φ(0) = 0.5.
    damageStateProbabilities(model, 0, 0.17, p);
    expect((p[2] as number) + (p[3] as number) + (p[4] as number)).toBeCloseTo(0.5, 6);
    // P(≥ slight) at 0.17 g = Φ(ln(0.17/0.13)/0.64) = Φ(0.4192) = 0.66246.
    expect(1 - (p[0] as number)).toBeCloseTo(0.66246, 4);
  });

  it('counts deaths from Hazus rates: collapse share of complete damage, people indoors', () => {
    const model = compileDamageModel(oneClass('URML-pre'), 'day');
    const out = allocateDamageOutput(2);
    assessBuildingDamage(model, Float64Array.from([100, 0]), Float64Array.from([1e6, 1e6]), out); // 100 g: everything complete
    // All complete: deaths = occupants (0.5 × 1e6) × [(1 − 0.15) × 0.0002 + 0.15 × 0.10].
    expect(out.deaths[0]).toBeCloseTo(0.5e6 * (0.85 * 0.0002 + 0.15 * 0.1), 3);
    expect(out.displaced[0]).toBeCloseTo(1e6, 3);
    expect(out.deaths[1]).toBe(0);
    expect(out.displaced[1]).toBe(0);
  });

  it('samples damage states whose mean converges to the probabilities', () => {
    const p = Float64Array.from([0.4, 0.3, 0.15, 0.1, 0.05]);
    const counts = new Float64Array(5);
    for (const units of [100, 10_000, 1_000_000]) {
      sampleDamageStates(p, units, createRng(3, units, 'ds'), counts);
      const worst = Math.max(...Array.from(counts, (c, s) => Math.abs(c / units - (p[s] as number))));
      // 5 standard errors of a proportion near 0.5.
      expect(worst).toBeLessThan(5 * Math.sqrt(0.25 / units));
    }
  });

  it('knows every fragility class the capital exposure uses, with rising medians', async () => {
    const region = await loadRegion(join(BUNDLED_REGIONS_DIR, 'capital'));
    for (const c of region.exposure?.classes ?? []) {
      const hazus = HAZUS_CLASSES[c.fragility];
      expect(hazus, c.fragility).toBeDefined();
      expect(hazus?.medianPgaG.every((m, k, all) => k === 0 || m > (all[k - 1] as number))).toBe(true);
    }
    // Dongcheng's own 2010 row (issue 22): 13,751 RC of 32,908 households with housing.
    const z = region.zones.ids.indexOf('110101');
    expect(region.exposure?.shares[z * 4]).toBeCloseTo(13751 / 32908, 10);
    // Single-family share: 平房 households, Dongcheng 11,269 of 32,908, Hebei 1,547,678 of 2,035,826.
    expect(region.exposure?.singleFamilyShare?.[z]).toBeCloseTo(11269 / 32908, 10);
    expect(region.exposure?.singleFamilyShare?.[region.zones.ids.indexOf('130203')]).toBeCloseTo(1547678 / 2035826, 10);
  });
});
