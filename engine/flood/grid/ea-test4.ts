import { buildGridModel } from './build-model.js';
import type { GridModel } from './model.js';

/**
 * The set-up of the UK Environment Agency 2D benchmark test 4, "speed of flood propagation over
 * an extended floodplain" (Néelz & Pender 2013, EA report SC120002), as the test description
 * gives it: a flat, dry 1000 × 2000 m floodplain at 0 m, 5 m cells, Manning's n 0.05, an inflow
 * along a 20 m line in the middle of the west edge with a peak of 20 m³/s and a time base of
 * about 6 h, other edges closed, 5 h simulated; output points (50,1000) … (400,1000), (300,1300).
 * The tabulated hydrograph ships with the EA data set, which we could not obtain: ours is a
 * triangle with the published peak and base, rising for the first hour (an assumption).
 */
export const EA4_POINTS: [number, number][] = [[50, 1000], [100, 1000], [200, 1000], [300, 1000], [400, 1000], [300, 1300]];

/** Our stand-in for the EA's hydrograph: the discharge (m³/s) into the domain along the 20 m breach. */
export const EA4_DISCHARGE = { t: [0, 3600, 6 * 3600], v: [0, 20, 0] };
const BREACH_WIDTH = 20;

export function eaTest4Model(options: { cellSize?: number; simTime?: number; outputTimes?: number[] } = {}): GridModel {
  const dx = options.cellSize ?? 5;
  const nx = Math.round(1000 / dx);
  const ny = Math.round(2000 / dx);
  const hydrograph = { t: EA4_DISCHARGE.t, v: EA4_DISCHARGE.v.map((q) => q / BREACH_WIDTH) }; // per unit width
  return buildGridModel({
    dem: { nx, ny, xll: 0, yll: 0, cellSize: dx, data: new Float64Array(nx * ny) },
    manning: 0.05,
    edges: [{ side: 'W', from: 990, to: 1010, kind: 'qvar', series: hydrograph }],
    options: { simTime: options.simTime ?? 5 * 3600, outputTimes: options.outputTimes ?? [3600, 7200, 10800, 14400] },
  });
}
