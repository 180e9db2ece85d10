/**
 * Site adjustment of PGA by Chinese site class: GB 18306-2015 "Seismic ground motion parameters
 * zonation map of China", Appendix E, Table E.1: a_max = Fa · a_max,II, with Fa interpolated
 * linearly in the class-II PGA (and held at the end values beyond the table). The standard gives
 * no factor for PGV, which we leave unadjusted.
 */
export const SITE_CLASSES = ['I0', 'I1', 'II', 'III', 'IV'] as const;
export type SiteClass = (typeof SITE_CLASSES)[number];

const PGA_LEVELS_G = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4];
const FA: Record<SiteClass, number[]> = {
  I0: [0.72, 0.74, 0.75, 0.76, 0.85, 0.9],
  I1: [0.8, 0.82, 0.83, 0.85, 0.95, 1.0],
  II: [1, 1, 1, 1, 1, 1],
  III: [1.3, 1.25, 1.15, 1.0, 1.0, 1.0],
  IV: [1.25, 1.2, 1.1, 1.0, 0.95, 0.9],
};

export function siteFactorFa(siteClass: SiteClass, pgaClassIIG: number): number {
  const row = FA[siteClass];
  if (pgaClassIIG <= (PGA_LEVELS_G[0] as number)) return row[0] as number;
  for (let k = 1; k < PGA_LEVELS_G.length; k++) {
    const x1 = PGA_LEVELS_G[k] as number;
    if (pgaClassIIG <= x1) {
      const x0 = PGA_LEVELS_G[k - 1] as number;
      const w = (pgaClassIIG - x0) / (x1 - x0);
      return (row[k - 1] as number) * (1 - w) + (row[k] as number) * w;
    }
  }
  return row[row.length - 1] as number;
}
