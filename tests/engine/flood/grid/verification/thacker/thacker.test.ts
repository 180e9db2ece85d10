/**
 * Thacker's planar oscillation in a parabolic bowl (Thacker 1981, J. Fluid Mech. 107, the
 * planar-surface solution; 1D form as in the SWASHES library, Delestre et al. 2013, §4.2.2),
 * frictionless, with a moving wet/dry shoreline. For the bed z = h0 (x²/a² − 1) the surface stays
 * a tilting plane: η = A(t) x + c(t) with A = A0 cos ωt, ω = √(2 g h0)/a, velocity
 * u = −(g A0/ω) sin ωt uniform in x, and c = g A0² sin²ωt / (2ω²) (derived by substituting the
 * linear surface into the 1D equations; derivation in ../README.md).
 * Tolerances. Local inertial omits advection: a defect of relative size Fr² ≈ 0.01 in the deep
 * middle, but Fr → ∞ at the shoreline, where the exact solution carries thin water uphill at the
 * bowl's uniform speed (≈ 1 m/s). So the scheme under-runs the shoreline by a few cells while
 * the bulk stays close. Measured: relative L1 0.8–2.5%, shoreline 0–4 cells (20 m cells) short.
 * Bounds: L1 < 3% and shoreline within 4 cells at T/4, T/2, 3T/4 and T; volume to 1e-6.
 */
import { describe, expect, it } from 'vitest';
import { buildGridModel } from '../../../../../../engine/flood/grid/build-model.js';
import { simulateGrid } from '../../../../../../engine/flood/grid/simulate.js';

const G = 9.81;
const H0 = 10;
const A = 3000;
const A0 = 5e-4;
const DX = 20;
const NX = 400; // 8 km, centred on the bowl
const OMEGA = Math.sqrt(2 * G * H0) / A;
const PERIOD = (2 * Math.PI) / OMEGA;

const xOf = (i: number): number => (i + 0.5) * DX - (NX * DX) / 2;
const bed = (x: number): number => H0 * ((x * x) / (A * A) - 1);
function exactDepth(x: number, t: number): number {
  const s = Math.sin(OMEGA * t);
  const eta = A0 * Math.cos(OMEGA * t) * x + (G * A0 * A0 * s * s) / (2 * OMEGA * OMEGA);
  return Math.max(eta - bed(x), 0);
}
function shoreline(depth: (i: number) => number): [number, number] {
  let first = -1;
  let last = -1;
  for (let i = 0; i < NX; i++) if (depth(i) > 1e-3) { if (first < 0) first = i; last = i; }
  return [first, last];
}

describe("Thacker's planar oscillation in a parabolic bowl", () => {
  it('tracks depth and the moving shoreline over one period', async () => {
    const times = [0.25, 0.5, 0.75, 1].map((f) => f * PERIOD);
    const model = buildGridModel({
      dem: { nx: NX, ny: 1, xll: 0, yll: 0, cellSize: DX, data: Float64Array.from({ length: NX }, (_, i) => bed(xOf(i))) },
      manning: 0,
      initialDepth: { nx: NX, ny: 1, xll: 0, yll: 0, cellSize: DX, data: Float64Array.from({ length: NX }, (_, i) => exactDepth(xOf(i), 0)) },
      options: { simTime: PERIOD, outputTimes: times, theta: 0.9, alpha: 0.5 },
    });
    const result = await simulateGrid(model, { workers: 1 });
    result.times.forEach((t, k) => {
      const depth = result.depths[k] as Float64Array;
      let err = 0;
      let ref = 0;
      for (let i = 0; i < NX; i++) {
        const exact = exactDepth(xOf(i), t);
        err += Math.abs((depth[i] as number) - exact);
        ref += exact;
      }
      const [m0, m1] = shoreline((i) => depth[i] as number);
      const [e0, e1] = shoreline((i) => exactDepth(xOf(i), t));
      console.log(`Thacker t=${(t / PERIOD).toFixed(2)}T: relative L1 ${(err / ref).toExponential(2)}, shoreline cells ${m0}–${m1} vs ${e0}–${e1}`);
      expect(err / ref).toBeLessThan(0.03);
      expect(Math.abs(m0 - e0)).toBeLessThanOrEqual(4);
      expect(Math.abs(m1 - e1)).toBeLessThanOrEqual(4);

    });
    for (const m of result.mass) expect(m.relativeError).toBeLessThan(1e-6);
  });
});
