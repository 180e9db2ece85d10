import { type GridArrays, MASS_FIELDS, WALL } from './inertial.js';
import type { GridModel } from './model.js';
import { RenxingError } from '../../core/errors.js';
import { instantiateKernel } from './kernel.js';
import { ARRAY_NAMES, type ArrayName } from './array-names.js';

/** Face velocities only feed the speed maxima: single precision halves their memory traffic. */
const isSinglePrecision = (name: ArrayName): name is 'vxNew' | 'vyNew' => name === 'vxNew' || name === 'vyNew';
const bytesPer = (name: ArrayName): number => (isSinglePrecision(name) ? Float32Array.BYTES_PER_ELEMENT : Float64Array.BYTES_PER_ELEMENT);

function arrayLengths(nx: number, ny: number): Record<ArrayName, number> {
  const cells = nx * ny;
  return {
    z: cells, n2: cells, h: cells, qx: (nx + 1) * ny, qy: nx * (ny + 1), qxNew: (nx + 1) * ny, qyNew: nx * (ny + 1), vxNew: (nx + 1) * ny, vyNew: nx * (ny + 1),
    limit: cells, maxH: cells, maxSpeed2: cells, arrival: cells, rowMass: ny * MASS_FIELDS, rowDry: ny, rowQuiet: ny, rowBusy: ny,
  };
}

/** The solver's arrays in one shared WebAssembly memory, by byte offset, for the kernel and every strip thread. */
export interface GridMemory {
  memory: WebAssembly.Memory;
  offsets: Record<ArrayName, number>;
  lengths: Record<ArrayName, number>;
}

const PAGE = 65536;
/** WebAssembly memory is addressed with 32 bits. */
const MAX_PAGES = 65536;
/** The first page is left to the kernel module (it holds no data today), arrays follow it. */
const FIRST_OFFSET = PAGE;
/** Each array is followed by this much spare, so a SIMD pair starting on its last value reads no further than it. */
const PADDING = 16;

/**
 * The solver state, initialised from the model: no-data beds become walls, n becomes n², maxima
 * and arrival times start from the initial depth. All arrays sit in one shared WebAssembly memory
 * (SIMD kernel, strip threads view it without copying), which caps a grid at 4 GiB of state:
 * about 44 million cells.
 */
export function allocateArrays(model: GridModel): { arrays: GridArrays; layout: GridMemory } {
  const sizes = arrayLengths(model.nx, model.ny);
  const offsets = {} as Record<ArrayName, number>;
  let end = FIRST_OFFSET;
  for (const name of ARRAY_NAMES) {
    offsets[name] = end;
    end += Math.ceil((sizes[name] * bytesPer(name) + PADDING) / 16) * 16;
  }
  const pages = Math.ceil(end / PAGE);
  const tooLarge = (digits: number, why: string, cause?: unknown): RenxingError =>
    new RenxingError('RX_ERR_TOO_LARGE', `a ${model.nx} × ${model.ny} grid needs ${(end / 2 ** 30).toFixed(digits)} GiB of solver state, ${why}: use coarser cells or a smaller domain`, [], cause === undefined ? undefined : { cause });
  if (pages > MAX_PAGES) throw tooLarge(1, 'more than the 4 GiB the solver can address');
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  } catch (error) {
    throw tooLarge(2, 'which this machine could not allocate', error);
  }
  const layout: GridMemory = { memory, offsets, lengths: sizes };
  const arrays = viewArrays(layout);
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
  return { arrays, layout };
}

/** This thread's views of the arrays, with the kernel instantiated on their memory. */
export function viewArrays(layout: GridMemory): GridArrays {
  const { memory, offsets, lengths } = layout;
  const arrays = { kernel: instantiateKernel(memory), offsets } as GridArrays;
  for (const name of ARRAY_NAMES) {
    if (isSinglePrecision(name)) arrays[name] = new Float32Array(memory.buffer, offsets[name], lengths[name]);
    else arrays[name] = new Float64Array(memory.buffer, offsets[name], lengths[name]);
  }
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
