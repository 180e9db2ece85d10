/**
 * One realization of the chain, stage by stage, each a module with a typed input and output:
 * hazards give fields on the region's assets (shaking per zone, water levels and discharges over
 * time), damage turns them into component down-intervals, lifelines turn outages into service,
 * people turn the loads into plans. This file only wires them.
 */
import { sumOverZoneSets } from '../impact/population-by-circle.js';
import { runDamageStage, type DamageStageInput } from '../damage/damage-stage.js';
import { runFloodRealization, type FloodInput } from '../flood/river/flood-stage.js';
import { runLifelineStage, type LifelineStageInput } from '../lifelines/lifeline-stage.js';
import type { ChunkMetrics, RealizationChunk } from '../parallel/ensemble.js';
import type { MetricSink } from '../parallel/metric-sink.js';
import { createRng } from '../parallel/rng.js';
import { peopleLoads, runPeopleStage, type PeopleStageInput } from '../people/people-stage.js';
import { runQuakeStage, type QuakeStageInput } from '../quake/quake-stage.js';

/**
 * Everything one realization needs, as plain data that crosses into a worker cheaply. Each stage
 * is present when the scenario needs it.
 */
export interface RealizationInput {
  zoneIds: string[];
  zonePopulation: Float64Array;
  circles: { id: string; members: Int32Array }[];
  /** The earthquakes, when the scenario has any. */
  quake?: QuakeStageInput;
  /** The river-system flood, when the scenario has rainfall or design floods. */
  flood?: FloodInput;
  /** Component outages by cause, and the lifeline service they leave, when anything can cut a component. */
  damage?: DamageStageInput;
  lifelines?: LifelineStageInput;
  /** Displacement, evacuation and mutual aid, when the scenario has hazards. */
  people?: PeopleStageInput;
}

export function runRealization(input: RealizationInput, seed: number, realization: number, sink: MetricSink): void {
  let total = 0;
  for (const p of input.zonePopulation) total += p;
  sink.scalar('population.total', total);
  const byCircle = sumOverZoneSets(input.zonePopulation, input.circles);
  input.circles.forEach((c, i) => sink.scalar(`population.circle.${c.id}`, byCircle[i] as number));
  const quake = input.quake ? runQuakeStage(input.quake, seed, realization, sink) : undefined;
  const flood = input.flood ? runFloodRealization(input.flood, createRng(seed, realization, 'flood'), sink) : undefined;
  const damage = input.damage ? runDamageStage(input.damage, { ...(quake ? { quake } : {}), ...(flood ? { flood } : {}) }, seed, realization, sink) : undefined;
  const lifelines = input.lifelines ? runLifelineStage(input.lifelines, damage?.outages ?? [], input.zonePopulation, sink, damage?.localCut) : undefined;
  if (!input.people) return;
  const hazards = { ...(quake ? { quake } : {}), ...(flood ? { flood } : {}), ...(lifelines ? { lifelines } : {}), ...(damage ? { roadsClosed: damage.roadLinksClosed, ...(damage.roadWater ? { roadWater: damage.roadWater } : {}) } : {}) };
  runPeopleStage(input.people, peopleLoads(input.people, hazards), sink);
}

/** A chunk of consecutive realizations, as a worker runs it: each metric one array, realization-major. */
export function runRealizationChunk(chunk: RealizationChunk<RealizationInput>): ChunkMetrics {
  const out: ChunkMetrics = {};
  // Each name has one width (1 for scalars) throughout; using one name two ways would overwrite data.
  const widths = new Map<string, number>();
  const claim = (name: string, width: number): void => {
    const previous = widths.get(name);
    if (previous === undefined) widths.set(name, width);
    else if (previous !== width) throw new Error(`metric '${name}' is used with widths ${previous} and ${width}`);
  };
  for (let k = 0; k < chunk.count; k++) {
    runRealization(chunk.input, chunk.seed, chunk.from + k, {
      scalar: (name, value) => {
        claim(name, 0);
        (out[name] ??= new Float64Array(chunk.count))[k] = value;
      },
      field: (name, width) => {
        claim(name, width);
        return (out[name] ??= new Float64Array(chunk.count * width)).subarray(k * width, (k + 1) * width);
      },
    });
  }
  return out;
}
