import { describe, expect, it } from 'vitest';
import { buildGridModel } from '../../../../engine/flood/grid/build-model.js';
import { runGridToFolder, supercriticalCells } from '../../../../engine/flood/grid/run-grid.js';
import { withTempDir } from '../../../fixtures/mini-pack.js';

describe('supercritical flow warning', () => {
  it('counts a cell only when its largest speed beats √(g·largest depth)', () => {
    // √(9.81·0.4) = 1.98 m/s: 2.5 m/s is certainly supercritical, 1.5 m/s may not be; a dry cell never counts.
    expect(supercriticalCells(Float64Array.from([0.4, 0.4, 0]), Float64Array.from([2.5, 1.5, 9]), 9.81, 0.001)).toBe(1);
  });

  it('warns on a steep slope and stays quiet on a gentle one', async () => {
    await withTempDir(async (dir) => {
      const run = async (slope: number) => {
        const [nx, ny, dx] = [30, 3, 10];
        const data = Float64Array.from({ length: nx * ny }, (_, c) => -slope * (c % nx) * dx);
        const model = buildGridModel({
          dem: { nx, ny, xll: 0, yll: 0, cellSize: dx, data }, manning: 0.035,
          edges: [{ side: 'W', kind: 'qfix', value: 1 }, { side: 'E', kind: 'free' }],
          options: { simTime: 1800, outputTimes: [] },
        });
        const { summary } = await runGridToFolder({ label: `slope ${slope}`, model, origin: { xll: 0, yll: 0 }, saveTimes: [], massTimes: [], naming: { depth: () => [], initialSnapshot: false, max: [], arrival: 'a.asc', speed: 's.asc', mass: 'm.txt' }, warnings: [] }, { outDir: `${dir}/out-${slope}`, workers: 1 });
        return summary;
      };
      // Normal flow of 1 m²/s at n 0.035: slope 0.1 gives Froude ≈ 1.7, slope 0.001 about 0.3.
      const steep = await run(0.1);
      expect(steep.supercriticalCells).toBeGreaterThan(0);
      expect(steep.warnings).toEqual([expect.stringMatching(/^the flow was supercritical \(Froude number above 1\) in \d+ cell\(s\)/)]);
      const gentle = await run(0.001);
      expect(gentle.supercriticalCells).toBe(0);
      expect(gentle.warnings).toEqual([]);
    });
  });
});
