import { describe, expect, it } from 'vitest';
import { meanOver } from '../../../../engine/flood/grid/model.js';

// EA test 2's hydrograph (min → m³/s): 0 until 5, up to 20 at 10, held to 86, down to 0 at 91.
const series = { t: [5, 10, 86, 91], v: [0, 20, 20, 0] };

describe('meanOver', () => {
  it('integrates a piecewise-linear series exactly, across breakpoints and beyond its ends', () => {
    expect(meanOver(series, 0, 5)).toBe(0);
    expect(meanOver(series, 5, 10)).toBeCloseTo(10, 12); // the rising limb's mean
    expect(meanOver(series, 8, 12)).toBeCloseTo((0.5 * (12 + 20) * 2 + 20 * 2) / 4, 12); // 16 → 20, then 20
    expect(meanOver(series, 0, 100) * 100).toBeCloseTo(20 * 76 + 2 * 50, 9); // the whole volume, 1,620
    expect(meanOver(series, 95, 120)).toBe(0);
    expect(meanOver({ t: [0], v: [3] }, 2, 7)).toBe(3);
  });

  it('sums over any split into the whole integral', () => {
    let sum = 0;
    for (let a = 0, dt = 0.37; a < 100; a += dt) sum += meanOver(series, a, Math.min(a + dt, 100)) * (Math.min(a + dt, 100) - a);
    expect(sum).toBeCloseTo(1620, 9);
  });
});
