import type { DetentionBasin } from '../../region/river-schema.js';

export interface DetentionResult {
  /** Diverted discharge per sample (m³/s). */
  diversion: Float64Array;
  /** Stored volume per sample (m³), trapezoidal in time like every other volume here. */
  stored: Float64Array;
  /** Sample index at which the gates first opened, or −1. */
  activatedAt: number;
}

/**
 * A flood detention basin (蓄滞洪区): its gates open once the control station's discharge exceeds
 * the activation discharge; it then takes the excess over that discharge, up to the gate
 * capacity and never more than the river carries, until its design volume is full. The diversion
 * is held so that stored volume can never pass the design volume: with trapezoidal volumes,
 * D_k ≤ (R_{k−1} − D_{k−1}Δt/2)/Δt leaves room for the next half step.
 */
export function divertToBasin(river: Float64Array, control: Float64Array, dtS: number, b: DetentionBasin): DetentionResult {
  const n = river.length;
  const diversion = new Float64Array(n);
  const stored = new Float64Array(n);
  let activatedAt = -1;
  let remaining = b.designVolumeM3;
  for (let k = 0; k < n; k++) {
    const excess = (control[k] as number) - b.activationDischargeM3s;
    if (activatedAt < 0 && excess > 0) activatedAt = k;
    if (k === 0) continue;
    const previous = diversion[k - 1] as number;
    const wanted = activatedAt >= 0 ? Math.min(b.gateCapacityM3s, Math.max(excess, 0), river[k] as number) : 0;
    const room = Math.max((remaining - (previous * dtS) / 2) / dtS, 0);
    const d = Math.min(wanted, room);
    diversion[k] = d;
    remaining -= ((previous + d) * dtS) / 2;
    stored[k] = b.designVolumeM3 - remaining;
  }
  return { diversion, stored, activatedAt };
}
