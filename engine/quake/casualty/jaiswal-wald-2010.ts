/**
 * USGS PAGER's empirical fatality model (Jaiswal & Wald 2010, Earthquake Spectra 26(4): 1017–1037):
 * the share of people exposed to shaking intensity I who die, by country,
 *
 *   ν(I) = Φ(ln(I / θ) / β),
 *
 * for China θ = 10.328811, β = 0.100058 (usgs/pager `losspager/data/fatality.xml`, commit ab8be633:
 * `ccode="CN" theta="10.328811" fform="lognormal" beta="0.100058"`, calibrated on Chinese events to
 * 2008, Tangshan among them). PAGER reads MMI; we give it the zone's Chinese intensity, the two
 * scales being close in their definitions — an assumption. A check beside the Hazus casualties,
 * not an input to other stages.
 */
import { phi } from '../damage.js';

export const PAGER_CHINA = { theta: 10.328811, beta: 0.100058 } as const;

/** Deaths per person exposed at intensity `intensity` (China). */
export function pagerChinaDeathRate(intensity: number): number {
  if (!(intensity > 0)) return 0;
  return phi(Math.log(intensity / PAGER_CHINA.theta) / PAGER_CHINA.beta);
}
