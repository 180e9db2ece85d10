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
 * volume books. A step is three phases over rows [r0, r1), each reading only what earlier phases
 * wrote, so row strips can run in parallel with a barrier between phases and give bit-identical
 * results:
 *   A `updateFluxes`  q (effective, time t) → qNew
 *   B `limitOutflow`  qNew, h → limit (per cell)
 *   C `updateDepths`  h, qNew, limit → h (t + Δt), q ← limited qNew, maxima, mass per row
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

/** Phase A: new fluxes on every face owned by rows [r0, r1) (x faces of those rows, y faces north of them, and the south edge for the last strip). */
export function updateFluxes(a: GridArrays, m: GridShape, values: Float64Array, dt: number, r0: number, r1: number): void {
  const { nx, ny, dx, faceCode, faceSource } = m;
  const { g, theta, depthThreshold } = m.options;
  const gdt = g * dt;
  const invDx = 1 / dx;
  const { qx, qy, qxNew, qyNew, kernel, offsets: at } = a;
  const nxf = nx + 1;
  const { rowDry, rowQuiet, rowBusy } = a;
  const skipDry = m.options.skipDryRows;
  for (let j = r0; j < r1; j++) {
    const row = j * nx;
    const frow = j * nxf;
    // A row dry in this state and the last, beside a row also dry twice, computed all-zero faces
    // last step and would compute them again: they still hold zeros, so skip it.
    if (skipDry && (rowDry[j] as number) >= 2 && (j === 0 || (rowDry[j - 1] as number) >= 2) && rowBusy[j] === 0) {
      rowQuiet[j] = 1;
      continue;
    }
    rowQuiet[j] = 0;
    kernel.faces(at.z, at.h, at.n2, at.qx, at.qxNew, at.vxNew, row, 1, frow + 1, nx - 1, gdt, theta, depthThreshold, invDx);
    edgeFace(a, m, values, gdt, qx, qxNew, a.vxNew, frow, faceCode.west[j] as number, faceSource.west[j] as number, row, row + 1, -1);
    edgeFace(a, m, values, gdt, qx, qxNew, a.vxNew, frow + nx, faceCode.east[j] as number, faceSource.east[j] as number, row + nx - 1, row + nx - 2, 1);

    // y faces north of row j (between rows j−1 and j), while both rows are still in cache.
    if (j > 0) kernel.faces(at.z, at.h, at.n2, at.qy, at.qyNew, at.vyNew, row - nx, nx, row, nx, gdt, theta, depthThreshold, invDx);
  }
  if (r0 === 0) {
    for (let i = 0; i < nx; i++) edgeFace(a, m, values, gdt, qy, qyNew, a.vyNew, i, faceCode.north[i] as number, faceSource.north[i] as number, i, ny > 1 ? i + nx : -1, -1);
  }
  if (r1 === ny) {
    const base = ny * nx;
    const last = (ny - 1) * nx;
    for (let i = 0; i < nx; i++) edgeFace(a, m, values, gdt, qy, qyNew, a.vyNew, base + i, faceCode.south[i] as number, faceSource.south[i] as number, last + i, ny > 1 ? last + i - nx : -1, 1);
  }
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

/** Phase B: per cell, the factor (≤ 1) that keeps this step's outflow within the water the cell holds. */
export function limitOutflow(a: GridArrays, m: GridShape, dt: number, r0: number, r1: number): void {
  const { kernel, offsets: at } = a;
  const scale = dt / m.dx;
  for (let j = r0; j < r1; j++) {
    // Every face around a quiet row is zero, so its limits multiply nothing. (Dryness alone is
    // not enough: inertia can point a face's flux out of a cell that has just run dry.)
    if (a.rowQuiet[j] === 1 && (j === m.ny - 1 || a.rowQuiet[j + 1] === 1)) continue;
    kernel.limitRow(at.h, at.qxNew, at.qyNew, at.limit, m.nx, j, scale);
  }
}

/**
 * Phase C: continuity for rows [r0, r1): h += Δt/Δx (Σ inflow − Σ outflow) with each face's flux
 * scaled by its donor cell's limit; the limited flux is stored as the next step's q. Adds rain and
 * point sources, updates maxima and arrival times, and books volumes per row. Returns the
 * strip's largest depth.
 */
export function updateDepths(a: GridArrays, m: GridShape, values: Float64Array, rainRate: number, dt: number, t: number, r0: number, r1: number): number {
  const { nx, ny, dx } = m;
  const { arrivalDepth, depthThreshold } = m.options;
  const { rowDry, rowQuiet, kernel, offsets: at } = a;
  const scale = dt / dx;
  const rainDepth = rainRate * dt;
  let hmax = 0;
  for (let j = r0; j < r1; j++) {
    // All four faces of every cell are zero and nothing else adds water: the row stays dry.
    if (rainDepth === 0 && rowQuiet[j] === 1 && (j === ny - 1 || rowQuiet[j + 1] === 1)) {
      rowDry[j] = 2;
      continue;
    }
    const rowMax = kernel.depthRow(
      at.z, at.h, at.qx, at.qy, at.qxNew, at.qyNew, at.vxNew, at.vyNew, at.limit, at.maxH, at.maxSpeed2, at.arrival, at.rowMass, at.rowDry,
      nx, ny, j, scale, dx * dx, rainDepth, t + dt, arrivalDepth, depthThreshold,
    );
    if (rowMax > hmax) hmax = rowMax;
    bookEdges(a, m, j, dt);
  }
  if (r0 === 0) bookNorthSouth(a, m, 0, 0, dt, 1);
  if (r1 === ny) bookNorthSouth(a, m, ny, ny - 1, dt, -1);
  hmax = Math.max(hmax, applyPoints(a, m, values, dt, r0, r1));
  return hmax;
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
