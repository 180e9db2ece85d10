import { errorFunction } from 'simple-statistics';
import type { Rng } from '../parallel/rng.js';
import type { Exposure } from '../region/region.js';
import { HAZUS_CLASSES, HAZUS_PGA_BETA } from './fragility/hazus-equivalent-pga.js';

/** Damage states in order: none, slight, moderate, extensive, complete. */
export const STATES = 5;

/** Fragility and casualty parameters of the exposure's classes, as flat arrays for the kernel. */
export interface DamageModel {
  classes: number;
  /** ln median PGA (g) per class and threshold, `lnMedian[c * 4 + k]`. */
  lnMedian: Float64Array;
  beta: number;
  collapse: Float64Array;
  /** Casualty rates `rates[(c * 5 + s) * 4 + severity]`, s = slight, moderate, extensive, complete, collapse. */
  rates: Float64Array;
  /** Residents' shares per zone and class. */
  shares: Float64Array;
  /** Share of residents indoors at the time of the event. */
  indoor: number;
}

export function compileDamageModel(exposure: Exposure, timeOfDay: 'night' | 'day'): DamageModel {
  const n = exposure.classes.length;
  const lnMedian = new Float64Array(n * 4);
  const collapse = new Float64Array(n);
  const rates = new Float64Array(n * 5 * 4);
  exposure.classes.forEach((c, k) => {
    const hazus = HAZUS_CLASSES[c.fragility];
    if (!hazus) throw new RangeError(`unknown fragility class '${c.fragility}'`);
    hazus.medianPgaG.forEach((m, t) => { lnMedian[k * 4 + t] = Math.log(m); });
    collapse[k] = hazus.collapseGivenComplete;
    hazus.casualtyRates.forEach((row, s) => row.forEach((r, sev) => { rates[(k * 5 + s) * 4 + sev] = r; }));
  });
  return { classes: n, lnMedian, beta: HAZUS_PGA_BETA, collapse, rates, shares: exposure.shares, indoor: exposure.occupancy[timeOfDay] };
}

const SQRT1_2 = Math.SQRT1_2;
/** Standard normal CDF through simple-statistics' error function (accurate to ~1e-7). */
const phi = (x: number): number => 0.5 * (1 + errorFunction(x * SQRT1_2));

/**
 * Discrete damage-state probabilities of one class at one PGA from lognormal fragility curves:
 * P(DS ≥ k) = Φ(ln(PGA / median_k) / β), then differences. Writes 5 values into `out` at `at`.
 */
export function damageStateProbabilities(model: DamageModel, c: number, pgaG: number, out: Float64Array, at = 0): void {
  const lnPga = Math.log(pgaG);
  let above = 1;
  for (let k = 0; k < 4; k++) {
    const exceed = pgaG > 0 ? phi((lnPga - (model.lnMedian[c * 4 + k] as number)) / model.beta) : 0;
    // Medians rise with the state, so exceedances fall; clamp guards round-off.
    const next = Math.min(exceed, above);
    out[at + k] = above - next;
    above = next;
  }
  out[at + 4] = above;
}

export interface DamageOutput {
  /** Residents per zone and state, `residents[z * 5 + s]`. */
  residents: Float64Array;
  deaths: Float64Array;
  /** Severity 1–3 (all injuries needing care). */
  injuries: Float64Array;
  /** Severity 2–3 (hospitalised). */
  seriousInjuries: Float64Array;
  /** Residents of dwellings in extensive or complete damage (FEMA's "red tag": unsafe to occupy). */
  displaced: Float64Array;
}

export function allocateDamageOutput(zones: number): DamageOutput {
  return { residents: new Float64Array(zones * STATES), deaths: new Float64Array(zones), injuries: new Float64Array(zones), seriousInjuries: new Float64Array(zones), displaced: new Float64Array(zones) };
}

/**
 * Expected damage, casualties and displacement per zone for one ground-motion field: residents
 * split by structure class, each class's damage-state probabilities at the zone's PGA, Hazus
 * indoor casualty rates for the people indoors (complete damage split into collapse or not).
 * Pure over typed arrays; writes into `out` (allocation-free apart from one 5-slot scratch).
 */
export function assessBuildingDamage(model: DamageModel, pgaG: Float64Array, population: Float64Array, out: DamageOutput): void {
  const p = new Float64Array(STATES);
  const { classes, shares, rates, collapse, indoor } = model;
  out.residents.fill(0);
  for (let z = 0; z < pgaG.length; z++) {
    let deaths = 0;
    let injuries = 0;
    let serious = 0;
    for (let c = 0; c < classes; c++) {
      const people = (population[z] as number) * (shares[z * classes + c] as number);
      if (people === 0) continue;
      damageStateProbabilities(model, c, pgaG[z] as number, p);
      for (let s = 0; s < STATES; s++) out.residents[z * STATES + s] = (out.residents[z * STATES + s] as number) + people * (p[s] as number);
      const occupants = people * indoor;
      const pc = collapse[c] as number;
      for (let s = 1; s < STATES; s++) {
        const ps = p[s] as number;
        if (ps === 0) continue;
        // Rates for state s; complete (s = 4) blends no-collapse (row 3) and collapse (row 4).
        for (let sev = 0; sev < 4; sev++) {
          const base = (c * 5 + (s - 1)) * 4 + sev;
          const rate = s < 4 ? (rates[base] as number) : (1 - pc) * (rates[base] as number) + pc * (rates[base + 4] as number);
          const n = occupants * ps * rate;
          if (sev === 3) deaths += n;
          else {
            injuries += n;
            if (sev > 0) serious += n;
          }
        }
      }
    }
    out.deaths[z] = deaths;
    out.injuries[z] = injuries;
    out.seriousInjuries[z] = serious;
    out.displaced[z] = (out.residents[z * STATES + 3] as number) + (out.residents[z * STATES + 4] as number);
  }
}

/**
 * Damage states of `units` individual assets drawn from the discrete probabilities `p`
 * (inverse-CDF per asset): counts per state into `counts`. For component-level sampling.
 */
export function sampleDamageStates(p: Float64Array, units: number, rng: Rng, counts: Float64Array): void {
  counts.fill(0);
  for (let u = 0; u < units; u++) {
    let x = rng.uniform();
    let s = 0;
    while (s < STATES - 1 && x >= (p[s] as number)) {
      x -= p[s] as number;
      s++;
    }
    counts[s] = (counts[s] as number) + 1;
  }
}
