/**
 * Building damage and casualty parameters from Hazus (FEMA, Hazus-MH earthquake technical
 * manual): the equivalent-PGA structural fragility curves (Table 5.16a–d) and the indoor
 * casualty rates by damage state (Tables 13.3–13.7). Values as published in two machine-readable
 * copies that agree (NHERI-SimCenter pelicun `HAZUS_MH_5.1_EQ/hazus_data_eq.json` and USGS
 * ShakeCast V3 Appendix E). Dispersion β = 0.64 for every curve, as ShakeCast lists it (pelicun
 * uses 0.4; a sensitivity case worth running).
 */
export const DAMAGE_STATES = ['slight', 'moderate', 'extensive', 'complete'] as const;
export const HAZUS_PGA_BETA = 0.64;

export interface HazusClass {
  id: string;
  description: string;
  /** Median PGA (g) for slight, moderate, extensive, complete damage. */
  medianPgaG: [number, number, number, number];
  /** Fraction of completely damaged buildings that collapse. */
  collapseGivenComplete: number;
  /**
   * Indoor casualty rates (fraction of occupants) for severity 1–3 (injuries, rising severity)
   * and 4 (death), per state: slight, moderate, extensive, complete without collapse, collapse.
   */
  casualtyRates: [number, number, number, number][];
}

const C_RATES: [number, number, number, number][] = [
  [0.0005, 0, 0, 0], [0.0025, 0.0003, 0, 0], [0.01, 0.001, 0.00001, 0.00001], [0.05, 0.01, 0.0001, 0.0001], [0.4, 0.2, 0.05, 0.1],
];
const RM_RATES: [number, number, number, number][] = [
  [0.0005, 0, 0, 0], [0.002, 0.00025, 0, 0], [0.01, 0.001, 0.00001, 0.00001], [0.05, 0.01, 0.0001, 0.0001], [0.4, 0.2, 0.05, 0.1],
];
const URM_RATES: [number, number, number, number][] = [
  [0.0005, 0, 0, 0], [0.0035, 0.004, 0.00001, 0.00001], [0.02, 0.002, 0.00002, 0.00002], [0.1, 0.02, 0.0002, 0.0002], [0.4, 0.2, 0.05, 0.1],
];

export const HAZUS_CLASSES: Record<string, HazusClass> = {
  'C1M-moderate': { id: 'C1M-moderate', description: 'concrete moment frame, mid-rise, moderate code', medianPgaG: [0.13, 0.21, 0.49, 0.89], collapseGivenComplete: 0.1, casualtyRates: C_RATES },
  'C1L-low': { id: 'C1L-low', description: 'concrete moment frame, low-rise, low code', medianPgaG: [0.12, 0.15, 0.27, 0.45], collapseGivenComplete: 0.13, casualtyRates: C_RATES },
  'RM1L-low': { id: 'RM1L-low', description: 'reinforced masonry with flexible diaphragms, low-rise, low code', medianPgaG: [0.16, 0.2, 0.29, 0.54], collapseGivenComplete: 0.13, casualtyRates: RM_RATES },
  'URMM-low': { id: 'URMM-low', description: 'unreinforced masonry bearing walls, mid-rise, low code', medianPgaG: [0.1, 0.16, 0.27, 0.46], collapseGivenComplete: 0.15, casualtyRates: URM_RATES },
  'URML-pre': { id: 'URML-pre', description: 'unreinforced masonry bearing walls, low-rise, pre-code', medianPgaG: [0.13, 0.17, 0.26, 0.37], collapseGivenComplete: 0.15, casualtyRates: URM_RATES },
};
