/**
 * The casualty check (issue 19): deaths by 尹之潜's collapse-ratio model and by PAGER's empirical
 * model for China beside the Hazus estimate, hand-worked from their coefficients
 * (research/consequences.md §5.1, §5.2).
 */
import { describe, expect, it } from 'vitest';
import { PAGER_CHINA, pagerChinaDeathRate } from '../../../engine/quake/casualty/jaiswal-wald-2010.js';
import { yinZhiqianDeathRate } from '../../../engine/quake/casualty/yin-zhiqian.js';
import { compileDamageModel } from '../../../engine/quake/damage.js';
import { compileQuakeField } from '../../../engine/quake/ground-motion.js';
import { runQuakeStage } from '../../../engine/quake/quake-stage.js';
import type { Exposure } from '../../../engine/region/region.js';

describe('尹之潜 death rate, 10^(12.479·A^0.1 − 13.3)', () => {
  it('gives 12.3 % at Tangshan\'s 93 % of dwellings destroyed or severely damaged (about 13 % of the city died)', () => {
    // 0.93^0.1 = 0.992769; 12.479 × 0.992769 − 13.3 = −0.91124; 10^−0.91124 = 0.12268.
    expect(yinZhiqianDeathRate(0.93)).toBeCloseTo(0.12268, 4);
    expect(yinZhiqianDeathRate(1)).toBeCloseTo(10 ** (12.479 - 13.3), 12);
    expect(yinZhiqianDeathRate(1)).toBeCloseTo(0.151, 3);
    expect(yinZhiqianDeathRate(0.3)).toBeCloseTo(5.80e-3, 5);
    expect(yinZhiqianDeathRate(0.01)).toBeCloseTo(3.75e-6, 8);
    expect(yinZhiqianDeathRate(0)).toBe(0);
  });
});

describe('PAGER empirical fatality model, China (θ 10.3288, β 0.1001)', () => {
  it('gives half the exposed at θ, and the research note\'s rates at VIII–XI', () => {
    expect(pagerChinaDeathRate(PAGER_CHINA.theta)).toBeCloseTo(0.5, 6);
    // ln(8/10.328811)/0.100058 = −2.5535 → 5.33e-3; IX −1.3764 → 0.0843; X −0.3233 → 0.3732; XI 0.6292 → 0.7354.
    expect(pagerChinaDeathRate(8)).toBeCloseTo(5.33e-3, 4);
    expect(pagerChinaDeathRate(9)).toBeCloseTo(0.0843, 3);
    expect(pagerChinaDeathRate(10)).toBeCloseTo(0.3732, 3);
    expect(pagerChinaDeathRate(11)).toBeCloseTo(0.7354, 3);
    expect(pagerChinaDeathRate(6)).toBeLessThan(1e-6);
  });
});

describe('the earthquake stage reports both beside Hazus', () => {
  it('applies PAGER to each zone\'s residents at its intensity, 尹之潜 to its residents indoors at its collapse ratio', () => {
    const zones = { lon: Float64Array.from([118.18, 117.2]), lat: Float64Array.from([39.63, 39.13]), siteClass: [undefined, undefined] };
    const quake = compileQuakeField({ type: 'earthquake', epicenter: [118.18, 39.63], magnitude: 7.8, depthKm: 12, strikeDeg: 40, residuals: 'median', intensityModel: 'yu-2013-intensity-eastern' }, zones);
    const exposure: Exposure = { classes: [{ id: 'x', name: 'x', fragility: 'URML-pre' }], shares: Float64Array.from([1, 1]), occupancy: { night: 1, day: 0.53 }, matrices: [], defaultVulnerability: 'hazus' };
    const population = Float64Array.from([1e6, 5e5]);
    const fields: Record<string, Float64Array> = {};
    const scalars: Record<string, number> = {};
    runQuakeStage({ quakes: [quake], damage: compileDamageModel(exposure, 'day'), zonePopulation: population }, 1, 0, {
      scalar: (name, value) => { scalars[name] = value; },
      field: (name, width) => (fields[name] = new Float64Array(width)),
    });
    const intensity = fields['zone.quake.intensity'] as Float64Array;
    const residents = fields['zone.quake.residentsByDamageState'] as Float64Array;
    for (let z = 0; z < 2; z++) {
      expect(fields['zone.quake.deathsPagerChina']?.[z]).toBeCloseTo((population[z] as number) * pagerChinaDeathRate(intensity[z] as number), 6);
      const all = [0, 1, 2, 3, 4].reduce((s, k) => s + (residents[z * 5 + k] as number), 0);
      const collapse = ((residents[z * 5 + 3] as number) + (residents[z * 5 + 4] as number)) / all;
      // Day: 53 % of residents indoors.
      expect(fields['zone.quake.deathsYinZhiqian']?.[z]).toBeCloseTo((population[z] as number) * 0.53 * yinZhiqianDeathRate(collapse), 6);
    }
    expect(scalars['quake.casualtyCheck.pagerChina.deaths']).toBeCloseTo((fields['zone.quake.deathsPagerChina']?.[0] ?? 0) + (fields['zone.quake.deathsPagerChina']?.[1] ?? 0), 6);
    // At the epicentre (intensity 10.3 on the ellipse's centre) PAGER kills far more than Hazus.
    expect(intensity[0]).toBeCloseTo(10.34, 1);
    expect(fields['zone.quake.deathsPagerChina']?.[0]).toBeGreaterThan(10 * (fields['zone.quake.deaths']?.[0] ?? 0));
  });
});
