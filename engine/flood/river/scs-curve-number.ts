/**
 * SCS (NRCS) curve-number runoff: USDA-SCS National Engineering Handbook section 4 (NEH-4),
 * chapter 10, as in Chow, Maidment & Mays (1988), Applied Hydrology §5.5:
 *   Q = (P − Ia)² / (P − Ia + S) for P > Ia, else 0;  Ia = 0.2 S;  S = 25400 / CN − 254 (mm).
 * Antecedent moisture (Chow et al. 1988, eqs. 5.5.5–5.5.6) adjusts CN(II) to dry (I) or wet (III):
 *   CN(I) = 4.2 CN / (10 − 0.058 CN),  CN(III) = 23 CN / (10 + 0.13 CN).
 */
export type AntecedentMoisture = 'I' | 'II' | 'III';

export function adjustCurveNumber(cnII: number, amc: AntecedentMoisture): number {
  if (amc === 'I') return (4.2 * cnII) / (10 - 0.058 * cnII);
  if (amc === 'III') return (23 * cnII) / (10 + 0.13 * cnII);
  return cnII;
}

export function potentialRetentionMm(cn: number): number {
  if (!(cn > 0 && cn <= 100)) throw new RangeError(`curve number must be in (0, 100], got ${cn}`);
  return 25400 / cn - 254;
}

/** Cumulative direct runoff (mm) for cumulative rainfall `pMm` (mm). */
export function scsRunoffMm(pMm: number, cn: number): number {
  const s = potentialRetentionMm(cn);
  const ia = 0.2 * s;
  return pMm > ia ? ((pMm - ia) * (pMm - ia)) / (pMm - ia + s) : 0;
}

/**
 * Excess rainfall per step (mm) from rainfall per step (mm): differences of the cumulative
 * runoff, so the storm's total excess equals Q(total P). Writes into `out`.
 */
export function excessRainfall(rainMm: Float64Array, cn: number, out = new Float64Array(rainMm.length)): Float64Array {
  let cumulativeP = 0;
  let previousQ = 0;
  for (let k = 0; k < rainMm.length; k++) {
    cumulativeP += rainMm[k] as number;
    const q = scsRunoffMm(cumulativeP, cn);
    out[k] = q - previousQ;
    previousQ = q;
  }
  return out;
}
