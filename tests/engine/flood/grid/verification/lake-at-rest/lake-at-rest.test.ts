/**
 * Lake at rest over an uneven bed (the C-property of well-balanced schemes, Bermúdez & Vázquez
 * 1994): a flat water surface over bumps, with islands standing above it, must stay exactly at
 * rest. Tolerance: speeds < 1e-10 m/s and depths within 1e-12 m of the start (round-off of
 * z + h = 1 only), for θ = 1 and for the q-centred θ = 0.7.
 */
import { describe, expect, it } from 'vitest';
import { buildGridModel } from '../../../../../../engine/flood/grid/build-model.js';
import { simulateGrid } from '../../../../../../engine/flood/grid/simulate.js';

describe('lake at rest over an uneven bed with islands', () => {
  it.each([1, 0.7])('keeps the surface flat and speeds at round-off (θ = %s)', async (theta) => {
    const nx = 60;
    const ny = 40;
    const dem = new Float64Array(nx * ny);
    const h0 = new Float64Array(nx * ny);
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const z = 1.5 * Math.sin(i / 5) * Math.cos(j / 4) + 0.02 * ((i * 7 + j * 13) % 11);
        dem[j * nx + i] = z;
        h0[j * nx + i] = Math.max(1 - z, 0); // surface at 1 m; bumps above it are dry islands
      }
    }
    dem[5 * nx + 5] = Number.NaN; // a no-data hole
    const model = buildGridModel({
      dem: { nx, ny, xll: 0, yll: 0, cellSize: 5, data: dem },
      manning: 0.03,
      initialDepth: { nx, ny, xll: 0, yll: 0, cellSize: 5, data: h0 },
      options: { simTime: 600, outputTimes: [300], theta },
    });
    const result = await simulateGrid(model, { workers: 1 });
    expect(result.steps).toBeGreaterThan(50);
    // z + (1 − z) differs from 1 by an ulp in places, so the surface is flat to round-off only.
    expect(Math.max(...result.maxSpeed.filter((v) => !Number.isNaN(v)))).toBeLessThan(1e-10);
    const last = result.depths[result.depths.length - 1] as Float64Array;
    h0.forEach((h, c) => { if (!Number.isNaN(dem[c])) expect(Math.abs((last[c] as number) - h)).toBeLessThan(1e-12); });
    expect(islandsStayDry(last, h0)).toBe(true);
  });
});

function islandsStayDry(depth: Float64Array, h0: Float64Array): boolean {
  return h0.every((h, c) => h > 0 || depth[c] === 0 || Number.isNaN(depth[c]));
}
