/**
 * Earthquake damage to lifeline components: each facility with a fragility class draws its
 * damage state from lognormal curves on the PGA of the zone it stands in, P(DS ≥ k) =
 * Φ(ln(PGA / median_k) / β_k), by inverse CDF on one uniform draw per component; each pipeline
 * draws whether it breaks from its repair rate on the PGV of every zone it runs through; each
 * bridged road or rail link draws its bridge's state from curves on Sa(1.0 s) in the worst-shaken
 * zone along the link (a viaduct is cut where it is shaken hardest; Sa from the zoning spectrum,
 * see spectral-shape.ts). A component in the extensive or complete state (a pipeline: broken) is
 * out of service until repaired (`repairHours`), and the lifeline stage takes it from there: the
 * cascade, the service per zone over time, and the roads evacuees can use.
 */
import type { Rng } from '../parallel/rng.js';
import { phi } from './damage.js';
import type { LifelineNetwork } from '../lifelines/network.js';
import type { ZoneLengths } from '../region/zone-lengths.js';
import { bridgeMedians, HAZUS_BRIDGE_CLASSES, type BridgeFragility } from './fragility/hazus-bridges.js';
import { HAZUS_LIFELINE_CLASSES, type LifelineFragility } from './fragility/hazus-lifelines.js';
import type { ZoneShaking } from './ground-motion.js';
import { HAZUS_PIPELINE_CLASSES, PIPELINE_BREAK_SHARE, pipelineRepairHours, repairRatePerKm, type PipelineFragility } from './fragility/hazus-pipelines.js';

export interface LifelineDamageModel {
  /** Lifeline component indices that can be damaged: the facilities, then the pipelines, then the bridges. */
  components: Int32Array;
  /** Per facility: the zone it stands in and its curves. */
  zones: Int32Array;
  fragility: LifelineFragility[];
  /** Per pipeline (component `components[fragility.length + j]`): its class and km per zone. */
  pipes: { fragility: PipelineFragility; route: ZoneLengths }[];
  /** Per bridged link (component `components[fragility.length + pipes.length + j]`): its class, spans, skew and the zones it crosses. */
  bridges: ModelledBridge[];
}

export interface ModelledBridge {
  fragility: BridgeFragility;
  spans: number;
  skewDeg: number;
  zones: number[];
}

/** Damage state at or above which a component is out of service (3 = extensive). */
export const OUT_OF_SERVICE_STATE = 3;

export function compileLifelineDamage(network: Pick<LifelineNetwork, 'fragility' | 'zone' | 'routes' | 'bridges'>): LifelineDamageModel {
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
  const pipes = network.routes.flatMap(({ component, route }) => {
    const f = HAZUS_PIPELINE_CLASSES[network.fragility[component] ?? ''];
    if (!f || route.zones.length === 0) return [];
    components.push(component);
    return [{ fragility: f, route }];
  });
  const bridges = network.bridges.flatMap(({ component, spans, skewDeg }) => {
    const f = HAZUS_BRIDGE_CLASSES[network.fragility[component] ?? ''];
    const zones = network.routes.find((r) => r.component === component)?.route.zones ?? [];
    if (!f || zones.length === 0) return [];
    components.push(component);
    return [{ fragility: f, spans, skewDeg, zones }];
  });
  return { components: Int32Array.from(components), zones: Int32Array.from(at), fragility, pipes, bridges };
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
 * `state`: a facility or bridge by its class's restoration function at deviate `z`, a pipeline by
 * the workers on it at the zones' PGV.
 */
export function componentRepairHours(model: LifelineDamageModel, i: number, state: number, z: number, pgvCmS: Float64Array, pipelineWorkers: number | undefined): number {
  const facilities = model.fragility.length;
  const pipe = model.pipes[i - facilities];
  if (i < facilities) return repairHours(model.fragility[i], state, z);
  if (!pipe) return repairHours(model.bridges[i - facilities - model.pipes.length]?.fragility, state, z);
  return pipelineRepairHours(PIPELINE_BREAK_SHARE * expectedRepairs(pipe, pgvCmS), pipelineWorkers);
}

/** The highest damage state k (0 … 4) whose exceedance probability Φ(ln(x / median_k) / β_k) is above the uniform draw u. */
function drawState(x: number, medians: readonly number[], betas: readonly number[], u: number): number {
  let state = 0;
  // P(DS ≥ k) falls with k: the state is the highest k whose exceedance probability exceeds u.
  for (let k = 0; k < 4; k++) {
    const exceed = x > 0 ? phi(Math.log(x / (medians[k] as number)) / (betas[k] as number)) : 0;
    if (u < exceed) state = k + 1;
  }
  return state;
}

/**
 * Damage state (0 none … 4 complete) of each modelled component: facilities at their zone's PGA;
 * pipelines 4 when they break, 2 with leaks only (still in service), 0 without repairs; bridges
 * at the Sa(1.0 s) of the worst-shaken zone they cross.
 */
export function sampleLifelineDamage(model: LifelineDamageModel, shaking: Pick<ZoneShaking, 'pgaG' | 'pgvCmS' | 'sa03G' | 'sa10G'>, rng: Rng): Uint8Array {
  const { pgaG, pgvCmS, sa03G, sa10G } = shaking;
  const states = new Uint8Array(model.components.length);
  model.fragility.forEach((f, i) => {
    states[i] = drawState(pgaG[model.zones[i] as number] as number, f.medians, f.betas, rng.uniform());
  });
  // Pipelines, then bridges, draw after the facilities, so adding them left earlier draws as they were.
  model.pipes.forEach((pipe, j) => {
    const repairs = expectedRepairs(pipe, pgvCmS);
    const u = rng.uniform();
    states[model.fragility.length + j] = u < 1 - Math.exp(-PIPELINE_BREAK_SHARE * repairs) ? 4 : u < 1 - Math.exp(-repairs) ? 2 : 0;
  });
  const firstBridge = model.fragility.length + model.pipes.length;
  model.bridges.forEach((b, j) => {
    let worst = b.zones[0] as number;
    for (const z of b.zones) if ((sa10G[z] as number) > (sa10G[worst] as number)) worst = z;
    const sa10 = sa10G[worst] as number;
    const medians = bridgeMedians(b.fragility, b.spans, b.skewDeg, sa03G[worst] as number, sa10);
    states[firstBridge + j] = drawState(sa10, medians, b.fragility.betas, rng.uniform());
  });
  return states;
}

/** Expected repairs along a pipeline: Σ over its zones of the repair rate at the zone's PGV × km. */
export function expectedRepairs(pipe: LifelineDamageModel['pipes'][number], pgvCmS: Float64Array): number {
  let repairs = 0;
  pipe.route.zones.forEach((z, i) => { repairs += repairRatePerKm(pipe.fragility, pgvCmS[z] as number) * (pipe.route.km[i] as number); });
  return repairs;
}
