import { MASS_BOUNDARY_IN, MASS_BOUNDARY_OUT, MASS_CLIPPED, MASS_FIELDS, MASS_POINT, MASS_RAIN, WALL, type GridArrays } from './inertial.js';

/** Volumes (m³) over one output interval: inflow + rain − outflow − storage change = error. */
export interface MassRecord {
  t: number;
  boundaryIn: number;
  boundaryOut: number;
  rain: number;
  pointNet: number;
  /** Volume created by clipping round-off negatives to zero (the outflow limiter keeps it at round-off). */
  clipped: number;
  storage: number;
  storageChange: number;
  error: number;
  /** |error| relative to the volume in play (storage plus everything that crossed the boundary). */
  relativeError: number;
}

export interface MassTotals { boundaryIn: number; boundaryOut: number; rain: number; pointNet: number; clipped: number; storage: number }

/** Cumulative volumes, summed row by row in row order, so any strip split gives the same sums. */
export function massTotals(a: GridArrays, nx: number, ny: number, dx: number): MassTotals {
  const totals: MassTotals = { boundaryIn: 0, boundaryOut: 0, rain: 0, pointNet: 0, clipped: 0, storage: 0 };
  const area = dx * dx;
  for (let j = 0; j < ny; j++) {
    const base = j * MASS_FIELDS;
    totals.boundaryIn += a.rowMass[base + MASS_BOUNDARY_IN] as number;
    totals.boundaryOut += a.rowMass[base + MASS_BOUNDARY_OUT] as number;
    totals.rain += a.rowMass[base + MASS_RAIN] as number;
    totals.pointNet += a.rowMass[base + MASS_POINT] as number;
    totals.clipped += a.rowMass[base + MASS_CLIPPED] as number;
    let row = 0;
    for (let i = 0; i < nx; i++) {
      const c = j * nx + i;
      if ((a.z[c] as number) < WALL) row += a.h[c] as number;
    }
    totals.storage += row * area;
  }
  return totals;
}

export function massRecord(t: number, now: MassTotals, before: MassTotals): MassRecord {
  const boundaryIn = now.boundaryIn - before.boundaryIn;
  const boundaryOut = now.boundaryOut - before.boundaryOut;
  const rain = now.rain - before.rain;
  const pointNet = now.pointNet - before.pointNet;
  const clipped = now.clipped - before.clipped;
  const storageChange = now.storage - before.storage;
  const error = boundaryIn + rain + pointNet + clipped - boundaryOut - storageChange;
  const scale = Math.max(now.storage, before.storage, boundaryIn + rain + Math.abs(pointNet) + boundaryOut, Number.MIN_VALUE);
  return { t, boundaryIn, boundaryOut, rain, pointNet, clipped, storage: now.storage, storageChange, error, relativeError: Math.abs(error) / scale };
}
