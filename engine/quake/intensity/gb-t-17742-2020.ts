/**
 * Instrumental seismic intensity of the Chinese seismic intensity scale, GB/T 17742-2020
 * (中国地震烈度表), Appendix A: I_A = 3.17 lg(PGA) + 6.59 and I_V = 3.00 lg(PGV) + 9.77 (PGA in
 * m/s², PGV in m/s); the intensity is I_V where both I_A and I_V reach 6.0, else their mean,
 * limited to 1.0–12.0. Formulas as three independent public implementations give them; one of
 * them combines with "or" instead of "and", which we note and do not follow.
 * The standard computes PGA and PGV from the vector of three filtered components; we apply it to
 * the ground-motion model's horizontal medians, which reads intensity slightly low.
 */
export function instrumentalIntensity(pgaG: number, pgvCmS: number): number {
  const pga = pgaG * 9.80665;
  const pgv = pgvCmS / 100;
  const ia = 3.17 * Math.log10(pga) + 6.59;
  const iv = 3.0 * Math.log10(pgv) + 9.77;
  const i = ia >= 6 && iv >= 6 ? iv : (ia + iv) / 2;
  return Math.min(Math.max(i, 1), 12);
}
