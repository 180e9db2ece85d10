import { describe, expect, it } from 'vitest';
import { designDepth, gammaP, pearsonIIIFactor } from '../../../../engine/flood/river/pearson-iii.js';

describe('Pearson type III frequency factors', () => {
  it('reproduces Chow, Maidment & Mays (1988) Table 12.3.1', () => {
    // Skew → return period → K_T, as printed (three decimals).
    const table: [number, number, number][] = [
      [0, 100, 2.326], [0, 10, 1.282],
      [1.0, 2, -0.164], [1.0, 10, 1.34], [1.0, 50, 2.542], [1.0, 100, 3.022], [1.0, 200, 3.489],
      [2.0, 100, 3.605], [2.0, 10, 1.302],
      [3.0, 100, 4.051],
    ];
    // Within a unit of the printed third decimal.
    for (const [cs, years, k] of table) expect(Math.abs(pearsonIIIFactor(cs, 1 / years) - k)).toBeLessThanOrEqual(0.001);
  });

  it('computes the incomplete gamma function to known values', () => {
    // P(1, x) = 1 − e^−x; P(½, x²) = erf(x) (erf 1 = 0.8427007929).
    expect(gammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(gammaP(0.5, 1)).toBeCloseTo(0.8427007929, 9);
    expect(gammaP(20, 40)).toBeCloseTo(0.9999, 3);
  });

  it('gives the design depth x̄ (1 + Cv K_p)', () => {
    // Cv 0.5, Cs = 3.5 Cv = 1.75: the 100-year depth of a 100 mm mean.
    const k = pearsonIIIFactor(1.75, 0.01);
    expect(designDepth(100, 0.5, 3.5, 100)).toBeCloseTo(100 * (1 + 0.5 * k), 9);
    expect(k).toBeGreaterThan(3.022);
    expect(k).toBeLessThan(3.605);
  });
});
