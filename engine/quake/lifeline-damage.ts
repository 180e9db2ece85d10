/**
 * Earthquake damage to lifeline components: each facility with a fragility class draws its
 * damage state from lognormal curves on the PGA of the zone it stands in, P(DS ≥ k) =
 * Φ(ln(PGA / median_k) / β_k), by inverse CDF on one uniform draw per component; each pipeline
 * draws whether it breaks from its repair rate on the PGV of every zone it runs through. A
 * component in the extensive or complete state (a pipeline: broken) is out of service until
 * repaired (`repairHours`), and the lifeline stage takes it from there: the cascade, the service
 * per zone over time, and the roads evacuees can use.
 */
import type { Rng } from '../parallel/rng.js';
import { phi } from './damage.js';
import type { LifelineNetwork } from '../lifelines/network.js';
import type { ZoneLengths } from '../region/zone-lengths.js';
import { HAZUS_LIFELINE_CLASSES, type LifelineFragility } from './fragility/hazus-lifelines.js';
import { HAZUS_PIPELINE_CLASSES, PIPELINE_BREAK_SHARE, pipelineRepairHours, repairRatePerKm, type PipelineFragility } from './fragility/hazus-pipelines.js';

export interface LifelineDamageModel {
  /** Lifeline component indices that can be damaged: the facilities, then the pipelines. */
  components: Int32Array;
  /** Per facility: the zone it stands in and its curves. */
  zones: Int32Array;
  fragility: LifelineFragility[];
  /** Per pipeline (component `components[fragility.length + j]`): its class and km per zone. */
  pipes: { fragility: PipelineFragility; route: ZoneLengths }[];
}

/** Damage state at or above which a component is out of service (3 = extensive). */
export const OUT_OF_SERVICE_STATE = 3;

export function compileLifelineDamage(network: Pick<LifelineNetwork, 'fragility' | 'zone' | 'pipes'>): LifelineDamageModel {
  const components: number[] = [];
  const at: number[] = [];
  const fragility: LifelineFragility[] = [];
  network.fragility.forEach((c, k) => {
    const curves = c === undefined ? undefined : HAZUS_LIFELINE_CLASSES[c];
    const z = network.zone[k] ?? -1;
    if (!curves || z < 0) return;
    components.push(k);
    at.push(z);
    fragility.push(curves);
  });
  const pipes = network.pipes.flatMap(({ component, route }) => {
    const f = HAZUS_PIPELINE_CLASSES[network.fragility[component] ?? ''];
    if (!f || route.zones.length === 0) return [];
    components.push(component);
    return [{ fragility: f, route }];
  });
  return { components: Int32Array.from(components), zones: Int32Array.from(at), fragility, pipes };
}

/**
 * Hours to restore a component from damage state `state` (1 slight … 4 complete), given a
 * standard normal deviate `z`: its class's restoration function (normal in days) read at z, and
 * at least 0 — the functions put a little probability below zero, which Hazus reads as restored
 * at once. Infinity for classes without a restoration function: they stay out. (Pipelines are
 * mended at a rate per worker: `pipelineRepairHours`.)
 */
export function repairHours(f: LifelineFragility | undefined, state: number, z: number): number {
  if (state <= 0) return 0;
  const days = f?.restorationDays;
  if (!days) return Infinity;
  return 24 * Math.max(0, (days.means[state - 1] as number) + (days.sds[state - 1] as number) * z);
}

/**
 * Hours to repair modelled component i (index into `model.components`) from damage state
 * `state`: a facility by its class's restoration function at deviate `z`, a pipeline by the
 * workers on it at the zones' PGV.
 */
export function componentRepairHours(model: LifelineDamageModel, i: number, state: number, z: number, pgvCmS: Float64Array, pipelineWorkers: number | undefined): number {
  const pipe = model.pipes[i - model.fragility.length];
  if (i < model.fragility.length || !pipe) return repairHours(model.fragility[i], state, z);
  return pipelineRepairHours(PIPELINE_BREAK_SHARE * expectedRepairs(pipe, pgvCmS), pipelineWorkers);
}

/**
 * Damage state (0 none … 4 complete) of each modelled component: facilities at their zone's PGA;
 * pipelines 4 when they break, 2 with leaks only (still in service), 0 without repairs.
 */
export function sampleLifelineDamage(model: LifelineDamageModel, pgaG: Float64Array, pgvCmS: Float64Array, rng: Rng): Uint8Array {
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
  // Pipelines draw after the facilities, so adding them left the facilities' draws as they were.
  model.pipes.forEach((pipe, j) => {
    const repairs = expectedRepairs(pipe, pgvCmS);
    const u = rng.uniform();
    states[model.fragility.length + j] = u < 1 - Math.exp(-PIPELINE_BREAK_SHARE * repairs) ? 4 : u < 1 - Math.exp(-repairs) ? 2 : 0;
  });
  return states;
}

/** Expected repairs along a pipeline: Σ over its zones of the repair rate at the zone's PGV × km. */
export function expectedRepairs(pipe: LifelineDamageModel['pipes'][number], pgvCmS: Float64Array): number {
  let repairs = 0;
  pipe.route.zones.forEach((z, i) => { repairs += repairRatePerKm(pipe.fragility, pgvCmS[z] as number) * (pipe.route.km[i] as number); });
  return repairs;
}
