/**
 * Lifeline component fragility: lognormal curves on PGA (g) for the slight, moderate, extensive
 * and complete damage states of the Hazus electric-power classes (FEMA Hazus 5.1 earthquake
 * technical manual, utility systems), as tabulated in NHERI-SimCenter's Damage and Loss Model
 * Library, `seismic/power_network/portfolio/Hazus v5.1/fragility.csv` (commit 43affd2); ESS1 and
 * ESS2 agree with an independent implementation (Kameshwar & Sanderson 2019, Seaside OR study
 * code). Water treatment plants (PWT1–6, by size: small < 50, medium 50–200, large > 200 million
 * US gallons a day, i.e. < 189,000, to 757,000, > 757,000 m³/d) and pumping plants (PPP1–4: small
 * < 10 MGD, medium/large) are Hazus-MH 2.1's (technical manual, potable water system, pp. 394–399)
 * as transcribed in an Rt infrastructure-model source (RWaterTreatmentFacilityModel.cpp,
 * RWaterPumpStationModel.cpp; repository not resolvable in our index), whose small-plant curves
 * and restoration functions equal, value for value, those of the independently sourced Seaside
 * study code (22dylan/DamageCodes `water/water_eq/water_damage_eq.py`, commit 369eaa43). Gas and
 * telecom facility curves and bridge curves (on Sa(1.0 s)) are not included until sourced and used.
 *
 * Restoration: Hazus gives the time to restore a component in each damage state as a normal
 * distribution in days. Substations (one function for every voltage class): slight 1 ± 0.5,
 * moderate 3 ± 1.5, extensive 7 ± 3.5, complete 30 ± 15 — as used by the same Seaside study code
 * (22dylan/DamageCodes, `epn/epn_eq/EPN_damage_eq.py`, `define_SS_rep_variables`). No transcription
 * of the generation-plant functions was found, so damaged plants stay out for the whole run.
 * Water treatment plants: 0.9 ± 0.3, 1.9 ± 1.2, 32 ± 31, 95 ± 65; pumping plants: 0.9 ± 0.3,
 * 3.1 ± 2.7, 13.5 ± 10, 35 ± 18 (Hazus-MH 2.1, both sources above).
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
const TREATMENT_PLANT_RESTORATION = { means: [0.9, 1.9, 32, 95], sds: [0.3, 1.2, 31, 65] } as const satisfies LifelineFragility['restorationDays'];
const PUMPING_PLANT_RESTORATION = { means: [0.9, 3.1, 13.5, 35], sds: [0.3, 2.7, 10, 18] } as const satisfies LifelineFragility['restorationDays'];

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
  'hazus-pwt1': curve('PWT1', 'water treatment plant, small (< 50 MGD), anchored components', [[0.25, 0.5], [0.38, 0.5], [0.53, 0.6], [0.83, 0.6]], TREATMENT_PLANT_RESTORATION),
  'hazus-pwt2': curve('PWT2', 'water treatment plant, small (< 50 MGD), unanchored components', [[0.16, 0.4], [0.27, 0.4], [0.53, 0.6], [0.83, 0.6]], TREATMENT_PLANT_RESTORATION),
  'hazus-pwt3': curve('PWT3', 'water treatment plant, medium (50–200 MGD), anchored components', [[0.37, 0.4], [0.52, 0.4], [0.73, 0.5], [1.28, 0.5]], TREATMENT_PLANT_RESTORATION),
  'hazus-pwt4': curve('PWT4', 'water treatment plant, medium (50–200 MGD), unanchored components', [[0.2, 0.4], [0.35, 0.4], [0.75, 0.5], [1.28, 0.5]], TREATMENT_PLANT_RESTORATION),
  'hazus-pwt5': curve('PWT5', 'water treatment plant, large (> 200 MGD), anchored components', [[0.44, 0.4], [0.58, 0.4], [0.87, 0.45], [1.57, 0.45]], TREATMENT_PLANT_RESTORATION),
  'hazus-pwt6': curve('PWT6', 'water treatment plant, large (> 200 MGD), unanchored components', [[0.22, 0.4], [0.35, 0.4], [0.87, 0.45], [1.57, 0.45]], TREATMENT_PLANT_RESTORATION),
  'hazus-ppp1': curve('PPP1', 'pumping plant, small (< 10 MGD), anchored components', [[0.15, 0.7], [0.36, 0.65], [0.66, 0.65], [1.5, 0.8]], PUMPING_PLANT_RESTORATION),
  'hazus-ppp2': curve('PPP2', 'pumping plant, small (< 10 MGD), unanchored components', [[0.13, 0.6], [0.28, 0.5], [0.66, 0.65], [1.5, 0.8]], PUMPING_PLANT_RESTORATION),
  'hazus-ppp3': curve('PPP3', 'pumping plant, medium or large, anchored components', [[0.15, 0.75], [0.36, 0.65], [0.77, 0.65], [1.5, 0.8]], PUMPING_PLANT_RESTORATION),
  'hazus-ppp4': curve('PPP4', 'pumping plant, medium or large, unanchored components', [[0.13, 0.6], [0.28, 0.5], [0.77, 0.65], [1.5, 0.8]], PUMPING_PLANT_RESTORATION),
};
