/**
 * The compiled 2D flood model: plain data that crosses into workers. Boundary conditions follow
 * LISFLOOD-FP's vocabulary (CLOSED, FREE, HFIX, HVAR, QFIX, QVAR) so `.bci` files map one to one.
 */

/** A value that is fixed or varies in time (linear interpolation, held constant outside the series). */
export interface TimeSeries {
  t: number[];
  v: number[];
}

export type BoundaryKind = 'closed' | 'free' | 'hfix' | 'hvar' | 'qfix' | 'qvar';
export const BOUNDARY_CODES: Record<BoundaryKind, number> = { closed: 0, free: 1, hfix: 2, hvar: 2, qfix: 3, qvar: 3 };
export const BC_CLOSED = 0;
export const BC_FREE = 1;
export const BC_STAGE = 2;
export const BC_FLOW = 3;

/** One boundary source: the face codes point at it by index. `value` is a stage (m), a unit-width flow (m²/s), a point flow (m³/s) or a FREE slope. */
export interface BoundarySource {
  kind: BoundaryKind;
  series: TimeSeries;
  /** FREE only: the slope to use; undefined means the local water-surface slope. */
  slope?: number;
}

/** A point source or stage in one cell. */
export interface PointSource {
  cell: number;
  source: number;
}

export interface GridModel {
  nx: number;
  ny: number;
  dx: number;
  /** Bed elevation (m), row 0 north; NaN where there is no data (those cells stay dry walls). */
  z: Float64Array;
  /** Manning's n per cell (s m^-1/3). */
  manning: Float64Array;
  /** Initial depth (m). */
  h0: Float64Array;
  /** For each boundary face (west ny, east ny, north nx, south nx): code and source index (−1 = none). */
  faceCode: { west: Int8Array; east: Int8Array; north: Int8Array; south: Int8Array };
  faceSource: { west: Int32Array; east: Int32Array; north: Int32Array; south: Int32Array };
  sources: BoundarySource[];
  points: PointSource[];
  /** Rain rate (m/s) over the whole grid in time, or undefined. */
  rain?: TimeSeries;
  options: SolverOptions;
}

export interface SolverOptions {
  /** End time (s). */
  simTime: number;
  /** Times (s) at which depth is saved; the run steps exactly onto each. */
  outputTimes: number[];
  /** Upper bound on the time step (s), LISFLOOD-FP's initial_tstep. */
  maxDt: number;
  /** CFL coefficient α in Δt = α Δx / √(g h_max); Bates et al. (2010) recommend 0.7. */
  alpha: number;
  /** q-centred weighting θ of de Almeida et al. (2012); 1 gives the Bates et al. (2010) scheme. */
  theta: number;
  /** Flow depth below which a face carries no flow (m), LISFLOOD-FP's depththresh. */
  depthThreshold: number;
  /** Depth that counts as arrival of the flood (m). */
  arrivalDepth: number;
  g: number;
  /** Skip rows that stay dry (identical results, less work on mostly dry floodplains). */
  skipDryRows: boolean;
}

export const DEFAULT_SOLVER_OPTIONS = { maxDt: 10, alpha: 0.7, theta: 1, depthThreshold: 0.001, arrivalDepth: 0.01, g: 9.81, skipDryRows: true } as const;

export function valueAt(series: TimeSeries, t: number): number {
  const { t: ts, v } = series;
  const n = ts.length;
  if (n === 0) return 0;
  if (t <= (ts[0] as number)) return v[0] as number;
  if (t >= (ts[n - 1] as number)) return v[n - 1] as number;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((ts[mid] as number) <= t) lo = mid;
    else hi = mid;
  }
  const t0 = ts[lo] as number;
  const t1 = ts[hi] as number;
  const w = (t - t0) / (t1 - t0);
  return (v[lo] as number) * (1 - w) + (v[hi] as number) * w;
}

/** The mean of a series over [a, b] (linear between points, constant beyond the ends), integrated exactly. */
export function meanOver(series: TimeSeries, a: number, b: number): number {
  const { t: ts } = series;
  const n = ts.length;
  if (n === 0) return 0;
  if (!(b > a)) return valueAt(series, a);
  let sum = 0;
  let x = a;
  let k = 0;
  while (k < n && (ts[k] as number) <= x) k++;
  // k is the first point after x: integrate piece by piece up to b (trapezoids are exact on a line).
  while (x < b) {
    const end = k < n ? Math.min(b, ts[k] as number) : b;
    sum += ((valueAt(series, x) + valueAt(series, end)) / 2) * (end - x);
    x = end;
    k++;
  }
  return sum / (b - a);
}

export function closedFaces(nx: number, ny: number): Pick<GridModel, 'faceCode' | 'faceSource'> {
  return {
    faceCode: { west: new Int8Array(ny), east: new Int8Array(ny), north: new Int8Array(nx), south: new Int8Array(nx) },
    faceSource: { west: new Int32Array(ny).fill(-1), east: new Int32Array(ny).fill(-1), north: new Int32Array(nx).fill(-1), south: new Int32Array(nx).fill(-1) },
  };
}
