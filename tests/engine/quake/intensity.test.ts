import { describe, expect, it } from 'vitest';
import { instrumentalIntensity } from '../../../engine/quake/intensity/gb-t-17742-2020.js';
import { yu2013IntensityMedian } from '../../../engine/quake/intensity/yu-2013-intensity.js';

const G = 9.80665;

describe('GB/T 17742-2020 instrumental intensity', () => {
  it('follows the two formulas and the combining rule (hand-worked)', () => {
    // PGA 1.25 m/s², PGV 0.13 m/s: I_A = 3.17·lg 1.25 + 6.59 = 6.897, I_V = 3·lg 0.13 + 9.77 = 7.112; both ≥ 6 → I_V.
    expect(instrumentalIntensity(1.25 / G, 13)).toBeCloseTo(3 * Math.log10(0.13) + 9.77, 10);
    // PGA 0.1 m/s², PGV 0.01 m/s: I_A = 3.42, I_V = 3.77, below 6 → their mean 3.595.
    expect(instrumentalIntensity(0.1 / G, 1)).toBeCloseTo((3.17 * -1 + 6.59 + 3 * -2 + 9.77) / 2, 10);
    expect(instrumentalIntensity(1e-9, 1e-9)).toBe(1);
    expect(instrumentalIntensity(100, 1e5)).toBe(12);
  });

  it('puts the scale table’s PGA/PGV ranges of degrees VI–X within half a degree of their degree', () => {
    // GB/T 17742 ranges (m/s², m/s): the geometric centre of each band should read close to its degree.
    const bands: [number, [number, number], [number, number]][] = [
      [6, [0.45, 0.89], [0.05, 0.09]], [7, [0.9, 1.77], [0.1, 0.18]], [8, [1.78, 3.53], [0.19, 0.35]],
      [9, [3.54, 7.07], [0.36, 0.71]], [10, [7.08, 14.14], [0.72, 1.41]],
    ];
    for (const [degree, [a0, a1], [v0, v1]] of bands) {
      const i = instrumentalIntensity(Math.sqrt(a0 * a1) / G, Math.sqrt(v0 * v1) * 100);
      expect(Math.abs(i - degree), `degree ${degree}: ${i}`).toBeLessThan(0.5);
    }
  });
});

describe('Yu et al. (2013) intensity attenuation, eastern strong-earthquake region', () => {
  // Computed independently in Python from the published coefficients (long 5.7123 + 1.3626·Ms
  // − 4.2903·lg(R + 25), short 3.6588 + 1.3626·Ms − 3.5406·lg(R + 13)), the 45° and 30° columns by
  // bisection on the ellipse (R cos θ / ra)² + (R sin θ / rb)² = 1. Four cases agree with a second
  // independent computation (Ms 6.5/50 km 6.525/6.145, 7.0/20 km 8.158/7.821, 7.8/100 km 7.344/7.018).
  // [Ms, R km, long (θ 0°), short (θ 90°), θ 45°, θ 30°]
  const table: [number, number, number, number, number, number][] = [
    [5.0, 10, 5.9008, 5.6505, 5.756, 5.8214], [5.5, 30, 5.7399, 5.3696, 5.5218, 5.619],
    [6.0, 20, 6.7951, 6.4579, 6.5974, 6.6859], [6.5, 50, 6.5246, 6.145, 6.3008, 6.4006],
    [7.0, 20, 8.1577, 7.8205, 7.96, 8.0485], [7.0, 80, 6.579, 6.2274, 6.3729, 6.4654],
    [7.5, 150, 6.3085, 6.0458, 6.1574, 6.2263], [7.8, 100, 7.3442, 7.018, 7.154, 7.2397],
    [8.0, 40, 8.8352, 8.4546, 8.6107, 8.7107], [8.0, 200, 6.5215, 6.3157, 6.4046, 6.4585],
    [6.8, 5, 8.6407, 8.4801, 8.5491, 8.5909], [6.0, 0.001, 7.8902, 7.8903, 7.8902, 7.8902],
  ];

  it('reproduces a dozen magnitude–distance cases on both axes and between them within 1 %', () => {
    for (const [ms, r, long, short, diagonal, thirty] of table) {
      for (const [theta, expected] of [[0, long], [90, short], [45, diagonal], [30, thirty]] as const) {
        const i = yu2013IntensityMedian(ms, r, theta);
        expect(Math.abs(i - expected) / expected, `Ms ${ms}, ${r} km, ${theta}°: ${i} vs ${expected}`).toBeLessThan(0.01);
        expect(Math.abs(i - expected)).toBeLessThan(2e-4); // in fact to the table's rounding
      }
    }
  });

  it('is highest at the epicentre, equal on both axes there, falls with distance, and takes the mean of the axes without a strike', () => {
    expect(yu2013IntensityMedian(7.8, 0, 0)).toBeCloseTo(-0.2854 + 1.3626 * 7.8, 3);
    let last = Infinity;
    for (const r of [1, 5, 20, 50, 100, 300]) {
      const i = yu2013IntensityMedian(7.8, r, 60);
      expect(i).toBeLessThan(last);
      last = i;
    }
    expect(yu2013IntensityMedian(7, 40, Number.NaN)).toBeCloseTo((yu2013IntensityMedian(7, 40, 0) + yu2013IntensityMedian(7, 40, 90)) / 2, 6);
  });
});
