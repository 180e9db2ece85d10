/**
 * A single-band raster on a regular grid, in a projected CRS with metre cells. Row 0 is the
 * northernmost row (as in ESRI ASCII grids and GeoTIFF), index `row * nx + col`; missing
 * cells hold NaN in `data`, whatever nodata value the file used.
 */
export interface Raster {
  nx: number;
  ny: number;
  /** x of the west edge of column 0 (m). */
  xll: number;
  /** y of the south edge of the last row (m). */
  yll: number;
  cellSize: number;
  data: Float64Array;
  /** The projected CRS's EPSG code, where the file says (a GeoTIFF's ProjectedCSTypeGeoKey). */
  epsg?: number;
}

export function createRaster(like: Omit<Raster, 'data'>, fill = 0): Raster {
  return { nx: like.nx, ny: like.ny, xll: like.xll, yll: like.yll, cellSize: like.cellSize, data: new Float64Array(like.nx * like.ny).fill(fill) };
}

/** Column and row of the cell holding (x, y), or undefined outside the grid. */
export function cellAt(r: Omit<Raster, 'data'>, x: number, y: number): { col: number; row: number } | undefined {
  const col = Math.floor((x - r.xll) / r.cellSize);
  const row = Math.floor((r.yll + r.ny * r.cellSize - y) / r.cellSize);
  return col >= 0 && col < r.nx && row >= 0 && row < r.ny ? { col, row } : undefined;
}

export function sameGrid(a: Omit<Raster, 'data'>, b: Omit<Raster, 'data'>): boolean {
  const tol = 1e-6 * a.cellSize;
  return a.nx === b.nx && a.ny === b.ny && Math.abs(a.xll - b.xll) < tol && Math.abs(a.yll - b.yll) < tol && Math.abs(a.cellSize - b.cellSize) < tol;
}

/** Whether typed arrays hold numbers little-endian here (x86-64 and ARM64 do): a Float32Array's bytes are then a file's. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Writes `data` as little-endian Float32 into `target` from byte `offset` (a multiple of 4), NaN cells as `nanAs`. */
export function putFloat32LE(target: Uint8Array, offset: number, data: Float64Array, nanAs = Number.NaN): void {
  const keepNaN = Number.isNaN(nanAs);
  if (LITTLE_ENDIAN) {
    const out = new Float32Array(target.buffer, target.byteOffset + offset, data.length);
    if (keepNaN) out.set(data);
    else for (let k = 0; k < data.length; k++) out[k] = Number.isNaN(data[k]) ? nanAs : (data[k] as number);
  } else {
    const view = new DataView(target.buffer, target.byteOffset + offset, data.length * 4);
    for (let k = 0; k < data.length; k++) view.setFloat32(k * 4, keepNaN || !Number.isNaN(data[k]) ? (data[k] as number) : nanAs, true);
  }
}

/** Raw little-endian Float32 cells, row 0 the northernmost (NaN where the raster has no data): what the viewer colours. */
export function encodeFloat32(data: Float64Array): Uint8Array {
  const bytes = new Uint8Array(data.length * 4);
  putFloat32LE(bytes, 0, data);
  return bytes;
}
