/**
 * A flood compartment's stage–area–volume relation read from the DEM cells it holds
 * (dem-cells.ts). The water in it is a level pool (the storage-cell view of compartment.ts,
 * after Cunge et al. 1980, "Practical Aspects of Computational River Hydraulics", ch. 3): at a
 * level s above the lowest cell every cell whose ground is at or below s is flooded, so with a
 * the cell area and h_i each cell's ground above the lowest,
 *   A(s) = a · #{i : h_i ≤ s},   V(s) = a · Σ_{h_i ≤ s} (s − h_i),
 * exact for the cells. The relation handed to `compileHypsometry` is A(s) at breakpoints, linear
 * between, with the trapezoid volume that implies. Where cells share a height (a flattened water
 * surface, a paddy, an integer DEM) A(s) jumps and a straight segment across the jump misses V(s)
 * to first order; so breakpoints are added, around the jumps first, until the level the relation
 * gives for any volume is within `LEVEL_TOLERANCE_M` of the cells' own (`maxLevelErrorM`).
 */
import type { Raster } from '../../io/raster.js';

/**
 * Breakpoints to start from: a level at every 1/64 of the compartment's cells and at every 1/64 of
 * its relief, so neither a flat floor (area rising fast) nor a steep rim (level rising fast) falls
 * between two, and the area between two is within 1/64 (1.6 %) of the land of the cells' count.
 */
export const STAGE_STEPS = 64;

/**
 * How far the level the relation gives for a volume may stand from the cells' own level pool
 * (m): an order below the 0.1–0.2 m vertical accuracy of airborne-LiDAR DEMs, the best a
 * planning office holds. Levels are added until the relation is this close or has
 * `MAX_STAGE_POINTS` points.
 */
export const LEVEL_TOLERANCE_M = 0.005;
/** Most points a relation gets: with `stageAt` and `areaAt` binary searches, 512 cost 9 steps a lookup. */
export const MAX_STAGE_POINTS = 512;

/**
 * A height many cells share is a jump in A(s), which a straight segment across it gets wrong by
 * up to half the jump × the segment's rise; a level this far below it confines the jump to a
 * millimetre, below any DEM's precision. Also the level at which a compartment whose cells all
 * stand at one height is wholly flooded.
 */
export const FLAT_EDGE_M = 1e-3;

export interface DemStageArea {
  /** Levels (m above the lowest cell) and flooded areas (km²) from (0, 0): the points `compileHypsometry` takes. */
  stageArea: { stageM: number; areaKm2: number }[];
  /** The cells' exact level-pool volume at each of those levels (m³). */
  volumeM3: Float64Array;
  /** Ground of the lowest cell, in the DEM's heights (m). */
  lowestM: number;
  /** Highest ground above the lowest (m): every cell is flooded from this level up. */
  reliefM: number;
  /** Cells with ground, and cells inside without (left out: water is not put on ground of unknown height). */
  groundCells: number;
  noDataCells: number;
  /**
   * How far the water level the relation gives for a volume can stand from the cells' own level
   * pool (m): exact at the breakpoints, bounded between them (assessFit). At most
   * LEVEL_TOLERANCE_M unless the relation ran out of points.
   */
  maxLevelErrorM: number;
}

/**
 * The stage–area relation of the given cells of a DEM (from `cellsInside`). Throws a RangeError
 * when none of them has ground: a compartment needs land to flood.
 */
export function demStageArea(dem: Raster, cells: Int32Array): DemStageArea {
  const heights = new Float64Array(cells.length);
  let n = 0;
  for (const k of cells) {
    const z = dem.data[k] as number;
    if (!Number.isNaN(z)) heights[n++] = z;
  }
  if (n === 0) throw new RangeError(`none of the ${cells.length} cells has ground (all no-data)`);
  const h = heights.subarray(0, n).sort();
  const lowestM = h[0] as number;
  for (let i = 0; i < n; i++) h[i] = (h[i] as number) - lowestM;
  const reliefM = h[n - 1] as number;
  // prefix[m] = Σ_{i<m} h_i: the level-pool volume at s over the m lowest cells is a·(m·s − prefix[m]).
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] as number) + (h[i] as number);
  const a = dem.cellSize * dem.cellSize;

  const levels = new Set<number>([FLAT_EDGE_M]);
  for (let k = 1; k <= STAGE_STEPS && reliefM > 0; k++) {
    levels.add((k * reliefM) / STAGE_STEPS);
    levels.add(h[Math.ceil((k * n) / STAGE_STEPS) - 1] as number);
  }
  levels.delete(0);
  const stageM = [0, ...[...levels].sort((x, y) => x - y)];
  const segments = stageM.slice(1).map((s1, k) => fitSegment(h, prefix, stageM[k] as number, s1));
  let fit = assessFit(h, prefix, segments);
  while (fit.maxLevelErrorM > LEVEL_TOLERANCE_M && segments.length + 1 < MAX_STAGE_POINTS) {
    const { s0, s1 } = segments[fit.worst] as Segment;
    const inside = splitLevels(h, s0, s1).filter((s) => s > s0 && s < s1);
    // Two heights a rounding error apart: nothing left to split.
    if (inside.length === 0) break;
    const bounds = [s0, ...inside, s1];
    segments.splice(fit.worst, 1, ...inside.map((_, j) => fitSegment(h, prefix, bounds[j] as number, bounds[j + 1] as number)), fitSegment(h, prefix, bounds.at(-2) as number, s1));
    fit = assessFit(h, prefix, segments);
  }
  const points = [{ s: 0, count: 0 }, ...segments.map((g) => ({ s: g.s1, count: g.c1 }))];
  return {
    stageArea: points.map((p) => ({ stageM: p.s, areaKm2: (a * p.count) / 1e6 })),
    volumeM3: Float64Array.from(points, (p) => a * (p.count * p.s - (prefix[p.count] as number))),
    lowestM, reliefM, groundCells: n, noDataCells: cells.length - n, maxLevelErrorM: fit.maxLevelErrorM,
  };
}

/**
 * One segment of the relation, (s0, s1], with the cells flooded at each end as the relation
 * gives them (none at level 0, where the relation starts from (0, 0)). Volumes are over the cell
 * area (m). `missLow` and `missHigh` are the extremes, over the segment, of the relation's volume
 * gained from s0 less the cells' own; `missEnd` is the miss at s1; `areaLow` the cells flooded
 * just above s0, the least area any level in the segment floods.
 */
interface Segment {
  s0: number;
  s1: number;
  c1: number;
  missEnd: number;
  missLow: number;
  missHigh: number;
  areaLow: number;
}

/**
 * A segment's misses. The relation's volume from s0 is quadratic in s, the cells' piecewise linear
 * with a kink at each cell height, so their difference is convex between kinks: its extremes lie
 * at the kinks, at s1, or where the relation's area crosses the cells' count between two kinks.
 */
function fitSegment(h: Float64Array, prefix: Float64Array, s0: number, s1: number): Segment {
  const m0 = countAtOrBelow(h, s0);
  const c0 = s0 === 0 ? 0 : m0;
  const c1 = countAtOrBelow(h, s1);
  const ds = s1 - s0;
  const miss = (s: number, m: number): number => c0 * (s - s0) + ((c1 - c0) * (s - s0) ** 2) / (2 * ds) - (m * s - (prefix[m] as number) - (m0 * s0 - (prefix[m0] as number)));
  let missLow = 0;
  let missHigh = 0;
  const take = (value: number): void => {
    missLow = Math.min(missLow, value);
    missHigh = Math.max(missHigh, value);
  };
  // Where the relation's area c0 + (c1 − c0)(s − s0)/ds equals a count m, if within [from, to].
  const crossing = (from: number, to: number, m: number): void => {
    if (c1 === c0) return;
    const s = s0 + ((m - c0) * ds) / (c1 - c0);
    if (s > from && s < to) take(miss(s, m));
  };
  let from = s0;
  for (let i = m0; i < c1; ) {
    let j = i + 1;
    while (j < c1 && h[j] === h[i]) j++;
    const u = h[i] as number;
    crossing(from, u, i);
    take(miss(u, j));
    from = u;
    i = j;
  }
  crossing(from, s1, c1);
  const missEnd = miss(s1, c1);
  take(missEnd);
  return { s0, s1, c1, missEnd, missLow, missHigh, areaLow: m0 };
}

/**
 * How far the relation's level for a volume can stand from the cells': exactly at each breakpoint
 * (inverting the cells' volume), and within a segment bounded by the volume miss over the least
 * area flooded in it. Also the segment that misses most on its own, to split next.
 */
function assessFit(h: Float64Array, prefix: Float64Array, segments: readonly Segment[]): { maxLevelErrorM: number; worst: number } {
  let maxLevelErrorM = 0;
  let worst = 0;
  let worstMiss = -1;
  let carried = 0;
  segments.forEach((g, k) => {
    const within = Math.max(Math.abs(carried + g.missLow), Math.abs(carried + g.missHigh)) / g.areaLow;
    carried += g.missEnd;
    // The relation's volume at s1: the cells' there plus every miss so far.
    const relationVolume = g.c1 * g.s1 - (prefix[g.c1] as number) + carried;
    maxLevelErrorM = Math.max(maxLevelErrorM, within, Math.abs(levelHolding(h, prefix, relationVolume) - g.s1));
    const own = Math.max(-g.missLow, g.missHigh) / g.areaLow;
    if (own > worstMiss) [worst, worstMiss] = [k, own];
  });
  return { maxLevelErrorM, worst };
}

/**
 * Levels to add inside (s0, s1): around the height in (s0, s1] that most cells share (nearest the
 * middle among equals) — just below it, and at it unless it is s1 — so its jump in area no
 * longer lies inside a segment. Among heights no two cells share this about halves the segment.
 */
function splitLevels(h: Float64Array, s0: number, s1: number): number[] {
  const middle = (s0 + s1) / 2;
  let best = Number.NaN;
  let bestCount = 0;
  for (let i = countAtOrBelow(h, s0), end = countAtOrBelow(h, s1); i < end; ) {
    let j = i + 1;
    while (j < end && h[j] === h[i]) j++;
    const u = h[i] as number;
    if (j - i > bestCount || (j - i === bestCount && Math.abs(u - middle) < Math.abs(best - middle))) [best, bestCount] = [u, j - i];
    i = j;
  }
  if (Number.isNaN(best)) return [middle];
  const below = best - Math.min(FLAT_EDGE_M, (best - s0) / 2);
  return best < s1 ? [below, best] : [below];
}

/** How many of the ascending heights are at or below s (binary search). */
function countAtOrBelow(h: Float64Array, s: number): number {
  let lo = 0;
  let hi = h.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((h[mid] as number) <= s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The level at which the cells hold `depthVolume` (volume over the cell area, m): the inverse of
 * V(s)/a, which over the m lowest cells is m·s − prefix[m] and rises with m at each cell's height.
 */
function levelHolding(h: Float64Array, prefix: Float64Array, depthVolume: number): number {
  let lo = 1;
  let hi = h.length;
  // Largest m with the volume at the m-th lowest cell's height ≤ the target.
  while (lo < hi) {
    const m = (lo + hi + 1) >>> 1;
    if (m * (h[m - 1] as number) - (prefix[m] as number) <= depthVolume) lo = m;
    else hi = m - 1;
  }
  return (depthVolume + (prefix[lo] as number)) / lo;
}
