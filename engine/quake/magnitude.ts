/**
 * Surface-wave magnitude Ms (what Chinese catalogues and GB 18306 relations use) to moment
 * magnitude Mw (what rupture scaling uses): Cheng, Rong, Yang et al. (2017), "Magnitude
 * conversions among Ms, mb, ML and Mw for China", as implemented for the Yu et al. (2013) Mw
 * variants in OpenQuake (`yu_2013.py`): Mw = 0.86 Ms + 0.59 below Mw 6.58, Mw = 1.28 Ms − 2.42
 * above. The two branches do not meet (Ms 6.965 vs 7.03); we switch at Ms 7.0, between them.
 */
export function msToMw(ms: number): number {
  return ms < 7.0 ? 0.86 * ms + 0.59 : 1.28 * ms - 2.42;
}
