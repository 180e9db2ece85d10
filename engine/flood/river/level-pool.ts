/**
 * Level-pool (storage-indication) reservoir routing, Chow, Maidment & Mays (1988) §8.2:
 *   2S[j+1]/Δt + Q[j+1] = (I[j] + I[j+1]) + (2S[j]/Δt − Q[j]),
 * with Q a monotone function of storage given as a table (S_k, Q_k), interpolated linearly in
 * 2S/Δt + Q as the book does. Returns outflow and storage per step.
 */
export interface StorageOutflowTable {
  storageM3: number[];
  outflowM3s: number[];
}

export function routeLevelPool(inflow: Float64Array, dtS: number, table: StorageOutflowTable, initialStorageM3: number): { outflow: Float64Array; storage: Float64Array } {
  const { storageM3: S, outflowM3s: Q } = table;
  if (S.length !== Q.length || S.length < 2) throw new RangeError('storage and outflow tables need the same length, at least 2');
  for (let k = 1; k < S.length; k++) {
    if ((S[k] as number) <= (S[k - 1] as number) || (Q[k] as number) < (Q[k - 1] as number)) throw new RangeError('storage must rise and outflow must not fall along the table');
  }
  const indication = S.map((s, k) => (2 * s) / dtS + (Q[k] as number));
  const interpolate = (xs: number[], ys: number[], x: number): number => {
    if (x <= (xs[0] as number)) return ys[0] as number;
    let k = 1;
    while (k < xs.length - 1 && (xs[k] as number) < x) k++;
    const w = (x - (xs[k - 1] as number)) / ((xs[k] as number) - (xs[k - 1] as number));
    return (ys[k - 1] as number) + w * ((ys[k] as number) - (ys[k - 1] as number));
  };
  const n = inflow.length;
  const outflow = new Float64Array(n);
  const storage = new Float64Array(n);
  storage[0] = initialStorageM3;
  outflow[0] = interpolate(S, Q, initialStorageM3);
  for (let j = 0; j + 1 < n; j++) {
    const rhs = (inflow[j] as number) + (inflow[j + 1] as number) + (2 * (storage[j] as number)) / dtS - (outflow[j] as number);
    const q = interpolate(indication, Q, rhs);
    outflow[j + 1] = q;
    storage[j + 1] = ((rhs - q) * dtS) / 2;
  }
  return { outflow, storage };
}
