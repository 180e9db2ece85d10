import { buildGridModel } from '../../../../../../engine/flood/grid/build-model.js';
import type { GridModel } from '../../../../../../engine/flood/grid/model.js';
import type { Raster } from '../../../../../../engine/io/raster.js';

/**
 * UK Environment Agency 2D benchmark test 2, "filling of floodplain depressions" (Néelz & Pender
 * 2010/2013), from the May-2010 EA data set as redistributed in u11d-com/deceris_inundation
 * (commit 81a9dd17, `benchmark_assets/Test2 dataset 2010/`): a 2000 × 2000 m floodplain with a
 * 4 × 4 "egg box" of ~0.5 m depressions, 20 m cells, Manning's n 0.03, dry start, closed edges,
 * 48 h; inflow along the 100 m of the west edge running south from the north-west corner.
 *
 * The data set's DEM (`test2DEM.asc`, 2 m nodes from (−200, −200), printed to 0.1 mm) is a closed
 * form, which we read off the file rather than ship its 10 MB:
 *   z = 8.573069 − x/2000 + y/1500.18 + (5/32)(cos 2πx/500 + cos 2πy/500) − (3/32) cos 2πx/500 · cos 2πy/500
 * inside the modelled square. Fitted to three rows (y = 250, 1002, 1756 m) it predicted a fourth
 * (y = 602 m) to 6.2e-5 m; with the constants as written here the four rows' 1,834 in-domain
 * values agree to 6.6e-5 m — the file's own rounding (5e-5 m) plus a hair. The 200 m apron
 * outside the square is not modelled and not used. Cells take the surface's mean over the cell.
 */
export const EA2_POINTS: [number, number][] = [250, 750, 1250, 1750].flatMap((x) => [250, 750, 1250, 1750].map((y): [number, number] => [x, y]));

/** Test2_BC.csv: time (min), inflow (m³/s) over the 100 m line, linear between breakpoints. */
export const EA2_HYDROGRAPH_MIN: [number, number][] = [[0, 0], [5, 0], [10, 20], [86, 20], [91, 0], [2880, 0]];
export const EA2_INFLOW_M3 = 20 * (86 - 10) * 60 + 2 * (0.5 * 20 * 5 * 60);

const PERIOD = 500;
const LINE = 100;

function bedCellMean(xc: number, yc: number, cell: number): number {
  // Mean of the surface over a cell: the plane is exact at the centre; each cosine shrinks by sinc.
  const a = (Math.PI * cell) / PERIOD;
  const k = Math.sin(a) / a;
  const cx = k * Math.cos((2 * Math.PI * xc) / PERIOD);
  const cy = k * Math.cos((2 * Math.PI * yc) / PERIOD);
  return 8.573069 - xc / 2000 + yc / 1500.18 + (5 / 32) * (cx + cy) - (3 / 32) * cx * cy;
}

export function eaTest2Dem(cell = 20): Raster {
  const n = Math.round(2000 / cell);
  const data = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) data[j * n + i] = bedCellMean((i + 0.5) * cell, 2000 - (j + 0.5) * cell, cell);
  return { nx: n, ny: n, xll: 0, yll: 0, cellSize: cell, data };
}

export function eaTest2Model(options: { cellSize?: number; simTime?: number; outputTimes?: number[] } = {}): GridModel {
  const dem = eaTest2Dem(options.cellSize ?? 20);
  const series = { t: EA2_HYDROGRAPH_MIN.map(([t]) => t * 60), v: EA2_HYDROGRAPH_MIN.map(([, q]) => q / LINE) };
  return buildGridModel({
    dem,
    manning: 0.03,
    edges: [{ side: 'W', from: 2000 - LINE, to: 2000, kind: 'qvar', series }],
    options: { simTime: options.simTime ?? 48 * 3600, outputTimes: options.outputTimes ?? [3600, 6 * 3600, 24 * 3600, 48 * 3600] },
  });
}
