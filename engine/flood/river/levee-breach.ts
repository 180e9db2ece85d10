/**
 * Levee breach: when a leveed reach breaches, and how much water the breach lets out.
 *
 * Load: the reach's flow depth, from Manning's normal depth in a wide rectangular channel,
 * h = (Q·n / (W·√S))^(3/5).
 * Resistance: a lognormal fragility on that depth anchored the way the US Army Corps of Engineers
 * anchors levee fragility (EP 1165-2-1, 1999): a probable non-failure point (15 % chance of
 * failure) at the design water level and a probable failure point (85 %) where the levee is first
 * overtopped, its crest.
 * Design level: the normal depth of the reach's design discharge (`capacityM3s`). Crest: the design
 * level plus the safety freeboard of the levee's grade, GB 50286-2013 (Code for design of levee
 * project) Table 2.2.1 for levees that waves must not overtop, the grade following
 * from the flood-protection standard (Table 2.1.1).
 * Outflow: a broad-crested weir the breach's width wide under the river's flow depth,
 * q = (2/3)^{3/2}·√g·B·h^{3/2} (Bos 1989, free flow; the breach is taken scoured to the bed and the land
 * behind it low enough not to drown the weir — an upper bound on the outflow).
 */

/** Grade 1–5 levees by their return-period standard (GB 50286-2013 Table 2.1.1). */
export function leveeGrade(returnPeriodYears: number): 1 | 2 | 3 | 4 | 5 {
  if (returnPeriodYears >= 100) return 1;
  if (returnPeriodYears >= 50) return 2;
  if (returnPeriodYears >= 30) return 3;
  if (returnPeriodYears >= 20) return 4;
  return 5;
}

/** Safety freeboard (m) of grades 1–5, waves not allowed over the crest (GB 50286-2013 Table 2.2.1). */
export const FREEBOARD_M: Readonly<Record<1 | 2 | 3 | 4 | 5, number>> = { 1: 1.0, 2: 0.8, 3: 0.7, 4: 0.6, 5: 0.5 };

/** z of the 85 % point of the standard normal: the fragility's 15 % and 85 % points are ±z·β from the median. */
const Z85 = 1.0364333894937898;

/** Weir coefficient (2/3)^{3/2}·√g (m^{1/2}/s) of a broad-crested weir in free flow. */
export const WEIR_COEFFICIENT = (2 / 3) ** 1.5 * Math.sqrt(9.80665);

export interface ReachGeometry {
  widthM: number;
  slope: number;
  manning: number;
}

/** Normal depth (m) of discharge `q` in a wide rectangular channel. */
export const normalDepthM = (q: number, reach: ReachGeometry): number => (q > 0 ? ((q * reach.manning) / (reach.widthM * Math.sqrt(reach.slope))) ** 0.6 : 0);

export interface LeveeFragility {
  /** Median flow depth (m) at which the levee breaches, and the lognormal dispersion. */
  medianDepthM: number;
  beta: number;
  designDepthM: number;
  crestDepthM: number;
}

/** The breach fragility of a reach with a design discharge and a levee standard. */
export function leveeFragility(reach: ReachGeometry & { capacityM3s: number; leveeReturnPeriodYears: number }): LeveeFragility {
  const designDepthM = normalDepthM(reach.capacityM3s, reach);
  const crestDepthM = designDepthM + FREEBOARD_M[leveeGrade(reach.leveeReturnPeriodYears)];
  const medianDepthM = Math.sqrt(designDepthM * crestDepthM);
  const beta = Math.log(crestDepthM / designDepthM) / (2 * Z85);
  return { medianDepthM, beta, designDepthM, crestDepthM };
}

/** Flow depth at which the levee breaches for standard normal deviate `z` (one realization's levee strength). */
export const breachDepthM = (f: LeveeFragility, z: number): number => f.medianDepthM * Math.exp(f.beta * z);

/** Discharge (m³/s) a breach `widthM` wide lets out of a reach carrying `q`. */
export const breachOutflowM3s = (q: number, widthM: number, reach: ReachGeometry): number => Math.min(q, WEIR_COEFFICIENT * widthM * normalDepthM(q, reach) ** 1.5);
