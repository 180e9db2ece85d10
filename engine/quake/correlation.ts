/**
 * Spatial correlation of ground-motion residuals: Jayaram & Baker (2009), "Correlation model for
 * spatially distributed ground-motion intensities", EESD 38(15): ρ(h) = exp(−3h / b), with
 * b = 8.5 km for PGA when Vs30 has no clustering (case 1) and 40.7 km when it clusters (case 2).
 * Sites nearer than a few b shake alike; the field is drawn as L·ε with L the Cholesky factor of
 * the sites' correlation matrix (computed once per scenario) and ε independent standard normals.
 */
export const JAYARAM_BAKER_2009_RANGE_KM = { pga: { case1: 8.5, case2: 40.7 } } as const;

/** Lower-triangular Cholesky factor (row-major n × n) of ρ_ij = exp(−3 d_ij / range). */
export function correlationCholesky(distanceKm: (i: number, j: number) => number, n: number, rangeKm: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = i === j ? 1 : Math.exp((-3 * distanceKm(i, j)) / rangeKm);
      for (let k = 0; k < j; k++) sum -= (L[i * n + k] as number) * (L[j * n + k] as number);
      if (i === j) {
        // Round-off can leave a tiny negative pivot for near-coincident sites; clamp it.
        L[i * n + i] = Math.sqrt(Math.max(sum, 1e-12));
      } else {
        L[i * n + j] = sum / (L[j * n + j] as number);
      }
    }
  }
  return L;
}

/** out = L·eps for a lower-triangular row-major L (writes into `out`, allocation-free). */
export function correlate(L: Float64Array, eps: Float64Array, out: Float64Array): Float64Array {
  const n = eps.length;
  for (let i = 0; i < n; i++) {
    let s = 0;
    const row = i * n;
    for (let k = 0; k <= i; k++) s += (L[row + k] as number) * (eps[k] as number);
    out[i] = s;
  }
  return out;
}
