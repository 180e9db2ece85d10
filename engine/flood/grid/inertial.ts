/**
 * Local-inertial 2D shallow-water kernels: Bates, Horritt & Fewtrell (2010), "A simple inertial
 * formulation of the shallow water equations for efficient two-dimensional flood inundation
 * modelling", J. Hydrology 387, eq. (11), with the q-centred momentum of de Almeida, Bates, Freer
 * & Souvignet (2012), Water Resources Research 48, W05528, eq. (13):
 *
 *   q⁺ = [θ q + (1−θ)/2 (q₋ + q₊) − g h_f Δt ∂η/∂x] / [1 + g Δt n² |q| / h_f^(7/3)]
 *
 * with h_f = max(η_L, η_R) − max(z_L, z_R) and the CFL step Δt = α Δx / √(g h_max) (eq. 12).
 * Positivity: the outflow of a cell in one step is scaled so it never exceeds the water the cell
 * holds, which keeps depths ≥ 0 and volume exact (no mass created by clipping negative depths).
 *
 * The interior loops run in WebAssembly SIMD (./wasm/inertial-kernel.ts, same formulas); this
 * module drives them row by row and handles the domain's edges, point sources, dry rows and the
 * volume books. A step is three phases, each reading only what earlier phases wrote, so row strips
 * can run in parallel and give bit-identical results (`advanceStrip` orders them):
 *   A `rowFluxes`  q (effective, time t) → qNew
 *   B `rowLimits`  qNew, h → limit (per cell)
 *   C `rowDepths`  h, qNew, limit → h (t + Δt), q ← limited qNew, maxima, mass per row
 * Faces: qx[j(nx+1) + i] lies west of cell (j, i), positive eastward; qy[j·nx + i] lies north of
 * cell (j, i), positive southward (row 0 is the north row).
 */
import type { ArrayName } from './array-names.js';
import type { KernelExports } from './kernel.js';
import { BC_CLOSED, BC_FLOW, BC_FREE, BC_STAGE, type GridModel } from './model.js';

/** Bed of a no-data cell: a wall high enough that no face next to it ever carries flow. */
export const WALL = 1e30;
/** Per-row mass accumulators (m³), `rowMass[row * MASS_FIELDS + field]`. */
export const MASS_FIELDS = 5;
export const MASS_BOUNDARY_IN = 0;
export const MASS_BOUNDARY_OUT = 1;
export const MASS_RAIN = 2;
export const MASS_POINT = 3;
export const MASS_CLIPPED = 4;

export interface GridArrays {
  z: Float64Array;
  n2: Float64Array;
  h: Float64Array;
  qx: Float64Array;
  qy: Float64Array;
  qxNew: Float64Array;
  qyNew: Float64Array;
  /** This step's face velocities q/h_f (m/s), for the speed maxima (single precision). */
  vxNew: Float32Array;
  vyNew: Float32Array;
  limit: Float64Array;
  maxH: Float64Array;
  /** Largest squared speed (m²/s²) seen in each cell. */
  maxSpeed2: Float64Array;
  arrival: Float64Array;
  rowMass: Float64Array;
  /**
   * Dry-row skipping (results are identical with or without it): `rowDry[j]` counts the last
   * states (capped at 2) in which row j held no water; `rowQuiet[j]` says phase A found row j's
   * x faces and the y faces north of it at zero; `rowBusy[j]` marks rows with boundary or point
   * conditions, which always run.
   */
  rowDry: Float64Array;
  rowQuiet: Float64Array;
  rowBusy: Float64Array;
  /** The SIMD kernel that runs the interior loops (./wasm/inertial-kernel.ts), and where each array starts in its memory. */
  kernel: KernelExports;
  offsets: Record<ArrayName, number>;
}

export type GridShape = Pick<GridModel, 'nx' | 'ny' | 'dx' | 'faceCode' | 'faceSource' | 'sources' | 'points' | 'options'>;

/** Largest water depth in rows [r0, r1). */
export function cellMaxDepth(a: GridArrays, nx: number, r0: number, r1: number): number {
  let hmax = 0;
  for (let c = r0 * nx, end = r1 * nx; c < end; c++) {
    const h = a.h[c] as number;
    if (h > hmax) hmax = h;
  }
  return hmax;
}

/** Largest depth a stage boundary (edge or point) of rows [r0, r1) imposes, for the CFL step. */
export function stageMaxDepth(a: GridArrays, m: GridShape, values: Float64Array, r0: number, r1: number): number {
  const { nx, ny, faceCode, faceSource } = m;
  let hmax = 0;
  const stage = (code: number, source: number, cell: number): void => {
    if (code === BC_STAGE) {
      const d = (values[source] as number) - (a.z[cell] as number);
      if (d > hmax) hmax = d;
    }
  };
  for (let j = r0; j < r1; j++) {
    stage(faceCode.west[j] as number, faceSource.west[j] as number, j * nx);
    stage(faceCode.east[j] as number, faceSource.east[j] as number, j * nx + nx - 1);
  }
  if (r0 === 0) for (let i = 0; i < nx; i++) stage(faceCode.north[i] as number, faceSource.north[i] as number, i);
  if (r1 === ny) for (let i = 0; i < nx; i++) stage(faceCode.south[i] as number, faceSource.south[i] as number, (ny - 1) * nx + i);
  for (const p of m.points) {
    const row = Math.floor(p.cell / nx);
    if (row >= r0 && row < r1 && m.sources[p.source]?.kind.startsWith('h')) {
      const d = (values[p.source] as number) - (a.z[p.cell] as number);
      if (d > hmax) hmax = d;
    }
  }
  return hmax;
}

/**
 * The q-centred scheme (θ < 1) on 2D grids grew round-off into a blow-up at α = 0.7 in our
 * lake-at-rest test and stayed at rest at α = 0.5, so θ < 1 runs with α at most this.
 */
export const Q_CENTRED_MAX_ALPHA = 0.5;

/** Δt from the CFL condition, capped by the maximum step and by the time left to the next output. */
export function timeStep(hmax: number, m: GridShape, untilNext: number): number {
  const { g, maxDt, theta } = m.options;
  const alpha = theta < 1 ? Math.min(m.options.alpha, Q_CENTRED_MAX_ALPHA) : m.options.alpha;
  const cfl = hmax > 0 ? (alpha * m.dx) / Math.sqrt(g * hmax) : maxDt;
  return Math.min(cfl, maxDt, untilNext);
}

/** Manning-friction momentum update of one face; `h73` is h_f^(7/3) computed as h²·∛h (no Math.pow). */
function faceFlux(q: number, qCentred: number, hf: number, slope: number, n2: number, gdt: number): number {
  const h73 = hf * hf * Math.cbrt(hf);
  return (qCentred - gdt * hf * slope) / (1 + (gdt * n2 * Math.abs(q)) / h73);
}

/**
 * One step over the rows [r0, r1) of a strip, the three phases interleaved row by row so that a
 * row's arrays are still in cache when its later phases need them: phase A on row k, B on row
 * k − 1 (its south faces are row k's north faces), C on row k − 2 (it needs the limits of the rows
 * on both sides). Rows whose phases read or write another strip's rows wait at barriers, so
 * every operation sees what the three separate passes gave it and the results are bit-identical:
 *   1. A on every row; B on rows r0 … r1−2; C on rows r0+1 … r1−3
 *   2. (after the other strips' A) B on row r1−1, whose south faces are the next strip's
 *   3. (after the other strips' B) C on rows r0, r1−2, r1−1: r0 needs the limits of the strip
 *      above, and C on r0 and r1−1 writes the depths and fluxes the neighbouring strips' A read.
 * On a 1,000 × 1,000 wet grid the three passes streamed every array from memory three times a
 * step; interleaved, they stream them about once. Returns the strip's largest depth.
 */
export function advanceStrip(a: GridArrays, m: GridShape, values: Float64Array, rainRate: number, dt: number, t: number, r0: number, r1: number, barrier: () => void): number {
  const { ny } = m;
  if (r0 === 0) northEdgeFluxes(a, m, values, dt);
  let hmax = 0;
  for (let k = r0; k < r1; k++) {
    rowFluxes(a, m, values, dt, k);
    if (k - 1 >= r0 && k - 1 <= r1 - 2) rowLimits(a, m, dt, k - 1);
    if (k - 2 >= r0 + 1 && k - 2 <= r1 - 3) hmax = Math.max(hmax, rowDepths(a, m, rainRate, dt, t, k - 2));
  }
  if (r1 === ny) southEdgeFluxes(a, m, values, dt);
  barrier();
  rowLimits(a, m, dt, r1 - 1);
  barrier();
  hmax = Math.max(hmax, rowDepths(a, m, rainRate, dt, t, r0));
  for (let j = Math.max(r0 + 1, r1 - 2); j < r1; j++) hmax = Math.max(hmax, rowDepths(a, m, rainRate, dt, t, j));
  if (r0 === 0) bookNorthSouth(a, m, 0, 0, dt, 1);
  if (r1 === ny) bookNorthSouth(a, m, ny, ny - 1, dt, -1);
  return Math.max(hmax, applyPoints(a, m, values, dt, r0, r1));
}

/** Phase A on row j: its x faces and the y faces north of it (between rows j−1 and j). */
function rowFluxes(a: GridArrays, m: GridShape, values: Float64Array, dt: number, j: number): void {
  const { nx, dx, faceCode, faceSource } = m;
  const { g, theta, depthThreshold } = m.options;
  const gdt = g * dt;
  const { qx, qxNew, kernel, offsets: at, rowDry, rowQuiet, rowBusy } = a;
  const row = j * nx;
  const frow = j * (nx + 1);
  // A row dry in this state and the last, beside a row also dry twice, computed all-zero faces
  // last step and would compute them again: they still hold zeros, so skip it.
  if (m.options.skipDryRows && (rowDry[j] as number) >= 2 && (j === 0 || (rowDry[j - 1] as number) >= 2) && rowBusy[j] === 0) {
    rowQuiet[j] = 1;
    return;
  }
  rowQuiet[j] = 0;
  kernel.faces(at.z, at.h, at.n2, at.qx, at.qxNew, at.vxNew, row, 1, frow + 1, nx - 1, gdt, theta, depthThreshold, 1 / dx);
  edgeFace(a, m, values, gdt, qx, qxNew, a.vxNew, frow, faceCode.west[j] as number, faceSource.west[j] as number, row, row + 1, -1);
  edgeFace(a, m, values, gdt, qx, qxNew, a.vxNew, frow + nx, faceCode.east[j] as number, faceSource.east[j] as number, row + nx - 1, row + nx - 2, 1);
  if (j > 0) kernel.faces(at.z, at.h, at.n2, at.qy, at.qyNew, at.vyNew, row - nx, nx, row, nx, gdt, theta, depthThreshold, 1 / dx);
}

/** Phase A on the north edge's y faces (before any depth of row 0 or 1 changes). */
function northEdgeFluxes(a: GridArrays, m: GridShape, values: Float64Array, dt: number): void {
  const { nx, ny, faceCode, faceSource } = m;
  const gdt = m.options.g * dt;
  for (let i = 0; i < nx; i++) edgeFace(a, m, values, gdt, a.qy, a.qyNew, a.vyNew, i, faceCode.north[i] as number, faceSource.north[i] as number, i, ny > 1 ? i + nx : -1, -1);
}

/** Phase A on the south edge's y faces. */
function southEdgeFluxes(a: GridArrays, m: GridShape, values: Float64Array, dt: number): void {
  const { nx, ny, faceCode, faceSource } = m;
  const gdt = m.options.g * dt;
  const base = ny * nx;
  const last = (ny - 1) * nx;
  for (let i = 0; i < nx; i++) edgeFace(a, m, values, gdt, a.qy, a.qyNew, a.vyNew, base + i, faceCode.south[i] as number, faceSource.south[i] as number, last + i, ny > 1 ? last + i - nx : -1, 1);
}

/**
 * Phase A on an edge face: its new flux from the old (`edgeFlux`), and its velocity over the
 * face's flow depth — the stage's water over the bed at a stage boundary, the cell's own depth
 * otherwise (none while the cell is dry).
 */
function edgeFace(a: GridArrays, m: GridShape, values: Float64Array, gdt: number, q: Float64Array, qNew: Float64Array, vNew: Float32Array, face: number, code: number, source: number, cell: number, inner: number, outward: number): void {
  const flux = edgeFlux(a, m, values, gdt, code, source, cell, inner, q[face] as number, outward);
  qNew[face] = flux;
  const zc = a.z[cell] as number;
  const hc = a.h[cell] as number;
  const flowDepth = code === BC_STAGE ? Math.max(values[source] as number, zc + hc) - zc : hc;
  vNew[face] = flux !== 0 && flowDepth > m.options.depthThreshold ? flux / flowDepth : 0;
}

/**
 * Flux on a domain-edge face. `outward` is +1 when positive flux leaves the domain (east, south
 * edges), −1 when positive flux enters it (west, north). `inner` is the next cell inwards (−1 if none).
 */
function edgeFlux(a: GridArrays, m: GridShape, values: Float64Array, gdt: number, code: number, source: number, cell: number, inner: number, q: number, outward: number): number {
  if (code === BC_CLOSED) return 0;
  const zc = a.z[cell] as number;
  if (zc >= WALL) return 0;
  const hc = a.h[cell] as number;
  const value = values[source] as number;
  const { depthThreshold } = m.options;
  if (code === BC_FLOW) return -outward * value; // unit-width inflow (m²/s) into the domain
  if (code === BC_STAGE) {
    const ec = zc + hc;
    const hf = (value > ec ? value : ec) - zc;
    if (hf <= depthThreshold) return 0;
    // Ghost cell beyond the edge: same bed, water level = the stage. Slope in the positive direction.
    const slope = outward > 0 ? (value - ec) / m.dx : (ec - value) / m.dx;
    return faceFlux(q, q, hf, slope, a.n2[cell] as number, gdt);
  }
  if (code === BC_FREE) {
    if (hc <= depthThreshold) return 0;
    const given = m.sources[source]?.slope;
    let slope = given ?? 0;
    if (given === undefined && inner >= 0) slope = ((a.z[inner] as number) + (a.h[inner] as number) - (zc + hc)) / m.dx;
    if (slope <= 0) return 0;
    // Normal depth: q = h^(5/3) √S / n, leaving the domain. h^(5/3) = h·∛(h²).
    return (outward * hc * Math.cbrt(hc * hc) * Math.sqrt(slope)) / Math.sqrt(a.n2[cell] as number);
  }
  return 0;
}

/** Phase B on row j: per cell, the factor (≤ 1) that keeps this step's outflow within the water the cell holds. */
function rowLimits(a: GridArrays, m: GridShape, dt: number, j: number): void {
  // Every face around a quiet row is zero, so its limits multiply nothing. (Dryness alone is
  // not enough: inertia can point a face's flux out of a cell that has just run dry.)
  if (a.rowQuiet[j] === 1 && (j === m.ny - 1 || a.rowQuiet[j + 1] === 1)) return;
  a.kernel.limitRow(a.offsets.h, a.offsets.qxNew, a.offsets.qyNew, a.offsets.limit, m.nx, j, dt / m.dx);
}

/**
 * Phase C on row j: continuity, h += Δt/Δx (Σ inflow − Σ outflow) with each face's flux scaled by
 * its donor cell's limit; the limited flux is stored as the next step's q. Adds rain, updates
 * maxima and arrival times, and books volumes for the row. Returns the row's largest depth.
 */
function rowDepths(a: GridArrays, m: GridShape, rainRate: number, dt: number, t: number, j: number): number {
  const { nx, ny, dx } = m;
  const { rowDry, rowQuiet, kernel, offsets: at } = a;
  const rainDepth = rainRate * dt;
  // All four faces of every cell are zero and nothing else adds water: the row stays dry.
  if (rainDepth === 0 && rowQuiet[j] === 1 && (j === ny - 1 || rowQuiet[j + 1] === 1)) {
    rowDry[j] = 2;
    return 0;
  }
  const rowMax = kernel.depthRow(
    at.z, at.h, at.qx, at.qy, at.qxNew, at.qyNew, at.vxNew, at.vyNew, at.limit, at.maxH, at.maxSpeed2, at.arrival, at.rowMass, at.rowDry,
    nx, ny, j, dt / dx, dx * dx, rainDepth, t + dt, m.options.arrivalDepth, m.options.depthThreshold,
  );
  bookEdges(a, m, j, dt);
  return rowMax;
}

/** Books the west/east edge flows of row j (limited fluxes, already in qx) as boundary in/outflow. */
function bookEdges(a: GridArrays, m: GridShape, j: number, dt: number): void {
  const { nx, dx } = m;
  const w = a.qx[j * (nx + 1)] as number;
  const e = a.qx[j * (nx + 1) + nx] as number;
  const inflow = (w > 0 ? w : 0) + (e < 0 ? -e : 0);
  const outflow = (w < 0 ? -w : 0) + (e > 0 ? e : 0);
  a.rowMass[j * MASS_FIELDS + MASS_BOUNDARY_IN] = (a.rowMass[j * MASS_FIELDS + MASS_BOUNDARY_IN] as number) + inflow * dt * dx;
  a.rowMass[j * MASS_FIELDS + MASS_BOUNDARY_OUT] = (a.rowMass[j * MASS_FIELDS + MASS_BOUNDARY_OUT] as number) + outflow * dt * dx;
}

/** Books the north (sign +1) or south (sign −1) edge: positive qy enters at the north and leaves at the south. */
function bookNorthSouth(a: GridArrays, m: GridShape, faceRow: number, row: number, dt: number, sign: number): void {
  const { nx, dx } = m;
  let inflow = 0;
  let outflow = 0;
  for (let i = 0; i < nx; i++) {
    const q = sign * (a.qy[faceRow * nx + i] as number);
    if (q > 0) inflow += q;
    else outflow -= q;
  }
  a.rowMass[row * MASS_FIELDS + MASS_BOUNDARY_IN] = (a.rowMass[row * MASS_FIELDS + MASS_BOUNDARY_IN] as number) + inflow * dt * dx;
  a.rowMass[row * MASS_FIELDS + MASS_BOUNDARY_OUT] = (a.rowMass[row * MASS_FIELDS + MASS_BOUNDARY_OUT] as number) + outflow * dt * dx;
}

/** Point flows add volume; point stages set the level (the volume change is booked as point inflow). */
function applyPoints(a: GridArrays, m: GridShape, values: Float64Array, dt: number, r0: number, r1: number): number {
  const { nx, dx } = m;
  const area = dx * dx;
  let hmax = 0;
  for (const p of m.points) {
    const row = Math.floor(p.cell / nx);
    if (row < r0 || row >= r1) continue;
    const before = a.h[p.cell] as number;
    const source = m.sources[p.source];
    const value = values[p.source] as number;
    const after = source?.kind.startsWith('h') ? Math.max(value - (a.z[p.cell] as number), 0) : Math.max(before + (value * dt) / area, 0);
    a.h[p.cell] = after;
    if (after > 0) a.rowDry[row] = 0;
    a.rowMass[row * MASS_FIELDS + MASS_POINT] = (a.rowMass[row * MASS_FIELDS + MASS_POINT] as number) + (after - before) * area;
    if (after > (a.maxH[p.cell] as number)) a.maxH[p.cell] = after;
    if (after > hmax) hmax = after;
  }
  return hmax;
}
