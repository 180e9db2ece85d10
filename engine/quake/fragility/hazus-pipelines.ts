/**
 * Buried pipelines under seismic wave propagation, the Hazus method (FEMA Hazus earthquake
 * technical manual, utility systems): repairs per km RR = 0.0001 · PGV^2.25 (PGV in cm/s) for
 * brittle pipe, 0.3 times that for ductile pipe; 20 % of the repairs that shaking causes are
 * breaks and 80 % leaks. As implemented by OpenSRA (Slate Geotechnical, repair-rate module,
 * `Hazus2014`, and `assess_pipe_Hazus`) and encoded per 20-ft segment in NHERI-SimCenter pelicun's
 * `damage_DB_Hazus_EQ_water.csv` (PWP.B.GS / PWP.D.GS): at PGV = 100 cm/s its brittle segment
 * fails with 0.0193, which is 3.16 repairs/km × 0.0061 km.
 *
 * Repairs along a pipe are taken as a Poisson process (the usual reading of a repair rate), so a
 * pipe of length L breaks somewhere with probability 1 − exp(−0.2 Σ RR·L). A break cuts the pipe
 * (a transmission line carries nothing past it); leaks alone leave it in service. Materials map
 * to the two classes as in NHERI-SimCenter's Damage and Loss Model Library (Hazus v6.1 water
 * network `pelicun_config.py`): cast iron, asbestos cement, reinforced concrete and pre-1935
 * steel brittle; ductile iron, PVC and later steel ductile.
 */
export interface PipelineFragility {
  hazusClass: string;
  description: string;
  /** Multiplier on the brittle repair rate. */
  factor: number;
}

export const PIPELINE_BREAK_SHARE = 0.2;

export const HAZUS_PIPELINE_CLASSES: Record<string, PipelineFragility> = {
  'hazus-pipe-brittle': { hazusClass: 'PWP1', description: 'brittle pipe (cast iron, asbestos cement, concrete)', factor: 1 },
  'hazus-pipe-ductile': { hazusClass: 'PWP2', description: 'ductile pipe (welded steel, ductile iron, PVC)', factor: 0.3 },
};

/** Repairs per km of pipe of the class at peak ground velocity `pgvCmS` (cm/s). */
export function repairRatePerKm(f: PipelineFragility, pgvCmS: number): number {
  return pgvCmS > 0 ? f.factor * 1e-4 * pgvCmS ** 2.25 : 0;
}

/**
 * Breaks one worker mends per day on pipes over 20 in: Hazus' pipeline restoration rate (16-hour
 * shifts), as coded in 22dylan/DamageCodes `water/water_eq/water_damage_eq.py` (commit 369eaa43,
 * `wpipe_brep_rate`, with leaks at twice the rate) and IN-CORE pyincore's Hazus pipe restoration
 * set. Every pipeline link in the capital pack is over 20 in where its diameter is known.
 */
export const BREAKS_PER_WORKER_DAY = 0.33;

/**
 * Hours to mend a broken pipeline with `expectedBreaks` (λ, the Poisson mean of its breaks) and
 * `workers` on it: the breaks it has given that it broke, E[N | N ≥ 1] = λ / (1 − e^−λ), at the
 * Hazus rate; Infinity without workers. Leaks are left for later: they do not stop the flow.
 */
export function pipelineRepairHours(expectedBreaks: number, workers: number | undefined): number {
  if (workers === undefined || !(expectedBreaks > 0)) return Infinity;
  const breaks = expectedBreaks / -Math.expm1(-expectedBreaks);
  return (24 * breaks) / (BREAKS_PER_WORKER_DAY * workers);
}
