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
export function routeMuskingum(inflow: Float64Array, c: MuskingumCoefficients, initialOutflow: number, out = new Float64Array(inflow.length)): Float64Array {
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

/** Muskingum–Cunge K (hours) and X for a wide rectangular reach at reference discharge `qRef` (m³/s). */
export function muskingumCungeParameters(reach: ReachGeometry, qRef: number): { kH: number; x: number } {
  const { lengthM, widthM, slope, manning } = reach;
  const q = qRef / widthM;
  // Normal depth of a wide channel: q = h^(5/3) √S / n.
  const depth = ((q * manning) / Math.sqrt(slope)) ** 0.6;
  const velocity = q / depth;
  const celerity = (5 / 3) * velocity;
  const x = Math.min(Math.max(0.5 * (1 - q / (slope * celerity * lengthM)), 0), 0.5);
  return { kH: lengthM / celerity / 3600, x };
}
