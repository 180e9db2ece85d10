import { errorFunction } from 'simple-statistics';
import type { Rng } from '../parallel/rng.js';
import type { Exposure } from '../region/region.js';
import { displacedResidents } from './displacement/hazus-2024.js';
import { HAZUS_CLASSES, HAZUS_PGA_BETA } from './fragility/hazus-equivalent-pga.js';
import { matrixStateProbabilities, type CompiledMatrix } from './vulnerability/damage-probability-matrix.js';

/** The vulnerability model of Hazus equivalent-PGA curves (the default); any other id names a damage probability matrix. */
export const HAZUS_VULNERABILITY = 'hazus';

/** Damage states in order: none, slight, moderate, extensive, complete. */
export const STATES = 5;

/** Fragility and casualty parameters of the exposure's classes, as flat arrays for the kernel. */
export interface DamageModel {
  /** 'hazus', or the id of the damage probability matrix that gives the damage states. */
  vulnerability: string;
  /** The matrix, when `vulnerability` names one: damage states from the zone's intensity in place of the Hazus curves on PGA. */
  matrix?: CompiledMatrix;
  /** With a split matrix: per zone and class, the share built before its code year. */
  builtBeforeCode?: Float64Array;
  classes: number;
  /** ln median PGA (g) per class and threshold, `lnMedian[c * 4 + k]`. */
  lnMedian: Float64Array;
  beta: number;
  /**
   * Casualties per occupant in each damaged state (slight … complete, complete already blending
   * collapse and no collapse): `perOccupant[(c * 4 + s) * 3 + k]`, k = deaths, injuries
   * (severity 1–3), serious injuries (severity 2–3).
   */
  perOccupant: Float64Array;
  /** Residents' shares per zone and class. */
  shares: Float64Array;
  /** Share of residents indoors at the time of the event. */
  indoor: number;
  /** Share of each zone's residents in single-family dwellings (Hazus displacement weights); absent: all multi-family. */
  singleFamilyShare?: Float64Array;
}

/**
 * The exposure's damage model with the vulnerability `vulnerability` (default: the pack's). A
 * matrix replaces only the damage states: casualties per state still follow each class's Hazus
 * class (the grades map onto its states), as does displacement.
 */
export function compileDamageModel(exposure: Exposure, timeOfDay: 'night' | 'day', vulnerability: string = exposure.defaultVulnerability): DamageModel {
  const matrix = vulnerability === HAZUS_VULNERABILITY ? undefined : exposure.matrices.find((m) => m.id === vulnerability);
  if (vulnerability !== HAZUS_VULNERABILITY && !matrix) throw new RangeError(`unknown vulnerability '${vulnerability}' (known: ${[HAZUS_VULNERABILITY, ...exposure.matrices.map((m) => m.id)].join(', ')})`);
  const n = exposure.classes.length;
  const lnMedian = new Float64Array(n * 4);
  const perOccupant = new Float64Array(n * 4 * 3);
  exposure.classes.forEach((c, k) => {
    const hazus = HAZUS_CLASSES[c.fragility];
    if (!hazus) throw new RangeError(`unknown fragility class '${c.fragility}'`);
    hazus.medianPgaG.forEach((m, t) => { lnMedian[k * 4 + t] = Math.log(m); });
    const pc = hazus.collapseGivenComplete;
    for (let s = 0; s < 4; s++) {
      // Complete damage (s = 3): (1 − P_collapse) × no-collapse rates + P_collapse × collapse rates.
      const row = (sev: number): number => (s < 3 ? (hazus.casualtyRates[s]?.[sev] ?? 0) : (1 - pc) * (hazus.casualtyRates[3]?.[sev] ?? 0) + pc * (hazus.casualtyRates[4]?.[sev] ?? 0));
      perOccupant[(k * 4 + s) * 3] = row(3);
      perOccupant[(k * 4 + s) * 3 + 1] = row(0) + row(1) + row(2);
      perOccupant[(k * 4 + s) * 3 + 2] = row(1) + row(2);
    }
  });
  return {
    vulnerability, ...(matrix ? { matrix } : {}), ...(matrix && exposure.builtBeforeCode ? { builtBeforeCode: exposure.builtBeforeCode } : {}),
    classes: n, lnMedian, beta: HAZUS_PGA_BETA, perOccupant, shares: exposure.shares, indoor: exposure.occupancy[timeOfDay],
    ...(exposure.singleFamilyShare ? { singleFamilyShare: exposure.singleFamilyShare } : {}),
  };
}

/**
 * Standard normal CDF, tabulated from simple-statistics' error function (accurate to ~1e-7) and
 * interpolated linearly: four per asset and realization sit on the hot path, and the table read
 * is several times cheaper than the exp inside erf. Step 1/1024 over ±8 keeps the interpolation
 * error below 1e-7 (h² max|Φ''| / 8).
 */
const PHI_STEPS_PER_UNIT = 1024;
const PHI_LIMIT = 8;
const PHI_TABLE = Float64Array.from({ length: 2 * PHI_LIMIT * PHI_STEPS_PER_UNIT + 1 }, (_, k) => 0.5 * (1 + errorFunction((k / PHI_STEPS_PER_UNIT - PHI_LIMIT) * Math.SQRT1_2)));
export function phi(x: number): number {
  if (x <= -PHI_LIMIT) return 0;
  if (x >= PHI_LIMIT) return 1;
  const u = (x + PHI_LIMIT) * PHI_STEPS_PER_UNIT;
  const k = Math.floor(u);
  const w = u - k;
  return (PHI_TABLE[k] as number) * (1 - w) + (PHI_TABLE[k + 1] as number) * w;
}

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
  /** Residents of uninhabitable dwellings: Hazus displacement weights on the damage states (./displacement/hazus-2024.ts). */
  displaced: Float64Array;
}

export function allocateDamageOutput(zones: number): DamageOutput {
  return { residents: new Float64Array(zones * STATES), deaths: new Float64Array(zones), injuries: new Float64Array(zones), seriousInjuries: new Float64Array(zones), displaced: new Float64Array(zones) };
}

/**
 * Expected damage, casualties and displacement per zone for one ground-motion field: residents
 * split by structure class, each class's damage-state probabilities at the zone's PGA (Hazus
 * curves) or intensity (a damage probability matrix, which needs `intensity`), Hazus
 * indoor casualty rates for the people indoors (complete damage split into collapse or not), and
 * the residents of uninhabitable dwellings by Hazus's single- and multi-family weights.
 * Pure over typed arrays; writes into `out` (allocation-free apart from one 5-slot scratch).
 */
export function assessBuildingDamage(model: DamageModel, pgaG: Float64Array, population: Float64Array, out: DamageOutput, intensity?: Float64Array): void {
  const p = new Float64Array(STATES);
  const scratch = new Float64Array(STATES);
  const { matrix, builtBeforeCode } = model;
  if (matrix && !intensity) throw new TypeError(`vulnerability '${model.vulnerability}' is a damage probability matrix: it needs the zones' intensity`);
  const { classes, shares, perOccupant, indoor } = model;
  const { residents } = out;
  for (let z = 0; z < pgaG.length; z++) {
    let deaths = 0;
    let injuries = 0;
    let serious = 0;
    const base = z * STATES;
    for (let s = 0; s < STATES; s++) residents[base + s] = 0;
    for (let c = 0; c < classes; c++) {
      const people = (population[z] as number) * (shares[z * classes + c] as number);
      if (people === 0) continue;
      if (matrix) matrixStateProbabilities(matrix, c, intensity?.[z] as number, builtBeforeCode?.[z * classes + c] ?? 0, p, 0, scratch);
      else damageStateProbabilities(model, c, pgaG[z] as number, p);
      for (let s = 0; s < STATES; s++) residents[base + s] = (residents[base + s] as number) + people * (p[s] as number);
      const occupants = people * indoor;
      for (let s = 1; s < STATES; s++) {
        const n = occupants * (p[s] as number);
        const r = (c * 4 + s - 1) * 3;
        deaths += n * (perOccupant[r] as number);
        injuries += n * (perOccupant[r + 1] as number);
        serious += n * (perOccupant[r + 2] as number);
      }
    }
    out.deaths[z] = deaths;
    out.injuries[z] = injuries;
    out.seriousInjuries[z] = serious;
    out.displaced[z] = displacedResidents(residents, base, model.singleFamilyShare?.[z] ?? 0);
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
