/**
 * Muskingum channel routing (McCarthy 1938), as in Chow, Maidment & Mays (1988) §8.4:
 *   Q[j+1] = C1 I[j+1] + C2 I[j] + C3 Q[j],   D = 2K(1 − X) + Δt,
 *   C1 = (Δt − 2KX)/D, C2 = (Δt + 2KX)/D, C3 = (2K(1 − X) − Δt)/D.
 * Muskingum–Cunge (Cunge 1969; Ponce 1989) takes K and X from the reach: for a wide channel with
 * Manning friction, celerity c = (5/3) v, K = L / c and X = ½ (1 − q / (S₀ c L)), q the
 * discharge per unit width, evaluated at a reference discharge.
 */
export interface MuskingumCoefficients {
  c1: number;
  c2: number;
  c3: number;
}

export function muskingumCoefficients(kH: number, x: number, dtH: number): MuskingumCoefficients {
  if (!(kH > 0)) throw new RangeError(`K must be > 0, got ${kH}`);
  if (!(x >= 0 && x <= 0.5)) throw new RangeError(`X must be in [0, 0.5], got ${x}`);
  const d = 2 * kH * (1 - x) + dtH;
  return { c1: (dtH - 2 * kH * x) / d, c2: (dtH + 2 * kH * x) / d, c3: (2 * kH * (1 - x) - dtH) / d };
}

/** Routes `inflow` (one value per step) with outflow starting at `initialOutflow`; writes into `out`. */
export function routeMuskingum(inflow: Float64Array, c: MuskingumCoefficients, initialOutflow: number, out: Float64Array = new Float64Array(inflow.length)): Float64Array {
  out[0] = initialOutflow;
  for (let j = 0; j + 1 < inflow.length; j++) {
    out[j + 1] = c.c1 * (inflow[j + 1] as number) + c.c2 * (inflow[j] as number) + c.c3 * (out[j] as number);
  }
  return out;
}

export interface ReachGeometry {
  lengthM: number;
  widthM: number;
  slope: number;
  manning: number;
}

/** Wave celerity c (m/s) and the length q/(S₀c) (m) that sets the wave's diffusion, for a wide rectangular reach at reference discharge `qRef` (m³/s). */
function kinematicWave(reach: Omit<ReachGeometry, 'lengthM'>, qRef: number): { celerity: number; diffusionLengthM: number } {
  const { widthM, slope, manning } = reach;
  const q = qRef / widthM;
  // Normal depth of a wide channel: q = h^(5/3) √S / n.
  const depth = ((q * manning) / Math.sqrt(slope)) ** 0.6;
  const celerity = (5 / 3) * (q / depth);
  return { celerity, diffusionLengthM: q / (slope * celerity) };
}

/** Muskingum–Cunge K (hours) and X for a wide rectangular reach (or sub-reach) `lengthM` long at reference discharge `qRef` (m³/s). */
export function muskingumCungeParameters(reach: ReachGeometry, qRef: number): { kH: number; x: number } {
  const { celerity, diffusionLengthM } = kinematicWave(reach, qRef);
  const x = Math.min(Math.max(0.5 * (1 - diffusionLengthM / reach.lengthM), 0), 0.5);
  return { kH: reach.lengthM / celerity / 3600, x };
}

/** More sub-reaches than this only arise for trickles on steep reaches, where attenuation is immaterial; it bounds the work. */
const MAX_SUB_REACHES = 2000;

/**
 * Muskingum–Cunge routing of a reach (Ponce 1989, constant parameters at a reference discharge
 * `qRef`). The scheme's numerical diffusion c·Δx(½ − X) equals the wave's hydraulic diffusivity
 * q/(2S₀) only when X is computed for the Δx it steps over, so the reach is cut into N sub-reaches
 * and K, X come from Δx = L/N. N makes Δx no longer than Ponce & Theurer's (1982) accuracy bound
 * ½(cΔt + q/(S₀c)), and no shorter than q/(S₀c), below which X would be negative, where the
 * reach is long enough for both. A step is cut into M sub-steps (inflow linear in between) so
 * that the Courant number cΔt/(MΔx) stays ≤ 1 + q/(S₀cΔx), which keeps C3 ≥ 0; what little
 * negative outflow a negative C1 can still give at a steep rise is cut to zero (the reach's
 * storage is booked as inflow less outflow, so volume stays exact).
 */
export function routeMuskingumCunge(inflow: Float64Array, dtS: number, reach: ReachGeometry, qRef: number): Float64Array {
  const { celerity, diffusionLengthM } = kinematicWave(reach, qRef);
  const { lengthM } = reach;
  const accurate = Math.ceil(lengthM / (0.5 * (celerity * dtS + diffusionLengthM)));
  const nonNegativeX = Math.max(1, Math.floor(lengthM / diffusionLengthM));
  const parts = Math.min(Math.max(1, Math.min(accurate, nonNegativeX)), MAX_SUB_REACHES);
  const dx = lengthM / parts;
  const substeps = Math.max(1, Math.ceil((celerity * dtS) / dx / (1 + diffusionLengthM / dx)));
  const { kH, x } = muskingumCungeParameters({ ...reach, lengthM: dx }, qRef);
  const c = muskingumCoefficients(kH, x, dtS / substeps / 3600);
  let q: Float64Array = refine(inflow, substeps);
  let spare: Float64Array = new Float64Array(q.length);
  for (let p = 0; p < parts; p++) {
    routeMuskingum(q, c, q[0] as number, spare);
    for (let k = 0; k < spare.length; k++) if ((spare[k] as number) < 0) spare[k] = 0;
    [q, spare] = [spare, q];
  }
  return substeps === 1 ? q : Float64Array.from({ length: inflow.length }, (_, k) => q[k * substeps] as number);
}

/** The series with `m − 1` linearly interpolated values between each pair of samples. */
function refine(series: Float64Array, m: number): Float64Array {
  if (m === 1) return Float64Array.from(series);
  const fine = new Float64Array((series.length - 1) * m + 1);
  for (let k = 0; k + 1 < series.length; k++) {
    const a = series[k] as number;
    const b = series[k + 1] as number;
    for (let s = 0; s < m; s++) fine[k * m + s] = a + ((b - a) * s) / m;
  }
  fine[fine.length - 1] = series[series.length - 1] as number;
  return fine;
}
