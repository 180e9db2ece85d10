/**
 * Flood compartments: the land a levee protects or a detention basin holds, described by its
 * stage–area relation (hypsometry). Flooded area is piecewise linear in the water level above the
 * compartment's lowest ground, so stored volume is piecewise quadratic and inverts in closed form.
 * The area with water at least d deep at level s is the area of ground below s − d: the depth
 * distribution of a level pool follows from the same curve (the reasoning behind stage–area
 * flood mapping, e.g. the storage-cell models of Cunge et al. 1980, "Practical Aspects of
 * Computational River Hydraulics", ch. 3).
 */

export interface Hypsometry {
  /** Water level above the lowest ground (m), strictly increasing from 0. */
  stageM: Float64Array;
  /** Flooded area at each level (m²), non-decreasing; constant beyond the last level. */
  areaM2: Float64Array;
  /** Volume stored at each level (m³). */
  volumeM3: Float64Array;
}

/** Builds a hypsometry from (level m, area km²) points; the first must be (0, 0). */
export function compileHypsometry(points: readonly { stageM: number; areaKm2: number }[]): Hypsometry {
  const n = points.length;
  const stageM = Float64Array.from(points, (p) => p.stageM);
  const areaM2 = Float64Array.from(points, (p) => p.areaKm2 * 1e6);
  const volumeM3 = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    volumeM3[i] = (volumeM3[i - 1] as number) + (((areaM2[i - 1] as number) + (areaM2[i] as number)) / 2) * ((stageM[i] as number) - (stageM[i - 1] as number));
  }
  return { stageM, areaM2, volumeM3 };
}

/**
 * A tilted plane that is wholly flooded at `fullDepthM`: area grows linearly with level. Used
 * when only a compartment's area and a relief (or a design volume, full at mean depth V/A) are known.
 */
export const planarHypsometry = (areaKm2: number, fullDepthM: number): Hypsometry => compileHypsometry([{ stageM: 0, areaKm2: 0 }, { stageM: fullDepthM, areaKm2 }]);

/** Flooded area (m²) at level `s`. */
export function areaAt(h: Hypsometry, s: number): number {
  const { stageM, areaM2 } = h;
  if (s <= 0) return 0;
  const last = stageM.length - 1;
  if (s >= (stageM[last] as number)) return areaM2[last] as number;
  const i = firstAtLeast(stageM, s) - 1;
  const s0 = stageM[i] as number;
  const a0 = areaM2[i] as number;
  return a0 + (((areaM2[i + 1] as number) - a0) * (s - s0)) / ((stageM[i + 1] as number) - s0);
}

/** Level (m above the lowest ground) at which the compartment holds `v` m³. */
export function stageAt(h: Hypsometry, v: number): number {
  const { stageM, areaM2, volumeM3 } = h;
  if (v <= 0) return 0;
  const last = stageM.length - 1;
  const i = firstAtLeast(volumeM3, v) - 1;
  const s0 = stageM[i] as number;
  const a0 = areaM2[i] as number;
  const extra = v - (volumeM3[i] as number);
  if (i === last) return s0 + extra / a0;
  // Within the segment A(x) = a0 + g·x, so V(x) = a0·x + g·x²/2; the root written to stay exact as g → 0.
  const g = ((areaM2[i + 1] as number) - a0) / ((stageM[i + 1] as number) - s0);
  return s0 + (2 * extra) / (a0 + Math.sqrt(a0 * a0 + 2 * g * extra));
}

/**
 * Flooded area in each depth band at level `s`: band k holds depths in [edges[k−1], edges[k])
 * with edges[−1] = 0, and the last band everything at least the last edge deep.
 */
export function areaByDepthBand(h: Hypsometry, s: number, edges: readonly number[]): Float64Array {
  const bands = new Float64Array(edges.length + 1);
  let deeperThanLower = areaAt(h, s);
  edges.forEach((d, k) => {
    const deeper = areaAt(h, s - d);
    bands[k] = deeperThanLower - deeper;
    deeperThanLower = deeper;
  });
  bands[edges.length] = deeperThanLower;
  return bands;
}

/**
 * The lowest level at which `a` m² is flooded: the inverse of `areaAt`. Ground heights over an
 * area follow the same curve, so the level at `u` × the area's extent is the ground height of
 * the point with share `u` of the area lower than it.
 */
export function levelAtArea(h: Hypsometry, a: number): number {
  const { stageM, areaM2 } = h;
  if (a <= 0) return 0;
  const i = firstAtLeast(areaM2, a);
  if (i === areaM2.length) return stageM[i - 1] as number;
  const a0 = areaM2[i - 1] as number;
  const a1 = areaM2[i] as number;
  const s0 = stageM[i - 1] as number;
  return s0 + ((stageM[i] as number) - s0) * (a1 > a0 ? (a - a0) / (a1 - a0) : 0);
}

/**
 * The first index from 1 whose value is at least x in a non-decreasing array (its length if
 * none): a binary search, since a relation read from a DEM has hundreds of points and each
 * area's level is looked up from its volume at every routing step of every realization.
 */
function firstAtLeast(values: Float64Array, x: number): number {
  let lo = 1;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
