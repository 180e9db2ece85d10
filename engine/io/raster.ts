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

/** Raw little-endian Float32 cells, row 0 the northernmost (NaN where the raster has no data): what the viewer colours. */
export function encodeFloat32(data: Float64Array): Uint8Array {
  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}
