import { describe, expect, it } from 'vitest';
import { cellsInside, groundAt, lowestGroundAlong, type ProjectedPolygon, type XY } from '../../../../engine/flood/river/dem-cells.js';
import { demOf } from '../../../fixtures/dem.js';

const grid = { nx: 10, ny: 8, xll: 1000, yll: 2000, cellSize: 10 };
const centre = (k: number): XY => [grid.xll + ((k % grid.nx) + 0.5) * 10, grid.yll + grid.ny * 10 - (Math.floor(k / grid.nx) + 0.5) * 10];

/** Even–odd point in polygon over every ring, by brute force: the reference for the scanline. */
function contains(polygons: readonly ProjectedPolygon[], [x, y]: XY): boolean {
  let inside = false;
  for (const ring of polygons.flat()) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as XY;
      const [xj, yj] = ring[j] as XY;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

describe('the DEM cells a compartment holds', () => {
  it('takes the cells whose centres lie inside, holes and all parts of a MultiPolygon included, as a brute-force test does', () => {
    const polygons: ProjectedPolygon[] = [
      // A triangle with a square hole, and an oblique quadrilateral apart from it.
      [[[1003, 2002], [1071, 2009], [1020, 2077], [1003, 2002]], [[1020, 2020], [1035, 2020], [1035, 2035], [1020, 2035], [1020, 2020]]],
      [[[1075, 2040], [1098, 2050], [1090, 2079], [1070, 2066], [1075, 2040]]],
    ];
    const cells = cellsInside(grid, polygons);
    const expected = Array.from({ length: grid.nx * grid.ny }, (_, k) => k).filter((k) => contains(polygons, centre(k)));
    expect(expected.length).toBeGreaterThan(10);
    expect([...cells]).toEqual(expected);
  });

  it('gives a cell to one of two outlines sharing an edge through its centre, never both', () => {
    // The shared edge x = 1045 runs through the centres of column 4.
    const west: ProjectedPolygon = [[[1000, 2000], [1045, 2000], [1045, 2080], [1000, 2080], [1000, 2000]]];
    const east: ProjectedPolygon = [[[1045, 2000], [1100, 2000], [1100, 2080], [1045, 2080], [1045, 2000]]];
    const a = new Set(cellsInside(grid, [west]));
    const b = cellsInside(grid, [east]);
    expect(a.size + b.length).toBe(grid.nx * grid.ny);
    expect([...b].some((k) => a.has(k))).toBe(false);
  });

  it('clips an outline running off the grid to the cells on it, and finds none where it misses every centre', () => {
    expect(cellsInside(grid, [[[[950, 1950], [1015, 1950], [1015, 2015], [950, 2015], [950, 1950]]]])).toEqual(Int32Array.of(70));
    expect(cellsInside(grid, [[[[1001, 2001], [1004, 2001], [1004, 2004], [1001, 2001]]]])).toEqual(new Int32Array(0));
  });
});

describe('the ground under what stands in a compartment', () => {
  // Ground rising 0.1 m per metre eastwards, from 20.5 m at the first column's centre; row 0 has no data.
  const dem = demOf(10, 8, 10, 1000, 2000, (x, y) => (y > 2070 ? Number.NaN : 20 + 0.1 * (x - 1000)));
  const west: ProjectedPolygon = [[[1000, 2000], [1060, 2000], [1060, 2080], [1000, 2080], [1000, 2000]]];
  const cells = cellsInside(dem, [west]);

  it('reads a point\'s ground from its cell, above the compartment\'s lowest, never below it', () => {
    expect(groundAt(dem, 20.5, 1037, 2012)).toBeCloseTo(3, 12);
    expect(groundAt(dem, 25, 1001, 2012)).toBe(0);
    expect(groundAt(dem, 20.5, 999, 2012)).toBeNaN();
    expect(groundAt(dem, 20.5, 1037, 2075)).toBeNaN();
  });

  it('takes a line\'s lowest ground over the compartment\'s cells it passes, leaving out those beyond it and those without data', () => {
    // From (1095, 2075) down to (1015, 2005): its cells in the compartment (columns 0–5) are lowest at column 1 (x 1015), 1 m above the lowest; row 0 has no data.
    expect(lowestGroundAlong(dem, cells, 20.5, [[1095, 2075], [1015, 2005]])).toBeCloseTo(1, 12);
    // A line wholly east of the compartment passes none of its cells.
    expect(lowestGroundAlong(dem, cells, 20.5, [[1075, 2005], [1095, 2065]])).toBeNaN();
    // One reaching the lowest column stands on the lowest ground.
    expect(lowestGroundAlong(dem, cells, 20.5, [[1059, 2041], [1001, 2001]])).toBe(0);
  });
});
