import { describe, expect, it } from 'vitest';
import { areaAt, areaByDepthBand, compileHypsometry, levelAtArea, planarHypsometry, stageAt } from '../../../../engine/flood/river/compartment.js';
import { breachDepthM, breachOutflowM3s, FREEBOARD_M, leveeFragility, leveeGrade, normalDepthM, WEIR_COEFFICIENT } from '../../../../engine/flood/river/levee-breach.js';
import { phi as standardNormalCdf } from '../../../../engine/quake/damage.js';
import { createRng } from '../../../../engine/parallel/rng.js';

describe('compartment stage–area–volume', () => {
  // A tilted plane of area A wholly flooded at depth H holds V(s) = A·s²/(2H) below H and A·H/2 + A·(s − H) above.
  const A = 100e6;
  const H = 2;
  const plane = planarHypsometry(100, H);

  it('inverts the plane’s volume exactly, below and above full', () => {
    for (const s of [0.01, 0.5, 1.3, 2, 2.7, 5]) {
      const v = s <= H ? (A * s * s) / (2 * H) : (A * H) / 2 + A * (s - H);
      expect(stageAt(plane, v)).toBeCloseTo(s, 12);
    }
    expect(stageAt(plane, 0)).toBe(0);
  });

  it('integrates a surveyed relation piece by piece: the level it gives holds exactly the volume asked for', () => {
    const h = compileHypsometry([{ stageM: 0, areaKm2: 0 }, { stageM: 0.5, areaKm2: 10 }, { stageM: 1, areaKm2: 10 }, { stageM: 3, areaKm2: 80 }]);
    for (const v of [1e5, 2.5e6, 4e6, 5e6, 6e7, 1.2e8, 3e8]) {
      const s = stageAt(h, v);
      // Volume below s by fine midpoint integration of the area curve.
      let integrated = 0;
      const n = 200_000;
      for (let k = 0; k < n; k++) integrated += areaAt(h, ((k + 0.5) * s) / n) * (s / n);
      expect(integrated / v).toBeCloseTo(1, 7);
    }
  });

  it('splits the flooded area into depth classes by the area of ground below level − depth', () => {
    // Level 1.5 m on the plane: flooded 75 km²; ≥ 0.5 m on the ground below 1.0 m (50 km²), ≥ 1 m below 0.5 m (25 km²).
    const bands = areaByDepthBand(plane, 1.5, [0.5, 1, 2, 3]);
    [25, 25, 25, 0, 0].forEach((km2, k) => expect((bands[k] as number) / 1e6).toBeCloseTo(km2, 9));
    const deep = areaByDepthBand(plane, 4.2, [0.5, 1, 2, 3]);
    expect(deep.reduce((a, b) => a + b, 0)).toBeCloseTo(A, 0);
    expect((deep[4] as number) / 1e6).toBeCloseTo(100 * (1.2 / 2), 9);
  });
});

describe('lookups in a relation of hundreds of points (a DEM\'s)', () => {
  // 400 levels with areas rising unevenly, some flat stretches among them.
  const points = [{ stageM: 0, areaKm2: 0 }, ...Array.from({ length: 399 }, (_, k) => ({ stageM: 0.01 * (k + 1) + 0.001 * Math.sin(k), areaKm2: 1 + Math.floor(k / 3) + (k % 7 === 0 ? 0 : 0.1 * k) }))];
  points.forEach((p, k) => { if (k > 1) p.areaKm2 = Math.max(p.areaKm2, (points[k - 1] as { areaKm2: number }).areaKm2); });
  const h = compileHypsometry(points);

  it('finds each breakpoint, and between two interpolates from the right pair', () => {
    for (let k = 1; k < points.length; k += 13) {
      expect(stageAt(h, h.volumeM3[k] as number)).toBeCloseTo(h.stageM[k] as number, 9);
      expect(areaAt(h, h.stageM[k] as number)).toBeCloseTo(h.areaM2[k] as number, 3);
      const mid = ((h.stageM[k] as number) + (h.stageM[k + 1] as number)) / 2;
      expect(areaAt(h, mid)).toBeCloseTo(((h.areaM2[k] as number) + (h.areaM2[k + 1] as number)) / 2, 3);
      // The lowest level flooding an area: at a flat stretch, where it begins.
      const first = h.areaM2.indexOf(h.areaM2[k] as number);
      expect(levelAtArea(h, h.areaM2[k] as number)).toBeCloseTo(h.stageM[first] as number, 9);
    }
  });
});

describe('levee breach', () => {
  const reach = { widthM: 200, slope: 2e-4, manning: 0.03, capacityM3s: 1200, leveeReturnPeriodYears: 50 };

  it('grades levees and gives their freeboard as GB 50286-2013 does', () => {
    expect([200, 100, 99, 50, 30, 20, 10].map(leveeGrade)).toEqual([1, 1, 2, 2, 3, 4, 5]);
    expect(FREEBOARD_M[2]).toBe(0.8);
  });

  it('puts 15 % at the design level and 85 % at the crest', () => {
    const f = leveeFragility(reach);
    // Normal depth satisfies Manning's equation for a wide channel: Q = W·h^{5/3}·√S / n.
    expect((reach.widthM * f.designDepthM ** (5 / 3) * Math.sqrt(reach.slope)) / reach.manning).toBeCloseTo(1200, 6);
    expect(f.crestDepthM - f.designDepthM).toBeCloseTo(0.8, 12);
    const p = (h: number): number => standardNormalCdf(Math.log(h / f.medianDepthM) / f.beta);
    expect(p(f.designDepthM)).toBeCloseTo(0.15, 3);
    expect(p(f.crestDepthM)).toBeCloseTo(0.85, 3);
    // Sampled strengths reproduce the curve: 15 % of levees fail at or below the design depth.
    const rng = createRng(7, 0, 'levees');
    let failed = 0;
    for (let i = 0; i < 40_000; i++) if (breachDepthM(f, rng.normal()) <= f.designDepthM) failed++;
    expect(failed / 40_000).toBeCloseTo(0.15, 2);
  });

  it('lets out a free broad-crested weir flow, never more than the river carries', () => {
    expect(WEIR_COEFFICIENT).toBeCloseTo(1.705, 3);
    const h = normalDepthM(900, reach);
    expect(breachOutflowM3s(900, 50, reach)).toBeCloseTo(1.705 * 50 * h ** 1.5, 0);
    expect(breachOutflowM3s(20, 500, reach)).toBe(20);
  });
});
