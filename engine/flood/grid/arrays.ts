import { type GridArrays, MASS_FIELDS, WALL } from './inertial.js';
import type { GridModel } from './model.js';

export const ARRAY_NAMES = ['z', 'n2', 'h', 'qx', 'qy', 'qxNew', 'qyNew', 'limit', 'maxH', 'maxSpeed2', 'arrival', 'rowMass', 'rowDry', 'rowQuiet', 'rowBusy'] as const;
export type ArrayName = (typeof ARRAY_NAMES)[number];

function lengths(nx: number, ny: number): Record<ArrayName, number> {
  const cells = nx * ny;
  return {
    z: cells, n2: cells, h: cells, qx: (nx + 1) * ny, qy: nx * (ny + 1), qxNew: (nx + 1) * ny, qyNew: nx * (ny + 1),
    limit: cells, maxH: cells, maxSpeed2: cells, arrival: cells, rowMass: ny * MASS_FIELDS, rowDry: ny, rowQuiet: ny, rowBusy: ny,
  };
}

/**
 * The solver state, initialised from the model: no-data beds become walls, n becomes n², maxima
 * and arrival times start from the initial depth. With `shared`, every array sits on its own
 * SharedArrayBuffer so strip workers can view it without copying.
 */
export function allocateArrays(model: GridModel, shared: boolean): { arrays: GridArrays; buffers: Record<ArrayName, ArrayBufferLike> } {
  const sizes = lengths(model.nx, model.ny);
  const buffers = {} as Record<ArrayName, ArrayBufferLike>;
  const arrays = {} as GridArrays;
  for (const name of ARRAY_NAMES) {
    const bytes = sizes[name] * Float64Array.BYTES_PER_ELEMENT;
    buffers[name] = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
    arrays[name] = new Float64Array(buffers[name]);
  }
  const { arrivalDepth } = model.options;
  markBusyRows(model, arrays.rowBusy);
  for (let c = 0; c < model.nx * model.ny; c++) {
    const bed = model.z[c] as number;
    const depth = Number.isNaN(bed) ? 0 : (model.h0[c] as number);
    const n = model.manning[c] as number;
    arrays.z[c] = Number.isNaN(bed) ? WALL : bed;
    arrays.n2[c] = n * n;
    arrays.h[c] = depth;
    arrays.maxH[c] = depth;
    arrays.arrival[c] = depth >= arrivalDepth ? 0 : -1;
  }
  return { arrays, buffers };
}

export function viewArrays(buffers: Record<ArrayName, ArrayBufferLike>): GridArrays {
  const arrays = {} as GridArrays;
  for (const name of ARRAY_NAMES) arrays[name] = new Float64Array(buffers[name]);
  return arrays;
}

/** Rows that always run: their edge faces carry a boundary condition, or they hold a point source. */
function markBusyRows(model: GridModel, busy: Float64Array): void {
  const { nx, ny, faceCode, points } = model;
  for (let j = 0; j < ny; j++) if (faceCode.west[j] !== 0 || faceCode.east[j] !== 0) busy[j] = 1;
  if (faceCode.north.some((c) => c !== 0)) busy[0] = 1;
  if (faceCode.south.some((c) => c !== 0)) busy[ny - 1] = 1;
  for (const p of points) busy[Math.floor(p.cell / nx)] = 1;
}
