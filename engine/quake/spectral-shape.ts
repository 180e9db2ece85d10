/**
 * Spectral acceleration (5 % damping) from a site's peak ground motion, by the response-spectrum
 * shape of China's zoning model: a plateau at 2.5 times the peak acceleration up to the
 * characteristic period Tg = 2π·v/a, then Sa(T) = 2.5·a·(Tg/T)^0.9. This is how scenario spectra
 * are built from the GB 18306-2015 model's effective peak acceleration aE and velocity vE
 * (implemented identically in Wangshuai022/GB18306-CEA2019-GB17742 `GB18306_class.py`, commit
 * 56b4279c, and Hsiifu3/seiswave `seiswave/core/gmpe.py`; the 0.9 exponent is GB 50011-2010's
 * descending branch, §5.1.5, which we keep beyond 5·Tg where that code turns linear: at T = 1 s it
 * matters only for Tg < 0.2 s). Our ground motion gives peak PGA and PGV (Yu et al. 2013, the
 * relations behind the same zoning map), which stand in for aE and vE: an estimate, stated
 * wherever the result is used.
 *
 * Site class moves Tg as GB 50011-2010 Table 5.1.4-2 does for design groups 1–3 (class-II Tg 0.35,
 * 0.40, 0.45 s): the ratio of the class's Tg to class II's, interpolated in the class-II Tg and
 * held at the table's ends. The amplitude's site factor is already in the site PGA.
 */
import type { SiteClass } from './site-amplification.js';

const CM_PER_S2_PER_G = 980.665;
const PLATEAU = 2.5;
const DESCENT_EXPONENT = 0.9;

const TG_CLASS_II = [0.35, 0.4, 0.45];
const TG_BY_CLASS: Record<SiteClass, number[]> = {
  I0: [0.2, 0.25, 0.3],
  I1: [0.25, 0.3, 0.35],
  II: [0.35, 0.4, 0.45],
  III: [0.45, 0.55, 0.65],
  IV: [0.65, 0.75, 0.9],
};

/** Characteristic period (s) on class-II ground from peak acceleration (g) and velocity (cm/s). */
export function characteristicPeriod(pgaG: number, pgvCmS: number): number {
  return (2 * Math.PI * pgvCmS) / (pgaG * CM_PER_S2_PER_G);
}

/** Tg of site class `siteClass` given class II's (s). */
export function siteCharacteristicPeriod(siteClass: SiteClass, tgClassII: number): number {
  const row = TG_BY_CLASS[siteClass];
  const ratio = (k: number): number => (row[k] as number) / (TG_CLASS_II[k] as number);
  if (tgClassII <= (TG_CLASS_II[0] as number)) return tgClassII * ratio(0);
  for (let k = 1; k < TG_CLASS_II.length; k++) {
    const x1 = TG_CLASS_II[k] as number;
    if (tgClassII <= x1) {
      const x0 = TG_CLASS_II[k - 1] as number;
      const w = (tgClassII - x0) / (x1 - x0);
      return tgClassII * (ratio(k - 1) * (1 - w) + ratio(k) * w);
    }
  }
  return tgClassII * ratio(TG_CLASS_II.length - 1);
}

/** Sa(T) in g for peak acceleration `pgaG` at the site and characteristic period `tg` (s), T ≥ 0.1 s. */
export function spectralAcceleration(pgaG: number, tg: number, periodS: number): number {
  if (!(pgaG > 0)) return 0;
  return periodS <= tg ? PLATEAU * pgaG : PLATEAU * pgaG * (tg / periodS) ** DESCENT_EXPONENT;
}
