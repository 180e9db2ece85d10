/**
 * SCS (NRCS) dimensionless unit hydrograph: NEH Part 630, chapter 16, Table 16-1 (t/Tp, q/qp,
 * 33 ordinates), peak qp = 2.08 A / Tp (m³/s per cm of runoff, A in km², Tp in h; 484 in US
 * units), time to peak Tp = Δt/2 + tL with lag tL = 0.6 Tc (HEC-HMS technical reference manual).
 */
const T_OVER_TP = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0, 2.2, 2.4, 2.6, 2.8, 3.0, 3.2, 3.4, 3.6, 3.8, 4.0, 4.5, 5.0];
const Q_OVER_QP = [0, 0.03, 0.1, 0.19, 0.31, 0.47, 0.66, 0.82, 0.93, 0.99, 1.0, 0.99, 0.93, 0.86, 0.78, 0.68, 0.56, 0.46, 0.39, 0.33, 0.28, 0.207, 0.147, 0.107, 0.077, 0.055, 0.04, 0.029, 0.021, 0.015, 0.011, 0.005, 0];

function dimensionless(x: number): number {
  if (x <= 0 || x >= 5) return 0;
  let k = 1;
  while ((T_OVER_TP[k] as number) < x) k++;
  const x0 = T_OVER_TP[k - 1] as number;
  const x1 = T_OVER_TP[k] as number;
  const w = (x - x0) / (x1 - x0);
  return (Q_OVER_QP[k - 1] as number) * (1 - w) + (Q_OVER_QP[k] as number) * w;
}

/**
 * Unit hydrograph ordinates (m³/s per mm of excess rain in one step of `dtH` hours) for a
 * catchment of `areaKm2` with time of concentration `tcH`: `uh[k]` is the flow k + 1 steps after
 * the excess step. The ordinates are rescaled so that their volume, integrated by the trapezoid
 * rule from a zero at the excess step (as every hydrograph here is), is exactly 1 mm over the
 * area; the tabulated curve's own volume is within 1% of it.
 */
export function scsUnitHydrograph(areaKm2: number, tcH: number, dtH: number): Float64Array {
  if (!(areaKm2 > 0) || !(tcH > 0) || !(dtH > 0)) throw new RangeError('area, time of concentration and step must be > 0');
  const tp = dtH / 2 + 0.6 * tcH;
  const qp = (0.208 * areaKm2) / tp; // per mm
  const steps = Math.ceil((5 * tp) / dtH) + 1;
  const uh = new Float64Array(steps);
  for (let k = 0; k < steps; k++) uh[k] = qp * dimensionless(((k + 1) * dtH) / tp);
  const volume = (uh.reduce((s, q) => s + q, 0) - (uh[steps - 1] as number) / 2) * dtH * 3600; // m³, trapezoid from 0
  const target = areaKm2 * 1e6 * 1e-3; // 1 mm over the area
  for (let k = 0; k < steps; k++) uh[k] = (uh[k] as number) * (target / volume);
  return uh;
}

/**
 * Direct runoff (m³/s) at the samples t_j = jΔt: excess rain `excessMm[i]` falls in step i
 * (t_i to t_{i+1}) and reaches sample i + 1 + k with weight `uh[k]`. `out[0]` is 0. Samples past
 * the end of `out` are dropped; the caller counts that volume as still in transit.
 */
export function convolve(excessMm: Float64Array, uh: Float64Array, out: Float64Array): Float64Array {
  out.fill(0);
  for (let i = 0; i < excessMm.length; i++) {
    const e = excessMm[i] as number;
    if (e === 0) continue;
    for (let k = 0; k < uh.length && i + 1 + k < out.length; k++) out[i + 1 + k] = (out[i + 1 + k] as number) + e * (uh[k] as number);
  }
  return out;
}

/** Trapezoid-rule volume (m³) of a flow series (m³/s) sampled every `dtS` seconds. */
export function trapezoidVolume(q: Float64Array, dtS: number): number {
  if (q.length < 2) return 0;
  let s = 0;
  for (let k = 1; k < q.length - 1; k++) s += q[k] as number;
  return (s + ((q[0] as number) + (q[q.length - 1] as number)) / 2) * dtS;
}
