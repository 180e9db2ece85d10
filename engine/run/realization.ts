import { sumOverZoneSets } from '../impact/population-by-circle.js';
import type { ChunkMetrics, RealizationChunk } from '../parallel/ensemble.js';
import type { Hazard } from '../scenario/schema.js';

/**
 * Everything one realization needs, as plain data that crosses into a worker cheaply.
 * Hazard stages (flood, earthquake, lifelines, people) add their compiled inputs here.
 */
export interface RealizationInput {
  hazards: Hazard[];
  zonePopulation: Float64Array;
  circles: { id: string; members: Int32Array }[];
}

/**
 * One realization of the chain. Today the chain is the exposure baseline (population by circle);
 * each hazard model adds its stage here, drawing from `createRng(seed, realization, stream)`.
 */
export function runRealization(input: RealizationInput, _seed: number, _realization: number): Record<string, number> {
  const metrics: Record<string, number> = {};
  let total = 0;
  for (const p of input.zonePopulation) total += p;
  metrics['population.total'] = total;
  const byCircle = sumOverZoneSets(input.zonePopulation, input.circles);
  input.circles.forEach((c, i) => { metrics[`population.circle.${c.id}`] = byCircle[i] as number; });
  return metrics;
}

/** A chunk of consecutive realizations, as a worker runs it. */
export function runRealizationChunk(chunk: RealizationChunk<RealizationInput>): ChunkMetrics {
  const out: ChunkMetrics = {};
  for (let k = 0; k < chunk.count; k++) {
    const metrics = runRealization(chunk.input, chunk.seed, chunk.from + k);
    for (const [name, value] of Object.entries(metrics)) (out[name] ??= new Float64Array(chunk.count))[k] = value;
  }
  return out;
}
