/**
 * EA 2D benchmark test 4 set-up (see engine/flood/grid/ea-test4.ts for the source and the one
 * assumption, the hydrograph's shape). The published comparison values ship with the EA data set,
 * which is not at hand, so this case checks what must hold whatever the reference model:
 * volume equals the inflow hydrograph's (to 1e-6), the flood is mirror-symmetric about the
 * inflow axis, arrival times agree with an axisymmetric solution of the same equations on a
 * fine radial grid (radial.ts), and depths at the output points are recorded in the README for
 * comparison with the published figures.
 */
import { describe, expect, it } from 'vitest';
import { EA4_DISCHARGE, EA4_POINTS, eaTest4Model } from '../../../../../../engine/flood/grid/ea-test4.js';
import { simulateGrid } from '../../../../../../engine/flood/grid/simulate.js';
import { radialArrival } from './radial.js';

describe('EA test 4: flood propagation over a flat floodplain', () => {
  it('conserves the inflow volume, stays symmetric and arrives later further away', async () => {
    const model = eaTest4Model();
    const result = await simulateGrid(model, { workers: 2 });
    const { nx, ny, dx } = model;
    const at = (x: number, y: number): number => Math.floor((2000 - y) / dx) * nx + Math.floor(x / dx);
    // Triangle 0 → 20 m³/s over the first hour, falling to 0 at 6 h: by 5 h it has delivered 20·3600/2 + (20+20/5)·4·3600/2.
    const inflow = (20 * 3600) / 2 + ((20 + 4) * 4 * 3600) / 2;
    const stored = result.mass[result.mass.length - 1]?.storage ?? 0;
    expect(Math.abs(stored - inflow) / inflow).toBeLessThan(1e-6);
    for (const m of result.mass) expect(m.relativeError).toBeLessThan(1e-6);

    const final = result.depths[result.depths.length - 1] as Float64Array;
    let asymmetry = 0;
    for (let j = 0; j < ny / 2; j++) for (let i = 0; i < nx; i++) asymmetry = Math.max(asymmetry, Math.abs((final[j * nx + i] as number) - (final[(ny - 1 - j) * nx + i] as number)));
    expect(asymmetry).toBeLessThan(1e-9);

    const arrival = EA4_POINTS.map(([x, y]) => result.arrival[at(x, y)] as number);
    for (let k = 1; k < 5; k++) expect(arrival[k]).toBeGreaterThan(arrival[k - 1] as number);
    expect(arrival[5]).toBeGreaterThan(arrival[3] as number);
    // The same flood as a point source on a wall, solved in axisymmetric form on 1 m rings.
    const radii = EA4_POINTS.map(([x, y]) => Math.hypot(x, y - 1000));
    const reference = radialArrival({ discharge: { t: EA4_DISCHARGE.t, v: EA4_DISCHARGE.v.map((q) => 2 * q) }, manning: 0.05, r0: 20 / Math.PI, dr: 1, rMax: 1000, endTime: 2 * 3600, radii, arrivalDepth: 0.01 });
    const relative = arrival.map((t, k) => t / (reference[k] as number) - 1);
    console.log(`radial reference arrival, min: ${reference.map((t) => (t / 60).toFixed(1)).join(' ')}; 2-D vs reference: ${relative.map((e) => (e * 100).toFixed(1)).join(' ')} %`);
    // Along the grid axis the 5 m grid's front keeps time with the 1 m rings; on the diagonal it
    // runs ahead, because the scheme's friction uses each face's own flux, not the flow's speed
    // (Bates et al. 2010), so a diagonal flow feels 1/√2 of its friction.
    for (const e of relative.slice(0, 5)) expect(Math.abs(e)).toBeLessThan(0.06);
    expect(relative[5]).toBeLessThan(0);
    expect(relative[5]).toBeGreaterThan(-0.12);
    const depths = result.times.map((t, k) => `${t / 3600} h: ${EA4_POINTS.map(([x, y]) => ((result.depths[k] as Float64Array)[at(x, y)] as number).toFixed(3)).join(' ')}`);
    console.log(`EA test 4: volume vs hydrograph ${(Math.abs(stored - inflow) / inflow).toExponential(1)}; arrival (0.01 m) at points 1–6, min: ${arrival.map((t) => (t / 60).toFixed(1)).join(' ')}; depths (m): ${depths.join('; ')}; ${result.steps} steps`);
  });
});
