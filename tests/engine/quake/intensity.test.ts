import { describe, expect, it } from 'vitest';
import { instrumentalIntensity } from '../../../engine/quake/intensity/gb-t-17742-2020.js';

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
