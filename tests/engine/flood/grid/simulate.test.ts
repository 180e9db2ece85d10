import { describe, expect, it, vi } from 'vitest';
import { buildGridModel, GridModelError, type GridModelInput } from '../../../../engine/flood/grid/build-model.js';
import { simulateGrid, splitRows } from '../../../../engine/flood/grid/simulate.js';

/** A 2D valley with everything switched on: rain, a point inflow, a stage boundary, a free outflow, a no-data hole. */
function valley(ny = 31): GridModelInput {
  const nx = 40;
  const dx = 10;
  const data = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) data[j * nx + i] = 0.002 * (nx - i) * dx + 0.01 * Math.abs(j - (ny - 1) / 2) * dx + 0.05 * Math.sin(i + j);
  data[Math.min(10, ny - 2) * nx + 20] = Number.NaN;
  return {
    dem: { nx, ny, xll: 1000, yll: 2000, cellSize: dx, data },
    manning: 0.035,
    edges: [
      { side: 'E', kind: 'free' },
      { side: 'N', from: 1000, to: 1100, kind: 'hvar', series: { t: [0, 600, 1200], v: [2.6, 3.0, 2.2] } },
    ],
    points: [{ x: 1055, y: 2000 + Math.min(155, ny * dx - 5), kind: 'qvar', series: { t: [0, 300, 900], v: [0, 5, 0] } }],
    rain: { t: [0, 600, 601, 1800], v: [50 / 3.6e6, 50 / 3.6e6, 0, 0] }, // 50 mm/h for 10 minutes
    options: { simTime: 1800, outputTimes: [300, 600, 900, 1200, 1500], theta: 0.8 },
  };
}

describe('simulateGrid', () => {
  it('gives bit-identical results on 1, 2 and 3 workers', async () => {
    const model = buildGridModel(valley());
    const [one, two, three] = await Promise.all([1, 2, 3].map((workers) => simulateGrid(model, { workers })));
    expect(one?.workers).toBe(1);
    expect(three?.workers).toBe(3);
    for (const other of [two, three]) {
      expect(other?.steps).toBe(one?.steps);
      expect(other?.depths).toEqual(one?.depths);
      expect(other?.maxDepth).toEqual(one?.maxDepth);
      expect(other?.maxSpeed).toEqual(one?.maxSpeed);
      expect(other?.arrival).toEqual(one?.arrival);
      expect(other?.mass).toEqual(one?.mass);
    }
  });

  // A strip's phases run interleaved row by row, and its first and last two rows wait for the
  // strips beside it: strips of one, two and three rows exercise every overlap of those rules.
  it('gives bit-identical results when strips are one to three rows thick', async () => {
    const model = buildGridModel(valley(9));
    const [one, ...thin] = await Promise.all([1, 3, 4, 8].map((workers) => simulateGrid(model, { workers })));
    for (const other of thin) {
      expect(other?.steps).toBe(one?.steps);
      expect(other?.depths).toEqual(one?.depths);
      expect(other?.maxSpeed).toEqual(one?.maxSpeed);
      expect(other?.mass).toEqual(one?.mass);
    }
    expect(one?.maxDepth.some((h) => h > 0.1)).toBe(true);
  });

  it('gives identical results with and without dry-row skipping, on a flood spreading over dry land', async () => {
    const input = valley();
    delete input.rain;
    const [skipping, full] = await Promise.all([true, false].map((skipDryRows) => simulateGrid(buildGridModel({ ...input, options: { ...input.options, skipDryRows } }), { workers: 2 })));
    expect(skipping?.depths).toEqual(full?.depths);
    expect(skipping?.maxSpeed).toEqual(full?.maxSpeed);
    expect(skipping?.arrival).toEqual(full?.arrival);
    expect(skipping?.mass).toEqual(full?.mass);
  });

  it('balances inflow, rain, outflow and storage in every interval', async () => {
    const result = await simulateGrid(buildGridModel(valley()), { workers: 2 });
    expect(result.times).toEqual([300, 600, 900, 1200, 1500, 1800]);
    const total = result.mass.reduce((s, m) => ({ rain: s.rain + m.rain, point: s.point + m.pointNet, out: s.out + m.boundaryOut, in: s.in + m.boundaryIn }), { rain: 0, point: 0, out: 0, in: 0 });
    // Rain: 50 mm/h for 600 s on the 1,239 cells with data, 100 m² each (the run's rain rate is sampled at step starts).
    expect(total.rain).toBeCloseTo((50 / 3.6e6) * 600 * 1239 * 100, -1);
    // Point inflow: the triangle 0 → 5 → 0 m³/s over 900 s holds 2,250 m³.
    expect(total.point).toBeGreaterThan(2250 * 0.99);
    expect(total.point).toBeLessThan(2250 * 1.01);
    expect(total.in).toBeGreaterThan(0);
    expect(total.out).toBeGreaterThan(0);
    for (const m of result.mass) {
      expect(m.relativeError).toBeLessThan(1e-9);
      expect(Math.abs(m.clipped)).toBeLessThan(1e-9);
    }
  });

  it('keeps no-data cells out of every output, and depths never negative', async () => {
    const result = await simulateGrid(buildGridModel(valley()), { workers: 1 });
    const hole = 10 * 40 + 20;
    expect(result.maxDepth[hole]).toBeNaN();
    for (const depth of result.depths) {
      expect(depth[hole]).toBeNaN();
      expect(depth.every((h) => Number.isNaN(h) || h >= 0)).toBe(true);
    }
    expect(result.arrival.some((t) => t > 0)).toBe(true);
  });

  it('splits rows evenly and never into more strips than rows', () => {
    expect(splitRows(10, 3)).toEqual([[0, 3], [3, 6], [6, 10]]);
    expect(splitRows(2, 4)).toEqual([[0, 1], [1, 2]]);
  });

  it('names every problem of a model input', () => {
    const input = valley();
    input.edges = [{ side: 'W', from: 5000, to: 6000, kind: 'hfix', value: 1 }, { side: 'S', kind: 'qvar' }];
    input.points = [{ x: 0, y: 0, kind: 'qfix', value: 1 }];
    input.options = { ...input.options, simTime: -1, theta: 2 };
    expect(() => buildGridModel(input)).toThrow(GridModelError);
    try {
      buildGridModel(input);
    } catch (error) {
      expect((error as GridModelError).problems).toEqual([
        'sim_time must be > 0, got -1',
        'theta must be in [0, 1], got 2',
        'boundary 1 (W HFIX): the range 5000–6000 covers no cell of the W edge',
        'boundary 2 (S QVAR): QVAR needs a time series',
        'point 1 (0, 0): outside the DEM',
      ]);
    }
  });

  it('copies the depth only at the times a streaming writer asks for, and books volumes at every output', async () => {
    const model = buildGridModel(valley());
    const full = await simulateGrid(model, { workers: 2 });
    const seen: [number, Float64Array | undefined][] = [];
    const streamed = await simulateGrid(model, { workers: 2, keepDepths: false, depthTimes: new Set([600, 1800]), onOutput: (_k, t, depth) => seen.push([t, depth]) });
    expect(seen.map(([t, depth]) => [t, depth !== undefined])).toEqual([[300, false], [600, true], [900, false], [1200, false], [1500, false], [1800, true]]);
    expect(seen[1]?.[1]).toEqual(full.depths[1]);
    expect(seen[5]?.[1]).toEqual(full.depths[5]);
    expect(streamed.mass).toEqual(full.mass);
  });

  // Outputs are written while the strips compute the next interval: a writer that fails must
  // still stop them, and the run fails with the writer's error.
  it('stops every strip and fails with the error when writing an output fails', async () => {
    const written: number[] = [];
    const run = simulateGrid(buildGridModel(valley()), {
      workers: 2,
      onOutput: (k) => {
        if (k === 1) throw new Error('disk full');
        written.push(k);
      },
    });
    await expect(run).rejects.toThrow('disk full');
    expect(written).toEqual([0]);
  });

  it('refuses a bad worker count', async () => {
    await expect(simulateGrid(buildGridModel(valley()), { workers: 0 })).rejects.toThrow(TypeError);
  });

  it('says so when the machine cannot allocate the solver state', async () => {
    const refuse = vi.spyOn(WebAssembly, 'Memory').mockImplementation(function refused(): never {
      throw new RangeError('WebAssembly.Memory(): could not allocate memory');
    });
    try {
      await expect(simulateGrid(buildGridModel(valley()), { workers: 1 })).rejects.toThrow(/a 40 × 31 grid needs 0\.\d\d GiB of solver state, which this machine could not allocate/);
    } finally {
      refuse.mockRestore();
    }
  });

  it('refuses, before allocating, a grid whose state would not fit the 4 GiB the kernel addresses', async () => {
    // Only the shape is read before the size check, so the small valley's arrays can stand in.
    const huge = { ...buildGridModel(valley()), nx: 7500, ny: 6500 };
    await expect(simulateGrid(huge, { workers: 1 })).rejects.toThrow(/7500 × 6500 grid needs 4\.\d GiB .* more than the 4 GiB/);
  });
});
