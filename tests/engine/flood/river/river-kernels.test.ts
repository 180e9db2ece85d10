/**
 * River-system kernels against textbook cases:
 * - Muskingum: Chow, Maidment & Mays (1988) Example 8.4.1 (K = 2.3 h, X = 0.15, Δt = 1 h),
 *   published outflow (Table 8.4.1, whole cfs).
 * - Level pool: Chow et al. (1988) Problem 8.2.2 (storage–outflow of Problem 8.2.1, Δt = 2 h),
 *   published solution by D. R. Maidment (UT Austin CE374K, homework 5 solution).
 * - Curve number: hand-worked from the NEH-4 equations (CN 80, P = 5 in → Q = 2.893 in) and
 *   Chow's antecedent-moisture conversions (CN 80 → 62.69 dry, 90.20 wet).
 * - Unit hydrograph: volume of exactly 1 mm over the area (conservation) and the SCS peak 2.08 A/Tp.
 * - Muskingum–Cunge: the linear diffusion wave it approximates, solved exactly (Hayami 1951: the
 *   response at distance L to a unit impulse is L/(2√(πDt³))·exp(−(L − ct)²/(4Dt)), with c and
 *   D = q/(2S₀) at the same reference discharge), convolved with the inflow at a 1-minute step.
 */
import { describe, expect, it } from 'vitest';
import { routeLevelPool } from '../../../../engine/flood/river/level-pool.js';
import { muskingumCoefficients, muskingumCungeParameters, routeMuskingum, routeMuskingumCunge } from '../../../../engine/flood/river/muskingum.js';
import { adjustCurveNumber, excessRainfall, scsRunoffMm } from '../../../../engine/flood/river/scs-curve-number.js';
import { convolve, scsUnitHydrograph, trapezoidVolume } from '../../../../engine/flood/river/scs-unit-hydrograph.js';

describe('Muskingum routing: Chow et al. (1988) Example 8.4.1', () => {
  const inflow = Float64Array.from([93, 137, 208, 320, 442, 546, 630, 678, 691, 675, 634, 571, 477, 390, 329, 247, 184, 134, 108, 90]);
  const published = [85, 91, 114, 159, 233, 324, 420, 509, 578, 623, 642, 635, 603, 546, 479, 413, 341, 274, 215, 170];

  it('has the published coefficients', () => {
    const c = muskingumCoefficients(2.3, 0.15, 1);
    expect([c.c1, c.c2, c.c3].map((v) => Number(v.toFixed(4)))).toEqual([0.0631, 0.3442, 0.5927]);
    expect(c.c1 + c.c2 + c.c3).toBeCloseTo(1, 12);
  });

  it('reproduces the published outflow to the whole cfs it is printed in', () => {
    // The book routes with its coefficients rounded to 4 decimals and prints whole cfs.
    const out = routeMuskingum(inflow, { c1: 0.0631, c2: 0.3442, c3: 0.5927 }, 85);
    out.forEach((q, j) => expect(Math.round(q), `t = ${j + 1} h`).toBe(published[j]));
    // With exact coefficients every value stays within 0.6 cfs of the printed one.
    const exact = routeMuskingum(inflow, muskingumCoefficients(2.3, 0.15, 1), 85);
    exact.forEach((q, j) => expect(Math.abs(q - (published[j] as number))).toBeLessThan(0.6));
  });

  it('takes K and X from reach geometry (Muskingum–Cunge)', () => {
    // 10 km reach, 100 m wide, slope 1e-3, n = 0.03, at 300 m³/s: q = 3 m²/s, h = (3·0.03/√1e-3)^0.6.
    const { kH, x } = muskingumCungeParameters({ lengthM: 10_000, widthM: 100, slope: 1e-3, manning: 0.03 }, 300);
    const h = ((3 * 0.03) / Math.sqrt(1e-3)) ** 0.6;
    const c = (5 / 3) * (3 / h);
    expect(kH).toBeCloseTo(10_000 / c / 3600, 10);
    expect(x).toBeCloseTo(0.5 * (1 - 3 / (1e-3 * c * 10_000)), 10);
  });
});

describe('Muskingum–Cunge against the exact diffusion wave (Hayami)', () => {
  const hydrograph = (dtS: number): Float64Array => Float64Array.from({ length: Math.round((240 * 3600) / dtS) + 1 }, (_, k) => 2000 * ((k * dtS) / 3600 / 18) ** 4 * Math.exp(4 * (1 - (k * dtS) / 3600 / 18)));
  const peakOf = (q: Float64Array, dtS: number): { peak: number; atH: number } => {
    let k = 0;
    q.forEach((v, j) => { if (v > (q[k] as number)) k = j; });
    return { peak: q[k] as number, atH: (k * dtS) / 3600 };
  };
  function hayamiPeak(reach: { lengthM: number; widthM: number; slope: number; manning: number }, qRef: number): { peak: number; atH: number } {
    const { kH } = muskingumCungeParameters(reach, qRef);
    const c = reach.lengthM / (kH * 3600);
    const diffusivity = qRef / reach.widthM / (2 * reach.slope);
    const dtS = 60;
    const inflow = hydrograph(dtS);
    const kernel = Float64Array.from({ length: inflow.length }, (_, k) => (k === 0 ? 0 : (reach.lengthM / (2 * Math.sqrt(Math.PI * diffusivity * (k * dtS) ** 3))) * Math.exp(-((reach.lengthM - c * k * dtS) ** 2) / (4 * diffusivity * k * dtS))));
    const area = kernel.reduce((a, b) => a + b, 0);
    const out = Float64Array.from({ length: inflow.length }, (_, j) => {
      let sum = 0;
      for (let k = 0; k <= j; k++) sum += (inflow[j - k] as number) * (kernel[k] as number);
      return sum / area;
    });
    return peakOf(out, dtS);
  }

  // A long lowland floodway (the capital's Chaobai New River: 166.5 km, 500 m wide, slope 1.8e-4)
  // attenuates a 2,000 m³/s flood a quarter; a steep mountain reach hardly at all.
  for (const reach of [{ lengthM: 166_500, widthM: 500, slope: 1.8e-4, manning: 0.03 }, { lengthM: 69_800, widthM: 500, slope: 1.43e-3, manning: 0.035 }]) {
    it(`attenuates and delays a flood as the diffusion wave does, whatever the step (slope ${reach.slope})`, () => {
      const exact = hayamiPeak(reach, 1000);
      for (const dtS of [300, 900, 3600]) {
        const routed = peakOf(routeMuskingumCunge(hydrograph(dtS), dtS, reach, 1000), dtS);
        expect(Math.abs(routed.peak - exact.peak) / exact.peak, `peak at Δt = ${dtS} s`).toBeLessThan(0.02);
        expect(Math.abs(routed.atH - exact.atH), `time of peak at Δt = ${dtS} s`).toBeLessThanOrEqual(Math.max(1, dtS / 3600));
      }
    });
  }

  it('keeps flows non-negative and volume exact on a reach far shorter than a step', () => {
    const reach = { lengthM: 500, widthM: 50, slope: 2e-3, manning: 0.03 };
    const inflow = Float64Array.from({ length: 49 }, (_, k) => (k === 3 ? 500 : 0));
    const routed = routeMuskingumCunge(inflow, 900, reach, 250);
    expect(Math.min(...routed)).toBeGreaterThanOrEqual(0);
    expect(routed.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.99 * 500);
  });
});

describe('level-pool routing: Chow et al. (1988) Problem 8.2.2', () => {
  it('reproduces the published outflow and maximum storage', () => {
    const inflow = Float64Array.from([60, 100, 232, 300, 520, 1310, 1930, 1460, 930, 650, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const table = { storageM3: [75e6, 81e6, 87.5e6, 100e6, 110.2e6], outflowM3s: [57, 227, 519, 1330, 2270] };
    const published = [57.0, 61.3, 80.6, 115.0, 169.6, 348.2, 768.3, 1119.2, 1147.9, 1012.3, 752.1, 481.0, 347.0, 250.4, 196.2, 159.9, 130.3, 106.2, 86.5];
    const { outflow, storage } = routeLevelPool(inflow, 7200, table, 75e6);
    outflow.forEach((q, j) => expect(Math.abs(q - (published[j] as number)), `t = ${2 * j} h`).toBeLessThanOrEqual(0.15));
    // Published maximum storage 97,193,000 m³ (interpolated there; ours is exact at the step).
    expect(Math.max(...storage) / 97.193e6).toBeCloseTo(1, 2);
  });

  it('refuses a table whose outflow falls as storage rises', () => {
    expect(() => routeLevelPool(new Float64Array(3), 60, { storageM3: [0, 10], outflowM3s: [5, 1] }, 0)).toThrow(/must not fall/);
  });
});

describe('SCS curve number and unit hydrograph', () => {
  it('gives the hand-worked runoff and antecedent-moisture curve numbers', () => {
    expect(scsRunoffMm(5 * 25.4, 80) / 25.4).toBeCloseTo(2.893, 3);
    expect(adjustCurveNumber(80, 'I')).toBeCloseTo(62.69, 2);
    expect(adjustCurveNumber(80, 'III')).toBeCloseTo(90.2, 2);
    expect(scsRunoffMm(10, 80)).toBe(0); // below the initial abstraction 0.2 S = 12.7 mm
  });

  it('splits a storm into excess rain that sums to the storm total runoff', () => {
    const rain = Float64Array.from([5, 10, 30, 40, 20, 5]);
    const excess = excessRainfall(rain, 75);
    expect(excess.reduce((a, b) => a + b, 0)).toBeCloseTo(scsRunoffMm(110, 75), 10);
    expect(Array.from(excess).every((e) => e >= 0)).toBe(true);
  });

  it('holds exactly 1 mm over the catchment and peaks near 2.08 A / Tp', () => {
    const area = 500;
    const uh = scsUnitHydrograph(area, 6, 0.5);
    expect(trapezoidVolume(Float64Array.from([0, ...uh]), 1800)).toBeCloseTo(area * 1e6 * 1e-3, 3);
    const tp = 0.25 + 0.6 * 6;
    expect(Math.max(...uh) / ((0.208 * area) / tp)).toBeGreaterThan(0.97);
    expect(Math.max(...uh) / ((0.208 * area) / tp)).toBeLessThan(1.03);
    // Convolution conserves volume: 12 mm of excess gives 12 mm of runoff.
    const flow = convolve(Float64Array.from([2, 6, 4]), uh, new Float64Array(uh.length + 5));
    expect(trapezoidVolume(flow, 1800)).toBeCloseTo(12 * area * 1e3, 1);
  });
});
