/**
 * Yu Yanxiang, Li Shanyou & Xiao Liang (2013), "Development of ground motion attenuation
 * relations for the new seismic hazard map of China" (俞言祥、李山有、肖亮, 为新区划图编制所
 * 建立的地震动衰减关系), Technology for Earthquake Disaster Prevention 8(1): the PGA and PGV
 * relations behind GB 18306-2015. Per axis (long = along the strike, short = across):
 *
 *   ln Y = A + B·Ms + C·ln(R + D·exp(E·Ms)),   R = √(Repi² + 15²)  (hypocentral depth 15 km),
 *
 * Y in cm/s² (PGA) or cm/s (PGV), coefficients for Ms ≤ 6.5 and Ms > 6.5, total σ(ln) 0.5428
 * (PGA) and 0.6233 (PGV). Coefficients as tabulated in OpenQuake's public implementation
 * (gem/oq-engine, openquake/hazardlib/gsim/yu_2013.py), which we checked against its own
 * verification tables (tests/quake/yu-2013.test.ts).
 *
 * Isoseismals are ellipses: a site at angle θ from the strike lies on the ellipse whose semi-axes
 * ra (long) and rb (short) give equal motion by the two relations' distance terms,
 * C₁ ln(ra + D₁e^{E₁M}) + A₁ + B₁M = C₂ ln(rb + D₂e^{E₂M}) + A₂ + B₂M, and
 * ra·rb / √(ra² sin²θ + rb² cos²θ) = Repi (solved by bisection on ra). The two axes are then
 * evaluated with the depth term, m₁ = ln Y_long(ra), m₂ = ln Y_short(rb), and blended
 * elliptically, m₁m₂ / √((m₁ sinθ)² + (m₂ cosθ)²), as OpenQuake does. That blend is only sound
 * for positive logarithms (motion above 1 gal or 1 cm/s): below, OpenQuake's result flips sign
 * and grows with distance; there we blend m₁cos²θ + m₂sin²θ instead, which keeps both end values.
 */
export const YU_2013_REGIONS = ['active', 'tibet', 'eastern', 'stable'] as const;
export type Yu2013Region = (typeof YU_2013_REGIONS)[number];
export type Yu2013Imt = 'PGA' | 'PGV';

type Axis = [number, number, number, number, number];
interface Row { long: Axis; longLarge: Axis; short: Axis; shortLarge: Axis; sigma: number }

// [A, B, C, D, E]; "Large" rows apply for Ms > 6.5.
const TABLE: Record<Yu2013Region, Record<Yu2013Imt, Row>> = {
  active: {
    PGA: { long: [4.1193, 1.656, -2.389, 1.772, 0.424], longLarge: [7.8269, 1.0856, -2.389, 1.772, 0.424], short: [2.2609, 1.6399, -2.118, 0.825, 0.465], shortLarge: [6.003, 1.0649, -2.118, 0.825, 0.465], sigma: 0.5428 },
    PGV: { long: [-1.2581, 1.932, -2.181, 1.772, 0.424], longLarge: [3.013, 1.2742, -2.181, 1.772, 0.424], short: [-3.1073, 1.9389, -1.945, 0.825, 0.465], shortLarge: [1.3087, 1.2627, -1.945, 0.825, 0.465], sigma: 0.6233 },
  },
  tibet: {
    PGA: { long: [5.4901, 1.4835, -2.416, 2.647, 0.366], longLarge: [8.7561, 0.9453, -2.416, 2.647, 0.366], short: [2.3069, 1.4007, -1.854, 0.612, 0.457], shortLarge: [5.6511, 0.8924, -1.854, 0.612, 0.457], sigma: 0.5428 },
    PGV: { long: [-0.1472, 1.7618, -2.205, 2.647, 0.366], longLarge: [3.9422, 1.1293, -2.205, 2.647, 0.366], short: [-2.9923, 1.7043, -1.696, 0.612, 0.457], shortLarge: [1.0189, 1.0902, -1.696, 0.612, 0.457], sigma: 0.6233 },
  },
  eastern: {
    PGA: { long: [4.5517, 1.5433, -2.315, 2.088, 0.399], longLarge: [8.1259, 0.9936, -2.315, 2.088, 0.399], short: [2.7048, 1.518, -2.004, 0.944, 0.447], shortLarge: [6.3319, 0.9614, -2.004, 0.944, 0.447], sigma: 0.5428 },
    PGV: { long: [-0.8349, 1.8193, -2.103, 2.088, 0.399], longLarge: [3.3051, 1.1799, -2.103, 2.088, 0.399], short: [-2.6381, 1.8124, -1.825, 0.944, 0.447], shortLarge: [1.6376, 1.1546, -1.825, 0.944, 0.447], sigma: 0.6233 },
  },
  stable: {
    PGA: { long: [5.5591, 1.1454, -2.079, 2.802, 0.295], longLarge: [8.5238, 0.6854, -2.079, 2.802, 0.295], short: [3.9445, 1.0833, -1.723, 1.295, 0.331], shortLarge: [6.187, 0.7383, -1.723, 1.295, 0.331], sigma: 0.5428 },
    PGV: { long: [0.2139, 1.4283, -1.889, 2.802, 0.295], longLarge: [3.772, 0.8786, -1.889, 2.802, 0.295], short: [-1.3547, 1.3823, -1.559, 1.295, 0.331], shortLarge: [1.5433, 0.9361, -1.559, 1.295, 0.331], sigma: 0.6233 },
  },
};

const DEPTH_KM = 15;
/** The magnitude range of the verification grid (Ms 4–8); outside it the relation is extrapolated. */
export const YU_2013_MS_RANGE = [4, 8.5] as const;

function lnAxis([a, b, c, d, e]: Axis, ms: number, r: number): number {
  return a + b * ms + c * Math.log(Math.sqrt(r * r + DEPTH_KM * DEPTH_KM) + d * Math.exp(e * ms));
}

/** Short-axis distance with the same distance term as long-axis distance `ra` (no depth: the isoseismal geometry). */
function shortFor(long: Axis, short: Axis, ms: number, ra: number): number {
  const target = long[0] + long[1] * ms + long[2] * Math.log(ra + long[3] * Math.exp(long[4] * ms));
  const [a, b, c, d, e] = short;
  return Math.max(Math.exp((target - a - b * ms) / c) - d * Math.exp(e * ms), 0);
}

export function yu2013Sigma(region: Yu2013Region, imt: Yu2013Imt): number {
  return TABLE[region][imt].sigma;
}

/**
 * Median ln Y (ln g for PGA, ln cm/s for PGV) at epicentral distance `repi` (km) and angle
 * `thetaDeg` from the strike (0 = long axis, 90 = short axis; NaN = no strike known: the mean of
 * the two axes' ln values at `repi`).
 */
export function yu2013LnMedian(region: Yu2013Region, imt: Yu2013Imt, ms: number, repi: number, thetaDeg: number): number {
  const row = TABLE[region][imt];
  const long = ms > 6.5 ? row.longLarge : row.long;
  const short = ms > 6.5 ? row.shortLarge : row.short;
  const toUnits = imt === 'PGA' ? -Math.log(980.665) : 0; // cm/s² → g
  if (Number.isNaN(thetaDeg)) return 0.5 * (lnAxis(long, ms, repi) + lnAxis(short, ms, repi)) + toUnits;
  const theta = (Math.min(Math.max(thetaDeg, 0), 90) * Math.PI) / 180;
  const s = Math.sin(theta);
  const c = Math.cos(theta);
  // The ellipse through the site grows with ra, so bisect on ra.
  const onEllipse = (ra: number): number => {
    const rb = shortFor(long, short, ms, ra);
    const denominator = Math.sqrt(ra * ra * s * s + rb * rb * c * c);
    return (denominator > 0 ? (ra * rb) / denominator : 0) - repi;
  };
  let lo = 0;
  let hi = Math.max(repi, 1);
  while (onEllipse(hi) < 0) hi *= 2;
  for (let k = 0; k < 200 && hi - lo > 1e-10 * hi; k++) {
    const mid = 0.5 * (lo + hi);
    if (onEllipse(mid) < 0) lo = mid;
    else hi = mid;
  }
  const ra = 0.5 * (lo + hi);
  const m1 = lnAxis(long, ms, ra);
  const m2 = lnAxis(short, ms, shortFor(long, short, ms, ra));
  const blended = m1 > 0 && m2 > 0 ? (m1 * m2) / Math.sqrt((m1 * s) ** 2 + (m2 * c) ** 2) : m1 * c * c + m2 * s * s;
  return blended + toUnits;
}
