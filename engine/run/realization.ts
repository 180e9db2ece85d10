import { sumOverZoneSets } from '../impact/population-by-circle.js';
import type { ChunkMetrics, RealizationChunk } from '../parallel/ensemble.js';
import { createRng } from '../parallel/rng.js';
import { assessBuildingDamage, STATES, type DamageModel } from '../quake/damage.js';
import { sampleQuakeField, type QuakeField } from '../quake/ground-motion.js';
import { instrumentalIntensity } from '../quake/intensity/gb-t-17742-2020.js';
import { runFloodRealization, type FloodInput } from '../flood/river/flood-stage.js';
import { cascadeFailures } from '../lifelines/cascade.js';
import type { LifelineNetwork } from '../lifelines/network.js';
import { aliveAt, unservedFractions } from '../lifelines/service.js';

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
  /** The river-system flood, when the scenario has rainfall. */
  flood?: FloodInput;
  /** Lifeline outages: components cut and when, the network, and the time service is assessed at. */
  lifelines?: LifelineInput;
}

export interface LifelineInput {
  network: LifelineNetwork;
  /** [component, hours] of each deliberate cut. */
  cuts: [number, number][];
  horizonH: number;
}

/** Where a realization writes: scalar metrics by name, and fields (per zone, per node, …) filled in place. */
export interface RealizationSink {
  scalar(name: string, value: number): void;
  /** A zero-filled array of `width` slots (zones, nodes, …), to fill for this realization. */
  field(name: string, width: number): Float64Array;
}

/**
 * PGA thresholds for exposure counts: the design accelerations GB 50011-2010 (Table 3.2.2) pairs
 * with fortification intensities VI, VII, VIII and IX.
 */
export const PGA_BANDS_G = [0.05, 0.1, 0.2, 0.4] as const;
/** Intensity degrees for exposure counts; a zone counts at degree d when its intensity rounds to d or more. */
export const INTENSITY_BANDS = [6, 7, 8, 9, 10] as const;
export const DAMAGE_STATE_NAMES = ['none', 'slight', 'moderate', 'extensive', 'complete'] as const;

/**
 * One realization of the chain: the exposure baseline (population by circle) and, for each
 * earthquake, a ground-motion field drawn from stream `quake-<k>` of (seed, realization), then
 * building damage on the combined field (the largest motion per zone).
 */
export function runRealization(input: RealizationInput, seed: number, realization: number, sink: RealizationSink): void {
  let total = 0;
  for (const p of input.zonePopulation) total += p;
  sink.scalar('population.total', total);
  const byCircle = sumOverZoneSets(input.zonePopulation, input.circles);
  input.circles.forEach((c, i) => sink.scalar(`population.circle.${c.id}`, byCircle[i] as number));
  if (input.quakes.length > 0) runQuake(input, seed, realization, sink);
  if (input.flood) runFloodRealization(input.flood, sink);
  if (input.lifelines) runLifelines(input.lifelines, input.zonePopulation, sink);
}

/** Cuts, then the cascade between systems, then each system's service to the zones at the horizon. */
function runLifelines(input: LifelineInput, population: Float64Array, sink: RealizationSink): void {
  const { network } = input;
  const { failsAtH } = cascadeFailures(network.ids.length, network.dependsOn, new Map(input.cuts));
  const alive = aliveAt(network, failsAtH, input.horizonH);
  for (const system of network.bySystem) {
    const unserved = unservedFractions(system, alive, population);
    sink.field(`zone.lifelines.${system.system}.unservedFraction`, population.length).set(unserved);
    let people = 0;
    unserved.forEach((f, z) => { if (!Number.isNaN(f)) people += f * (population[z] as number); });
    sink.scalar(`lifelines.${system.system}.unservedPopulation`, people);
  }
}

function runQuake(input: RealizationInput, seed: number, realization: number, sink: RealizationSink): void {
  const n = input.zonePopulation.length;
  const zoneField = (name: string): Float64Array => sink.field(name, n);
  const pga = zoneField('zone.quake.pgaG');
  const pgv = zoneField('zone.quake.pgvCmS');
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
  const intensity = zoneField('zone.quake.intensity');
  for (let z = 0; z < n; z++) intensity[z] = instrumentalIntensity(pga[z] as number, pgv[z] as number);
  for (const degree of INTENSITY_BANDS) {
    let exposed = 0;
    for (let z = 0; z < n; z++) if ((intensity[z] as number) >= degree - 0.5) exposed += input.zonePopulation[z] as number;
    sink.scalar(`quake.populationAtIntensity.${degree}`, exposed);
  }
  for (const band of PGA_BANDS_G) {
    let exposed = 0;
    for (let z = 0; z < n; z++) if ((pga[z] as number) >= band) exposed += input.zonePopulation[z] as number;
    sink.scalar(`quake.populationAtPga.${band.toFixed(2)}g`, exposed);
  }
  if (!input.damage) return;
  const damage = {
    residents: new Float64Array(n * STATES),
    deaths: zoneField('zone.quake.deaths'),
    injuries: zoneField('zone.quake.injuries'),
    seriousInjuries: zoneField('zone.quake.seriousInjuries'),
    displaced: zoneField('zone.quake.displaced'),
  };
  assessBuildingDamage(input.damage, pga, input.zonePopulation, damage);
  const sum = (xs: Float64Array): number => xs.reduce((a, b) => a + b, 0);
  sink.scalar('quake.deaths', sum(damage.deaths));
  sink.scalar('quake.injuries', sum(damage.injuries));
  sink.scalar('quake.seriousInjuries', sum(damage.seriousInjuries));
  sink.scalar('quake.displaced', sum(damage.displaced));
  DAMAGE_STATE_NAMES.forEach((state, s) => {
    let residents = 0;
    for (let z = 0; z < n; z++) residents += damage.residents[z * STATES + s] as number;
    sink.scalar(`quake.residentsInDamageState.${state}`, residents);
  });
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
