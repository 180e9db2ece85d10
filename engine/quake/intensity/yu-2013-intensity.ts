/**
 * Seismic intensity attenuation of the GB 18306-2015 zonation, eastern strong-earthquake region
 * (东部强震区; the capital region lies in it): Yu Yanxiang, Li Shanyou & Xiao Liang (2013),
 * "Development of ground motion attenuation relations for the new seismic hazard map of China",
 * Table 1, per axis of the elliptical isoseismals (long = along the strike):
 *
 *   I = A + B·Ms + C·lg(R + R0),  long: 5.7123, 1.3626, −4.2903, R0 25 km;
 *                                 short: 3.6588, 1.3626, −3.5406, R0 13 km;  σ = 0.5826,
 *
 * R the epicentral distance (the isoseismal's semi-axis). A, B, C and σ as the table is reproduced
 * at http://ftp.nowpublishers.com/view-large/103355422; the form (base-10 log, Ms) and R0 as
 * Wangshuai022/GB18306-CEA2019-GB17742 codes them (`GB18306_2015_Intensity.py`, commit 1444ea3f,
 * citing the standard's training textbook, p. 172), the short axis also in
 * Lokeily/Earthquake-Sentinel. Check on R0: with these values both axes give the same epicentral
 * intensity (to 3e-4 degrees at any Ms), as a joint ellipse fit must.
 *
 * A site at epicentral distance R and angle θ from the strike has the intensity of the isoseismal
 * ellipse through it: (R cos θ / ra(I))² + (R sin θ / rb(I))² = 1 with ra, rb the two axes'
 * radii of intensity I, solved by bisection on I. Without a strike, the mean of the two axes.
 */
const LONG = { a: 5.7123, b: 1.3626, c: -4.2903, r0: 25 };
const SHORT = { a: 3.6588, b: 1.3626, c: -3.5406, r0: 13 };
export const YU_2013_INTENSITY_SIGMA = 0.5826;

type Axis = typeof LONG;

function intensityAt(axis: Axis, ms: number, r: number): number {
  return axis.a + axis.b * ms + axis.c * Math.log10(r + axis.r0);
}

/** Radius (km) of intensity `i` along the axis; 0 at and above the epicentral intensity. */
function radiusOf(axis: Axis, ms: number, i: number): number {
  return Math.max(10 ** ((i - axis.a - axis.b * ms) / axis.c) - axis.r0, 0);
}

/** Median intensity at epicentral distance `repi` (km), `thetaDeg` from the strike (NaN: no strike known). */
export function yu2013IntensityMedian(ms: number, repi: number, thetaDeg: number): number {
  if (Number.isNaN(thetaDeg)) return 0.5 * (intensityAt(LONG, ms, repi) + intensityAt(SHORT, ms, repi));
  const epicentral = Math.min(intensityAt(LONG, ms, 0), intensityAt(SHORT, ms, 0));
  if (repi <= 0) return epicentral;
  const theta = (Math.min(Math.max(thetaDeg, 0), 90) * Math.PI) / 180;
  const x = repi * Math.cos(theta);
  const y = repi * Math.sin(theta);
  // Lower intensities have larger ellipses: outside(i) is true while the site lies beyond the isoseismal of i.
  const outside = (i: number): boolean => {
    const ra = radiusOf(LONG, ms, i);
    const rb = radiusOf(SHORT, ms, i);
    return (ra > 0 ? (x / ra) ** 2 : x > 0 ? Infinity : 0) + (rb > 0 ? (y / rb) ** 2 : y > 0 ? Infinity : 0) > 1;
  };
  let lo = Math.min(intensityAt(LONG, ms, repi), intensityAt(SHORT, ms, repi));
  let hi = epicentral;
  for (let k = 0; k < 100 && hi - lo > 1e-10; k++) {
    const mid = 0.5 * (lo + hi);
    if (outside(mid)) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}
