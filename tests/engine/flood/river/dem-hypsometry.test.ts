/**
 * Stage–area–volume relations read from synthetic DEMs whose curves are known in closed form,
 * written as GeoTIFF and ESRI ASCII files and read back as a pack's DEM would be.
 *
 * Tolerances, from the cell discretisation: the cells flooded at a water surface are those whose
 * centres are below it, so the waterline is at most a cell off the true one and the flooded area
 * within P·c of the closed form (P the waterline's length, c the cell size). The cells' volume is
 * the midpoint rule over the cells, exact where the ground is linear across a cell except in the
 * cells the waterline crosses, each off by at most G·c²/8 per metre of waterline (G the ground's
 * slope: ∫(E − z)₊ over a cell against c·(E − z_centre)₊ differs by G(t − c/2)²/2 ≤ G·c²/8 for a
 * waterline at t); the relation then keeps the level within LEVEL_TOLERANCE_M of the cells', a
 * volume of A·LEVEL_TOLERANCE_M.
 */
import { describe, expect, it } from 'vitest';
import { areaAt, compileHypsometry, stageAt, type Hypsometry } from '../../../../engine/flood/river/compartment.js';
import { cellsInside, type ProjectedPolygon } from '../../../../engine/flood/river/dem-cells.js';
import { demStageArea, LEVEL_TOLERANCE_M, MAX_STAGE_POINTS } from '../../../../engine/flood/river/dem-hypsometry.js';
import type { Raster } from '../../../../engine/io/raster.js';
import { readRaster } from '../../../../engine/io/read-raster.js';
import { withTempDir } from '../../../fixtures/mini-pack.js';
import { demOf, writeDem } from '../../../fixtures/dem.js';

/** Volume of a compiled relation at level s: its trapezoids up to s. */
function volumeAt(h: Hypsometry, s: number): number {
  let v = 0;
  for (let k = 1; k < h.stageM.length; k++) {
    const [s0, s1] = [h.stageM[k - 1] as number, h.stageM[k] as number];
    if (s <= s0) break;
    const top = Math.min(s, s1);
    v += ((h.areaM2[k - 1] as number) + areaAt(h, top)) / 2 * (top - s0);
  }
  const last = h.stageM.length - 1;
  return s > (h.stageM[last] as number) ? v + (h.areaM2[last] as number) * (s - (h.stageM[last] as number)) : v;
}

interface ClosedForm {
  /** Flooded area, volume, waterline length at water surface elevation E. */
  area: (e: number) => number;
  volume: (e: number) => number;
  waterline: (e: number) => number;
  /** Steepest ground slope. */
  slope: number;
  /** Surface elevations to compare at. */
  levels: number[];
}

/** Largest misses, over the levels, in area and volume, each over its tolerance (≤ 1 passes). */
function compare(dem: Raster, outline: ProjectedPolygon, form: ClosedForm): { areaMiss: number; volumeMiss: number; relativeVolumeError: number } {
  const read = demStageArea(dem, cellsInside(dem, [outline]));
  const h = compileHypsometry(read.stageArea);
  const c = dem.cellSize;
  let areaMiss = 0;
  let volumeMiss = 0;
  let relativeVolumeError = 0;
  for (const e of form.levels) {
    const s = e - read.lowestM;
    const areaTolerance = form.waterline(e) * c;
    const volumeTolerance = (form.waterline(e) * form.slope * c * c) / 8 + form.area(e) * LEVEL_TOLERANCE_M;
    areaMiss = Math.max(areaMiss, Math.abs(areaAt(h, s) - form.area(e)) / areaTolerance);
    volumeMiss = Math.max(volumeMiss, Math.abs(volumeAt(h, s) - form.volume(e)) / volumeTolerance);
    relativeVolumeError = Math.max(relativeVolumeError, Math.abs(volumeAt(h, s) / form.volume(e) - 1));
  }
  return { areaMiss, volumeMiss, relativeVolumeError };
}

const between = (from: number, to: number, n: number): number[] => Array.from({ length: n }, (_, k) => from + ((to - from) * (k + 1)) / (n + 1));
const rectangle = (x0: number, y0: number, x1: number, y1: number): ProjectedPolygon => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];

// UTM-sized coordinates, as a planning office's DEM would have.
const X0 = 440_000;
const Y0 = 4_420_000;

describe('stage–area–volume from a DEM against closed forms', () => {
  it('a tilted plane (GeoTIFF): area linear in the level, volume quadratic', async () => {
    // Ground rising 1 cm/m eastwards over a 1000 m × 600 m outline, on 10 m cells; lower ground all round outside it.
    const [g, z0, width, length] = [0.01, 50, 1000, 600];
    const inside = (x: number, y: number): boolean => x > X0 + 100 && x < X0 + 100 + width && y > Y0 + 100 && y < Y0 + 100 + length;
    const dem = demOf(120, 80, 10, X0, Y0, (x, y) => (inside(x, y) ? z0 + g * (x - X0 - 100) : 40));
    await withTempDir(async (dir) => {
      const read = await readRaster(await writeDem(dir, 'plane.tif', dem, 32650), 'plane.tif');
      const result = compare(read, rectangle(X0 + 100, Y0 + 100, X0 + 100 + width, Y0 + 100 + length), {
        area: (e) => (length * (e - z0)) / g,
        volume: (e) => (length * (e - z0) ** 2) / (2 * g),
        waterline: () => length,
        slope: g,
        levels: between(z0 + 0.5, z0 + g * width - 0.5, 40),
      });
      expect(result.areaMiss).toBeLessThanOrEqual(1);
      expect(result.volumeMiss).toBeLessThanOrEqual(1);
    });
  });

  it('a V-shaped valley falling down its length (ESRI ASCII): area ∝ level², volume ∝ level³', async () => {
    // z = z0 + a|x − axis| + b·y: the water at level s above the valley's lowest point covers the triangle |x| ≤ (s − b·y)/a.
    const [a, b, z0] = [0.02, 0.004, 20];
    const axis = X0 + 500;
    const dem = demOf(100, 120, 10, X0, Y0, (x, y) => z0 + a * Math.abs(x - axis) + b * (y - Y0 - 100));
    await withTempDir(async (dir) => {
      const read = await readRaster(await writeDem(dir, 'valley.asc', dem), 'valley.asc');
      // Outline 800 m across the valley, 1000 m along it, from its lowest end: full at min(a·400, b·1000) = 4 m.
      const result = compare(read, rectangle(axis - 400, Y0 + 100, axis + 400, Y0 + 1100), {
        area: (e) => (e - z0) ** 2 / (a * b),
        volume: (e) => (e - z0) ** 3 / (3 * a * b),
        waterline: (e) => 2 * Math.hypot((e - z0) / a, (e - z0) / b),
        slope: Math.hypot(a, b),
        levels: between(z0 + 0.4, z0 + 3.9, 40),
      });
      expect(result.areaMiss).toBeLessThanOrEqual(1);
      expect(result.volumeMiss).toBeLessThanOrEqual(1);
    });
  });

  it('a cone (GeoTIFF): area ∝ level², volume ∝ level³', async () => {
    // z = z0 + m·r about a cell corner, in a 360-gon of radius 1000 m: the water is a disc of radius s/m.
    const [m, z0, radius] = [0.01, 5, 1000];
    const [cx, cy] = [X0 + 1100, Y0 + 1100];
    const dem = demOf(220, 220, 10, X0, Y0, (x, y) => z0 + m * Math.hypot(x - cx, y - cy));
    const ring = Array.from({ length: 361 }, (_, k): [number, number] => [cx + radius * Math.cos((k * Math.PI) / 180), cy + radius * Math.sin((k * Math.PI) / 180)]);
    await withTempDir(async (dir) => {
      const read = await readRaster(await writeDem(dir, 'cone.tif', dem, 32650), 'cone.tif');
      const result = compare(read, [ring], {
        area: (e) => (Math.PI * (e - z0) ** 2) / (m * m),
        volume: (e) => (Math.PI * (e - z0) ** 3) / (3 * m * m),
        waterline: (e) => (2 * Math.PI * (e - z0)) / m,
        slope: m,
        levels: between(z0 + 0.5, z0 + 9.5, 40),
      });
      expect(result.areaMiss).toBeLessThanOrEqual(1);
      expect(result.volumeMiss).toBeLessThanOrEqual(1);
    });
  });
});

describe('the relation against the cells’ own level pool', () => {
  /** The exact level over the cells holding v (m³), by bisection on Σ a·(s − h)₊. */
  function cellsLevel(heights: Float64Array, cellArea: number, v: number): number {
    const volume = (s: number): number => heights.reduce((sum, x) => sum + Math.max(0, s - x), 0) * cellArea;
    let [lo, hi] = [0, 1];
    while (volume(hi) < v) hi *= 2;
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      if (volume(mid) < v) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  }

  // Ground where cells share heights — the jumps in area a straight segment gets wrong: whole-metre
  // heights (an integer DEM), a flat floor (a flattened lake surface), terraces.
  const grounds: [string, (x: number, y: number) => number][] = [
    ['whole metres', (x, y) => Math.round(0.02 * Math.hypot(x - 1000, y - 1000))],
    ['a flat floor', (x, y) => 0.01 * Math.max(0, Math.hypot(x - 1000, y - 1000) - 300)],
    ['terraces', (x, y) => Math.floor(x / 300) * 2 + 0.001 * y],
  ];
  it.each(grounds)('keeps the level it gives for any volume within LEVEL_TOLERANCE_M of the cells’ on %s', (_, ground) => {
    const dem = demOf(100, 100, 20, 0, 0, ground);
    const read = demStageArea(dem, cellsInside(dem, [rectangle(0, 0, 2000, 2000)]));
    expect(read.stageArea.length).toBeLessThanOrEqual(MAX_STAGE_POINTS);
    expect(read.maxLevelErrorM).toBeLessThanOrEqual(LEVEL_TOLERANCE_M);
    const h = compileHypsometry(read.stageArea);
    const heights = dem.data.map((z) => z - read.lowestM);
    // Between breakpoints as well as at them: 97 volumes from nearly empty to beyond full.
    const full = read.volumeM3[read.volumeM3.length - 1] as number;
    for (let k = 1; k <= 97; k++) {
      const v = (full * 1.1 * k) / 97;
      expect(Math.abs(stageAt(h, v) - cellsLevel(heights, 400, v))).toBeLessThanOrEqual(LEVEL_TOLERANCE_M);
    }
    // The volumes returned are the cells' own at the breakpoints, and the areas their counts.
    read.stageArea.forEach((p, k) => {
      if (k === 0) return;
      expect(read.volumeM3[k]).toBeCloseTo(heights.reduce((sum, x) => sum + Math.max(0, p.stageM - x), 0) * 400, 3);
      expect(p.areaKm2 * 1e6).toBeCloseTo(heights.filter((x) => x <= p.stageM).length * 400, 6);
    });
  });

  it('floods a compartment whose cells all stand at one height wholly at the first millimetre', () => {
    const dem = demOf(3, 3, 10, 0, 0, () => 7);
    const read = demStageArea(dem, cellsInside(dem, [rectangle(0, 0, 30, 30)]));
    expect(read.stageArea).toEqual([{ stageM: 0, areaKm2: 0 }, { stageM: 0.001, areaKm2: 900 / 1e6 }]);
    expect(read).toMatchObject({ lowestM: 7, reliefM: 0, groundCells: 9, noDataCells: 0 });
  });

  it('skips no-data cells and counts them; refuses cells that are all no-data', () => {
    const dem = demOf(4, 1, 10, 0, 0, (x) => (x < 20 ? Number.NaN : x / 10));
    const read = demStageArea(dem, cellsInside(dem, [rectangle(0, 0, 40, 10)]));
    expect(read).toMatchObject({ groundCells: 2, noDataCells: 2, lowestM: 2.5, reliefM: 1 });
    expect(read.stageArea.at(-1)?.areaKm2).toBe(200 / 1e6);
    expect(() => demStageArea(dem, Int32Array.of(0, 1))).toThrow(/none of the 2 cells has ground/);
  });

  it('leaves the DEM it reads unchanged', () => {
    const dem = demOf(20, 20, 10, 0, 0, (x, y) => Math.round(x / 37) + y / 100);
    const before = Float64Array.from(dem.data);
    demStageArea(dem, cellsInside(dem, [rectangle(0, 0, 200, 200)]));
    expect(dem.data).toEqual(before);
  });
});
