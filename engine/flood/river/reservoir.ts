import type { Reservoir } from '../../region/river-schema.js';

/**
 * Reservoir routing with an operating rule (level-pool mass balance, trapezoidal in time as in
 * Chow et al. 1988 §8.2). The rule, as the flood-control plans of the Hai basin state it:
 * at or below the flood-limit storage the reservoir passes its inflow up to the largest release
 * the downstream reach can take; above it, it releases that largest amount to come back down;
 * above the spillway crest the spillway adds a (linearised) rating, or, where the pack gives none,
 * the full reservoir passes what comes in (it can hold no more: its spillway is taken to pass the
 * flood, as a dam's must). Each step solves
 * S₁ = S₀ + Δt[(I₀ + I₁)/2 − (O₀ + O₁)/2] with O₁ = rule(S₁, I₁) by bisection (the rule rises
 * with storage), then takes O₁ from the mass balance itself, so volume is exact. A release is
 * also held to what the water left allows: O₁ ≤ (S₀ + Δt(I₀ + I₁ − O₀)/2)/Δt keeps S₁ ≥ O₁Δt/2,
 * so the half of O₁ that the next step's trapezoid takes is always there and storage never goes
 * below zero (the same room rule as the detention basins').
 */
export function releaseRule(r: Reservoir, storage: number, inflow: number): number {
  if (storage <= r.floodLimitStorageM3) return Math.min(inflow, r.maxReleaseM3s);
  if (storage <= r.crestStorageM3) return r.maxReleaseM3s;
  return r.spillwayM3sPerM3 === undefined ? Math.max(r.maxReleaseM3s, inflow) : r.maxReleaseM3s + r.spillwayM3sPerM3 * (storage - r.crestStorageM3);
}

export function routeReservoir(inflow: Float64Array, dtS: number, r: Reservoir): { outflow: Float64Array; storage: Float64Array } {
  const n = inflow.length;
  const outflow = new Float64Array(n);
  const storage = new Float64Array(n);
  storage[0] = r.initialStorageM3;
  outflow[0] = Math.min(releaseRule(r, r.initialStorageM3, inflow[0] as number), (2 * r.initialStorageM3) / dtS);
  for (let j = 0; j + 1 < n; j++) {
    const s0 = storage[j] as number;
    const i0 = inflow[j] as number;
    const i1 = inflow[j + 1] as number;
    const o0 = outflow[j] as number;
    const residual = (s1: number): number => s1 - s0 - dtS * ((i0 + i1) / 2 - (o0 + releaseRule(r, s1, i1)) / 2);
    let lo = 0;
    let hi = Math.max(s0 + dtS * (i0 + i1), r.crestStorageM3, 1);
    while (residual(hi) < 0) hi *= 2;
    if (residual(lo) >= 0) hi = lo; // even empty, the reservoir cannot release what the rule asks: it runs dry
    for (let k = 0; k < 200 && hi - lo > 1e-9 * Math.max(hi, 1); k++) {
      const mid = 0.5 * (lo + hi);
      if (residual(mid) < 0) lo = mid;
      else hi = mid;
    }
    // Outflow from the mass balance, within the rule's limits up to the bisection's width; where
    // that would be negative (a reservoir releasing nothing) the outflow is 0 and the storage
    // follows from the balance, so volume is exact either way.
    const room = Math.max((s0 + (dtS * (i0 + i1 - o0)) / 2) / dtS, 0);
    const o1 = Math.min(Math.max(i0 + i1 - o0 - (2 * (hi - s0)) / dtS, 0), room);
    outflow[j + 1] = o1;
    storage[j + 1] = s0 + dtS * ((i0 + i1) / 2 - (o0 + o1) / 2);
  }
  return { outflow, storage };
}
