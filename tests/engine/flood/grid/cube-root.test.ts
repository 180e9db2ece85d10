import { describe, expect, it } from 'vitest';
import { cubeRoot } from '../../../../engine/flood/grid/inertial.js';

/** Distance in units in the last place of the larger of two positive doubles. */
function ulps(a: number, b: number): number {
  const larger = Math.max(Math.abs(a), Math.abs(b));
  const ulp = 2 ** (Math.floor(Math.log2(larger)) - 52);
  return Math.abs(a - b) / ulp;
}

describe('cubeRoot', () => {
  it('agrees with Math.cbrt within 1 ulp from 1e-9 to 1e9, across the powers of 8 it scales by', () => {
    let worst = 0;
    for (let k = 0; k <= 20_000; k++) {
      const x = 10 ** (-9 + (18 * k) / 20_000);
      worst = Math.max(worst, ulps(cubeRoot(x), Math.cbrt(x)));
    }
    for (let e = -30; e <= 30; e++) {
      for (const x of [8 ** e, 8 ** e * (1 - 2 ** -52), 8 ** e * (1 + 2 ** -52)]) worst = Math.max(worst, ulps(cubeRoot(x), Math.cbrt(x)));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('is exact on perfect cubes of small integers', () => {
    for (let n = 1; n <= 100; n++) expect(cubeRoot(n * n * n)).toBeCloseTo(n, 13);
  });

  it('hands zero, negatives and non-finite values to Math.cbrt instead of looping', () => {
    for (const x of [0, -8, Infinity, -Infinity, Number.NaN]) expect(Object.is(cubeRoot(x), Math.cbrt(x))).toBe(true);
  });
});
