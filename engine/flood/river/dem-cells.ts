/**
 * Which cells of a DEM a flood compartment holds — those whose centres fall inside its outline,
 * drawn in the DEM's CRS — and the ground under what stands in it: a facility's cell, and the
 * lowest of the compartment's cells a road or rail line passes, as heights above the
 * compartment's lowest ground (the level its water is measured from, dem-hypsometry.ts).
 */
import type { Raster } from '../../io/raster.js';

/** x, y in the DEM's projected CRS (m). */
export type XY = readonly [number, number];
/** One polygon's rings in the DEM's CRS: the outer ring, then its holes. */
export type ProjectedPolygon = readonly (readonly XY[])[];

/**
 * Indices (`row * nx + col`, ascending) of the grid cells whose centres lie inside the polygons,
 * by the even–odd rule over all their rings (holes are left out; the parts of a MultiPolygon do not
 * overlap). Each row of cell centres is crossed with every edge once: O(rows × edges + cells).
 * A centre exactly on an outline counts on its west and south edges but not on its east and north
 * ones, so two outlines sharing an edge never both take a cell.
 */
export function cellsInside(grid: Omit<Raster, 'data'>, polygons: readonly ProjectedPolygon[]): Int32Array {
  const { nx, ny, xll, yll, cellSize: c } = grid;
  const top = yll + ny * c;
  const edges: number[] = [];
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const rings of polygons) {
    for (const ring of rings) {
      ring.forEach((a, k) => {
        const b = ring[(k + 1) % ring.length] as XY;
        edges.push(a[0], a[1], b[0], b[1]);
        yMin = Math.min(yMin, a[1]);
        yMax = Math.max(yMax, a[1]);
      });
    }
  }
  const inside: number[] = [];
  const crossings: number[] = [];
  const firstRow = Math.max(0, Math.ceil((top - yMax) / c - 0.5));
  const lastRow = Math.min(ny - 1, Math.floor((top - yMin) / c - 0.5));
  for (let row = firstRow; row <= lastRow; row++) {
    const y = top - (row + 0.5) * c;
    crossings.length = 0;
    for (let e = 0; e < edges.length; e += 4) {
      const [x1, y1, x2, y2] = [edges[e] as number, edges[e + 1] as number, edges[e + 2] as number, edges[e + 3] as number];
      // Half-open in y, so a vertex on the row is crossed once and a horizontal edge never.
      if (y1 <= y !== y2 <= y) crossings.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
    }
    crossings.sort((a, b) => a - b);
    for (let p = 0; p + 1 < crossings.length; p += 2) {
      // Centre x of column i is xll + (i + ½)c; take the centres in [west, east).
      const from = Math.max(0, Math.ceil(((crossings[p] as number) - xll) / c - 0.5));
      const to = Math.min(nx - 1, Math.ceil(((crossings[p + 1] as number) - xll) / c - 0.5) - 1);
      for (let col = from; col <= to; col++) inside.push(row * nx + col);
    }
  }
  return Int32Array.from(inside);
}

/**
 * Ground above `lowestM` (m) of the DEM cell under (x, y); NaN off the DEM or on a no-data cell.
 * Never below 0: a cell lower than the compartment's lowest lies outside its cells, and the
 * compartment's water reaches it no sooner than its own lowest ground.
 */
export function groundAt(dem: Raster, lowestM: number, x: number, y: number): number {
  const col = Math.floor((x - dem.xll) / dem.cellSize);
  const row = Math.floor((dem.yll + dem.ny * dem.cellSize - y) / dem.cellSize);
  if (col < 0 || col >= dem.nx || row < 0 || row >= dem.ny) return Number.NaN;
  return Math.max(0, (dem.data[row * dem.nx + col] as number) - lowestM);
}

/**
 * The lowest ground above `lowestM` (m) along a line, over the compartment's `cells` (ascending,
 * from `cellsInside`) it passes: where a road or rail line in the compartment goes under first.
 * The line is sampled every half cell, so a cell it only clips by less than that may be missed —
 * no more the road's than its neighbours. NaN when it passes none of the cells with ground.
 */
export function lowestGroundAlong(dem: Raster, cells: Int32Array, lowestM: number, line: readonly XY[]): number {
  const { nx, ny, xll, yll, cellSize: c } = dem;
  const top = yll + ny * c;
  let lowest = Infinity;
  const visit = (x: number, y: number): void => {
    const col = Math.floor((x - xll) / c);
    const row = Math.floor((top - y) / c);
    if (col < 0 || col >= nx || row < 0 || row >= ny) return;
    const k = row * nx + col;
    const z = dem.data[k] as number;
    if (z < lowest && isMember(cells, k)) lowest = z;
  };
  line.forEach((p, i) => {
    const q = line[i + 1];
    if (!q) return visit(p[0], p[1]);
    const pieces = Math.max(1, Math.ceil(Math.hypot(q[0] - p[0], q[1] - p[1]) / (c / 2)));
    for (let j = 0; j < pieces; j++) visit(p[0] + ((q[0] - p[0]) * j) / pieces, p[1] + ((q[1] - p[1]) * j) / pieces);
  });
  return lowest === Infinity ? Number.NaN : Math.max(0, lowest - lowestM);
}

function isMember(sorted: Int32Array, k: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] as number;
    if (v === k) return true;
    if (v < k) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
