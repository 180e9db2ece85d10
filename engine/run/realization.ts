import { sumOverZoneSets } from '../impact/population-by-circle.js';
import type { ChunkMetrics, RealizationChunk } from '../parallel/ensemble.js';
import { createRng } from '../parallel/rng.js';
import { allocateDamageOutput, assessBuildingDamage, type DamageModel } from '../quake/damage.js';
import { sampleQuakeField, type QuakeField } from '../quake/ground-motion.js';

/**
 * Everything one realization needs, as plain data that crosses into a worker cheaply.
 * Hazard stages add their compiled inputs here.
 */
export interface RealizationInput {
  zoneIds: string[];
  zonePopulation: Float64Array;
  circles: { id: string; members: Int32Array }[];
  quakes: QuakeField[];
  /** Building fragility over the region's exposure; absent when the pack has no exposure. */
  damage?: DamageModel;
}

/**
 * PGA thresholds for exposure counts: the design accelerations GB 50011-2010 (Table 3.2.2) pairs
 * with fortification intensities VI, VII, VIII and IX.
 */
export const PGA_BANDS_G = [0.05, 0.1, 0.2, 0.4] as const;

/**
 * One realization of the chain: the exposure baseline (population by circle) and, for each
 * earthquake, a ground-motion field drawn from stream `quake-<k>` of (seed, realization).
 * Several earthquakes combine by the largest motion per zone.
 */
export function runRealization(input: RealizationInput, seed: number, realization: number): Record<string, number> {
  const metrics: Record<string, number> = {};
  let total = 0;
  for (const p of input.zonePopulation) total += p;
  metrics['population.total'] = total;
  const byCircle = sumOverZoneSets(input.zonePopulation, input.circles);
  input.circles.forEach((c, i) => { metrics[`population.circle.${c.id}`] = byCircle[i] as number; });

  if (input.quakes.length > 0) {
    const n = input.zonePopulation.length;
    const pga = new Float64Array(n);
    const pgv = new Float64Array(n);
    const onePga = new Float64Array(n);
    const onePgv = new Float64Array(n);
    const scratch = { eps: new Float64Array(n), z: new Float64Array(n) };
    input.quakes.forEach((field, k) => {
      sampleQuakeField(field, createRng(seed, realization, `quake-${k}`), onePga, onePgv, scratch);
      for (let z = 0; z < n; z++) {
        if ((onePga[z] as number) > (pga[z] as number)) pga[z] = onePga[z] as number;
        if ((onePgv[z] as number) > (pgv[z] as number)) pgv[z] = onePgv[z] as number;
      }
    });
    input.zoneIds.forEach((id, z) => {
      metrics[`quake.zone.${id}.pgaG`] = pga[z] as number;
      metrics[`quake.zone.${id}.pgvCmS`] = pgv[z] as number;
    });
    if (input.damage) {
      const damage = allocateDamageOutput(n);
      assessBuildingDamage(input.damage, pga, input.zonePopulation, damage);
      let deaths = 0;
      let injuries = 0;
      let serious = 0;
      let displaced = 0;
      input.zoneIds.forEach((id, z) => {
        metrics[`quake.zone.${id}.deaths`] = damage.deaths[z] as number;
        metrics[`quake.zone.${id}.injuries`] = damage.injuries[z] as number;
        metrics[`quake.zone.${id}.seriousInjuries`] = damage.seriousInjuries[z] as number;
        metrics[`quake.zone.${id}.displaced`] = damage.displaced[z] as number;
        deaths += damage.deaths[z] as number;
        injuries += damage.injuries[z] as number;
        serious += damage.seriousInjuries[z] as number;
        displaced += damage.displaced[z] as number;
      });
      metrics['quake.deaths'] = deaths;
      metrics['quake.injuries'] = injuries;
      metrics['quake.seriousInjuries'] = serious;
      metrics['quake.displaced'] = displaced;
      for (let s = 0; s < 5; s++) {
        let residents = 0;
        for (let z = 0; z < n; z++) residents += damage.residents[z * 5 + s] as number;
        metrics[`quake.residentsInDamageState.${['none', 'slight', 'moderate', 'extensive', 'complete'][s] as string}`] = residents;
      }
    }
    for (const band of PGA_BANDS_G) {
      let exposed = 0;
      for (let z = 0; z < n; z++) if ((pga[z] as number) >= band) exposed += input.zonePopulation[z] as number;
      metrics[`quake.populationAtPga.${band.toFixed(2)}g`] = exposed;
    }
  }
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
