/**
 * EA 2D benchmark test 4 set-up (see engine/flood/grid/ea-test4.ts for the source and the one
 * assumption, the hydrograph's shape). The published comparison values ship with the EA data set,
 * which is not at hand, so this case checks what must hold whatever the reference model:
 * volume equals the inflow hydrograph's (to 1e-6), the flood is mirror-symmetric about the
 * inflow axis, arrival times grow with distance from the breach, and depths at the output points
 * are recorded in the README for comparison with the published figures.
 */
import { describe, expect, it } from 'vitest';
import { EA4_POINTS, eaTest4Model } from '../../../../../../engine/flood/grid/ea-test4.js';
import { simulateGrid } from '../../../../../../engine/flood/grid/simulate.js';

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
    const depths = result.times.map((t, k) => `${t / 3600} h: ${EA4_POINTS.map(([x, y]) => ((result.depths[k] as Float64Array)[at(x, y)] as number).toFixed(3)).join(' ')}`);
    console.log(`EA test 4: arrival (0.01 m) at points 1–6, min: ${arrival.map((t) => (t / 60).toFixed(1)).join(' ')}; depths (m): ${depths.join('; ')}; ${result.steps} steps`);
  });
});
