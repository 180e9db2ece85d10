/**
 * Earthquake damage to lifeline components: each component with a fragility class draws its
 * damage state from lognormal curves on the PGA of the zone it stands in, P(DS ≥ k) =
 * Φ(ln(PGA / median_k) / β_k), by inverse CDF on one uniform draw per component. A component in
 * the extensive or complete state is out of service until repaired (`repairHours`), and the
 * lifeline stage takes it from there: the cascade, the service per zone over time, and the roads
 * evacuees can use.
 */
import type { Rng } from '../parallel/rng.js';
import { phi } from './damage.js';
import { HAZUS_LIFELINE_CLASSES, type LifelineFragility } from './fragility/hazus-lifelines.js';

export interface LifelineDamageModel {
  /** Lifeline component indices with a fragility, the zone each stands in, and its curves. */
  components: Int32Array;
  zones: Int32Array;
  fragility: LifelineFragility[];
}

/** Damage state at or above which a component is out of service (3 = extensive). */
export const OUT_OF_SERVICE_STATE = 3;

export function compileLifelineDamage(classes: readonly (string | undefined)[], zones: readonly number[]): LifelineDamageModel {
  const components: number[] = [];
  const at: number[] = [];
  const fragility: LifelineFragility[] = [];
  classes.forEach((c, k) => {
    const curves = c === undefined ? undefined : HAZUS_LIFELINE_CLASSES[c];
    const z = zones[k] ?? -1;
    if (!curves || z < 0) return;
    components.push(k);
    at.push(z);
    fragility.push(curves);
  });
  return { components: Int32Array.from(components), zones: Int32Array.from(at), fragility };
}

/**
 * Hours to restore a component from damage state `state` (1 slight … 4 complete), given a
 * standard normal deviate `z`: its class's restoration function (normal in days) read at z, and
 * at least 0 — the functions put a little probability below zero, which Hazus reads as restored
 * at once. Infinity for classes without a restoration function: they stay out.
 */
export function repairHours(f: LifelineFragility, state: number, z: number): number {
  if (state <= 0) return 0;
  const days = f.restorationDays;
  if (!days) return Infinity;
  return 24 * Math.max(0, (days.means[state - 1] as number) + (days.sds[state - 1] as number) * z);
}

/** Damage state (0 none … 4 complete) of each modelled component at the zones' PGA. */
export function sampleLifelineDamage(model: LifelineDamageModel, pgaG: Float64Array, rng: Rng): Uint8Array {
  const states = new Uint8Array(model.components.length);
  model.fragility.forEach((f, i) => {
    const pga = pgaG[model.zones[i] as number] as number;
    const u = rng.uniform();
    let state = 0;
    // P(DS ≥ k) falls with k: the state is the highest k whose exceedance probability exceeds u.
    for (let k = 0; k < 4; k++) {
      const exceed = pga > 0 ? phi(Math.log(pga / (f.medians[k] as number)) / (f.betas[k] as number)) : 0;
      if (u < exceed) state = k + 1;
    }
    states[i] = state;
  });
  return states;
}
