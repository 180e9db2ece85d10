/**
 * Uninhabitable dwellings after an earthquake: FEMA (2024), Hazus Earthquake Model Technical
 * Manual 6.1, §13, Table 13-1 and Eq. 13-1 (Eq. 14-1 of the MR4 / 2.1 manual). A dwelling unit is
 * uninhabitable with the weight of its damage state, told apart by single- and multi-family
 * residence:
 *
 *   #UNU = Σ DU_SF·(w_SFM·%M + w_SFE·%E + w_SFC·%C) + Σ DU_MF·(w_MFM·%M + w_MFE·%E + w_MFC·%C),
 *   w_SF = (0, 0, 1.0),  w_MF = (0, 0.9, 1.0)  for moderate, extensive, complete,
 *
 * and the displaced population is the households of those units times persons per household.
 * The weights as four independent transcriptions give them (research/consequences.md §1.1: the
 * Rt displacement estimator, PlanX, NRCan's OpenDRR factors, an OpenQuake post-processor). Working
 * on residents directly, as here, gives the same count as #DH · POP / #HH when occupancy does not
 * depend on the damage state.
 */
/** Weights per damage state (none, slight, moderate, extensive, complete). */
export const HAZUS_DISPLACEMENT_WEIGHTS = {
  singleFamily: [0, 0, 0, 0, 1],
  multiFamily: [0, 0, 0, 0.9, 1],
} as const satisfies Record<string, readonly number[]>;

/**
 * Residents of uninhabitable dwellings among `residents` (5 values from `at`, by damage state)
 * of whom a share `singleFamily` live in single-family dwellings, the damage of both kinds
 * alike (the census gives storeys and structure separately, not crossed).
 */
export function displacedResidents(residents: ArrayLike<number>, at: number, singleFamily: number): number {
  let displaced = 0;
  for (let s = 0; s < HAZUS_DISPLACEMENT_WEIGHTS.singleFamily.length; s++) {
    const w = singleFamily * (HAZUS_DISPLACEMENT_WEIGHTS.singleFamily[s] as number) + (1 - singleFamily) * (HAZUS_DISPLACEMENT_WEIGHTS.multiFamily[s] as number);
    displaced += w * (residents[at + s] as number);
  }
  return displaced;
}
