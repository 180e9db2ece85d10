/**
 * Lifeline component fragility: lognormal curves on PGA (g) for the slight, moderate, extensive
 * and complete damage states of the Hazus electric-power classes (FEMA Hazus 5.1 earthquake
 * technical manual, utility systems), as tabulated in NHERI-SimCenter's Damage and Loss Model
 * Library, `seismic/power_network/portfolio/Hazus v5.1/fragility.csv` (commit 43affd2); ESS1 and
 * ESS2 agree with an independent implementation (Kameshwar & Sanderson 2019, Seaside OR study
 * code). Water, gas and telecom facility curves and bridge curves (on Sa(1.0 s), which the
 * ground-motion stage does not compute) are not included until sourced and used.
 *
 * Restoration: Hazus gives the time to restore a component in each damage state as a normal
 * distribution in days. Substations (one function for every voltage class): slight 1 ± 0.5,
 * moderate 3 ± 1.5, extensive 7 ± 3.5, complete 30 ± 15 — as used by the same Seaside study code
 * (22dylan/DamageCodes, `epn/epn_eq/EPN_damage_eq.py`, `define_SS_rep_variables`). No transcription
 * of the generation-plant functions was found, so damaged plants stay out for the whole run.
 */
export interface LifelineFragility {
  hazusClass: string;
  description: string;
  /** Medians (g) and dispersions for slight, moderate, extensive, complete. */
  medians: readonly [number, number, number, number];
  betas: readonly [number, number, number, number];
  /** Days to restore from slight, moderate, extensive, complete damage: normal mean and standard deviation. */
  restorationDays?: { means: readonly [number, number, number, number]; sds: readonly [number, number, number, number] };
}

type Four = readonly [number, number, number, number];
const SUBSTATION_RESTORATION = { means: [1, 3, 7, 30], sds: [0.5, 1.5, 3.5, 15] } as const satisfies LifelineFragility['restorationDays'];

const curve = (hazusClass: string, description: string, pairs: readonly [number, number][], restorationDays?: LifelineFragility['restorationDays']): LifelineFragility => ({
  hazusClass, description,
  medians: pairs.map(([m]) => m) as unknown as Four,
  betas: pairs.map(([, b]) => b) as unknown as Four,
  ...(restorationDays ? { restorationDays } : {}),
});

export const HAZUS_LIFELINE_CLASSES: Record<string, LifelineFragility> = {
  'hazus-ess1': curve('ESS1', 'substation, low voltage, anchored components', [[0.15, 0.7], [0.29, 0.55], [0.45, 0.45], [0.9, 0.45]], SUBSTATION_RESTORATION),
  'hazus-ess2': curve('ESS2', 'substation, low voltage, unanchored components', [[0.13, 0.65], [0.26, 0.5], [0.34, 0.4], [0.74, 0.4]], SUBSTATION_RESTORATION),
  'hazus-ess3': curve('ESS3', 'substation, medium voltage, anchored components', [[0.15, 0.6], [0.25, 0.5], [0.35, 0.4], [0.7, 0.4]], SUBSTATION_RESTORATION),
  'hazus-ess4': curve('ESS4', 'substation, medium voltage, unanchored components', [[0.1, 0.6], [0.2, 0.5], [0.3, 0.4], [0.5, 0.4]], SUBSTATION_RESTORATION),
  'hazus-ess5': curve('ESS5', 'substation, high voltage, anchored components', [[0.11, 0.5], [0.15, 0.45], [0.2, 0.35], [0.47, 0.4]], SUBSTATION_RESTORATION),
  'hazus-ess6': curve('ESS6', 'substation, high voltage, unanchored components', [[0.09, 0.5], [0.13, 0.4], [0.17, 0.35], [0.38, 0.35]], SUBSTATION_RESTORATION),
  'hazus-epp1': curve('EPP1', 'generation plant, small, anchored components', [[0.1, 0.55], [0.21, 0.55], [0.48, 0.5], [0.78, 0.5]]),
  'hazus-epp2': curve('EPP2', 'generation plant, small, unanchored components', [[0.1, 0.5], [0.17, 0.5], [0.42, 0.5], [0.58, 0.55]]),
  'hazus-epp3': curve('EPP3', 'generation plant, medium or large, anchored components', [[0.1, 0.6], [0.25, 0.6], [0.52, 0.55], [0.92, 0.55]]),
  'hazus-epp4': curve('EPP4', 'generation plant, medium or large, unanchored components', [[0.1, 0.6], [0.22, 0.55], [0.49, 0.5], [0.79, 0.5]]),
};
