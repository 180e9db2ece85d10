/**
 * Lifeline components an earthquake puts out of service in one realization: damage states drawn
 * from the fragility model (stream `lifeline-damage`), and for those in the extensive or complete
 * state (a pipeline: broken) the repair each needs, drawn from its class's restoration function
 * (stream `lifeline-repair`, so adding restoration left the damage draws as they were).
 */
import type { MetricSink } from '../parallel/metric-sink.js';
import { createRng } from '../parallel/rng.js';
import type { Repair } from '../lifelines/restoration.js';
import { componentRepairHours, OUT_OF_SERVICE_STATE, sampleLifelineDamage, type LifelineDamageModel } from '../quake/lifeline-damage.js';
import type { QuakeLoads } from '../quake/quake-stage.js';

export interface QuakeDamageInput {
  model: LifelineDamageModel;
  /** When the earthquake strikes: damage starts then, and so can repairs. */
  atH: number;
  /** Workers on each broken pipeline (scenario `restoration.pipelineWorkers`); without them pipelines stay broken. */
  pipelineWorkers?: number;
}

/** The repairs the earthquake leaves; writes which modelled components went out (`lifelines.componentOutOfService`). */
export function quakeRepairs(input: QuakeDamageInput, systems: readonly string[], quake: QuakeLoads, seed: number, realization: number, sink: MetricSink): Repair[] {
  const { model } = input;
  const states = sampleLifelineDamage(model, quake, createRng(seed, realization, 'lifeline-damage'));
  const repairRng = createRng(seed, realization, 'lifeline-repair');
  const out = sink.field('lifelines.componentOutOfService', states.length);
  const repairs: Repair[] = [];
  states.forEach((state, i) => {
    const z = repairRng.normal();
    if (state < OUT_OF_SERVICE_STATE) return;
    out[i] = 1;
    const component = model.components[i] as number;
    repairs.push({ component, system: systems[component] as string, durationH: componentRepairHours(model, i, state, z, quake.pgvCmS, input.pipelineWorkers), readyAtH: input.atH });
  });
  sink.scalar('lifelines.componentsOutOfService', repairs.length);
  return repairs;
}
