import { sumOverZoneSets } from '../impact/population-by-circle.js';
import type { ChunkMetrics, RealizationChunk } from '../parallel/ensemble.js';
import { createRng } from '../parallel/rng.js';
import { assessBuildingDamage, STATES, type DamageModel } from '../quake/damage.js';
import { sampleQuakeField, type QuakeField, type ZoneShaking } from '../quake/ground-motion.js';
import { runFloodRealization, type FloodInput, type FloodLoads } from '../flood/river/flood-stage.js';
import type { LifelineNetwork } from '../lifelines/network.js';
import { outageTimeline, scheduleRepairs, stateAt, type Outage } from '../lifelines/restoration.js';
import { OUTAGE_DURATIONS_H, residentsUnserved, serviceOverHorizon, unservedFractions } from '../lifelines/service.js';
import { planPeople, type PeopleInput, type PeopleLoads } from '../people/people-stage.js';
import { componentRepairHours, OUT_OF_SERVICE_STATE, sampleLifelineDamage, type LifelineDamageModel } from '../quake/lifeline-damage.js';

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
  /** Displacement, evacuation and mutual aid, when the scenario has hazards. */
  people?: PeopleStageInput;
}

export interface PeopleStageInput extends PeopleInput {
  /** Zone index of each detention basin of the flood network (−1: none given), and its residents. */
  basinZone: Int32Array;
  basinResidents: Float64Array;
}

export interface LifelineInput {
  network: LifelineNetwork;
  /** The deliberate outages (scenario `outage` hazards), each until its restore time. */
  outages: Outage[];
  horizonH: number;
  /** Components an earthquake can damage, and when it strikes. */
  damage?: LifelineDamageModel;
  quakeAtH?: number;
  /** Repair crews per system (scenario `restoration.crews`); systems without an entry repair everything at once. */
  crews?: Record<string, number>;
  /** Workers on each broken pipeline (scenario `restoration.pipelineWorkers`); without them pipelines stay broken. */
  pipelineWorkers?: number;
  /** The restoration curve: service at these days after `fromH` (the event). */
  restoration: { fromH: number; days: readonly number[] };
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
  const quake = input.quakes.length > 0 ? runQuake(input, seed, realization, sink) : undefined;
  const flood = input.flood ? runFloodRealization(input.flood, createRng(seed, realization, 'flood'), sink) : undefined;
  const quakeOutages = input.lifelines?.damage && quake ? damagedComponents(input.lifelines, quake, seed, realization, sink) : [];
  const lifelines = input.lifelines ? runLifelines(input.lifelines, quakeOutages, input.zonePopulation, sink) : undefined;
  if (!input.people) return;
  const loads = peopleLoads(input.people, input.zonePopulation.length, quake, flood, lifelines);
  sink.field('zone.people.displaced', input.zonePopulation.length).set(loads.displaced);
  runPeople(input.people, loads, sink);
}

/**
 * Displacement rules: residents of dwellings unsafe after the earthquake (the damage stage's
 * displaced); every resident of a detention basin that opened (basins are evacuated before
 * their gates open, DESIGN §5 `detentionBasins[].residents`); residents of flooded compartments
 * whose ground lies under at least the displacement depth; and, when the region sets
 * `utilityDisplacement`, that share of the remaining residents still without water or power at
 * the horizon whose outage has lasted `afterH` hours (hours without ÷ unserved fraction, exact
 * while the fraction is constant).
 */
export function peopleLoads(people: PeopleStageInput, zones: number, quake: QuakeLoads | undefined, flood: FloodLoads | undefined, lifelines: LifelineLoads | undefined): PeopleLoads {
  const displaced = new Float64Array(zones);
  if (quake?.displaced) displaced.set(quake.displaced);
  flood?.basinOpenedAtH.forEach((at, b) => {
    const z = people.basinZone[b] as number;
    if (at >= 0 && z >= 0) displaced[z] = (displaced[z] as number) + (people.basinResidents[b] as number);
  });
  flood?.displacedByDepth.forEach((d, z) => {
    // Hazards overlap in a zone: depth adds no more than the residents not yet displaced.
    displaced[z] = (displaced[z] as number) + Math.min(d, Math.max((people.zonePopulation[z] as number) - (displaced[z] as number), 0));
  });
  const rule = people.utilityDisplacement;
  if (rule && lifelines?.hoursWithout) {
    for (let z = 0; z < zones; z++) {
      let lacking = 0;
      for (const system of ['water', 'power'] as const) {
        const f = lifelines.unserved[system]?.[z] ?? Number.NaN;
        const hours = lifelines.hoursWithout[system]?.[z] ?? Number.NaN;
        if (f > 0 && hours / f >= rule.afterH) lacking = Math.max(lacking, f);
      }
      const home = Math.max((people.zonePopulation[z] as number) - (displaced[z] as number), 0);
      displaced[z] = (displaced[z] as number) + rule.share * lacking * home;
    }
  }
  return {
    displaced,
    ...(quake?.seriousInjuries ? { seriousInjuries: quake.seriousInjuries } : {}),
    ...(lifelines ? { unserved: lifelines.unserved, alive: lifelines.alive } : {}),
  };
}

function runPeople(people: PeopleInput, loads: PeopleLoads, sink: RealizationSink): void {
  const plan = planPeople(people, loads);
  const sum = (xs: Float64Array): number => xs.reduce((a, b) => a + b, 0);
  sink.scalar('people.displaced', sum(loads.displaced));
  sink.scalar('evacuation.seekers', sum(plan.seekers));
  sink.scalar('evacuation.sheltered', sum(plan.evacuation.sheltered));
  sink.scalar('evacuation.unsheltered', sum(plan.evacuation.unsheltered));
  sink.scalar('evacuation.clearanceTimeH', plan.evacuation.clearanceTimeH);
  for (const [resource, t] of Object.entries(plan.aid.totals)) {
    sink.scalar(`aid.${resource}.need`, t.need);
    sink.scalar(`aid.${resource}.unmet`, t.unmet);
  }
}

export interface QuakeLoads extends ZoneShaking {
  displaced?: Float64Array;
  seriousInjuries?: Float64Array;
}

export interface LifelineLoads {
  alive: Uint8Array;
  unserved: Partial<Record<'water' | 'power', Float64Array>>;
  /** Hours without the system over the horizon, per zone (fraction-weighted). */
  hoursWithout?: Partial<Record<'water' | 'power', Float64Array>>;
}

/**
 * Components the earthquake puts out of service in this realization (extensive or complete
 * damage), each until its repair ends: a time drawn from its class's restoration function for
 * its damage state (never, for classes without one), scheduled over the crews when limited.
 */
function damagedComponents(input: LifelineInput, quake: QuakeLoads, seed: number, realization: number, sink: RealizationSink): Outage[] {
  const damage = input.damage as LifelineDamageModel;
  const states = sampleLifelineDamage(damage, quake, createRng(seed, realization, 'lifeline-damage'));
  // Repair times come from their own stream, so adding restoration left the damage draws as they were.
  const repairRng = createRng(seed, realization, 'lifeline-repair');
  const out = sink.field('lifelines.componentOutOfService', states.length);
  const repairs: { component: number; system: string; durationH: number }[] = [];
  states.forEach((state, i) => {
    const z = repairRng.normal();
    if (state < OUT_OF_SERVICE_STATE) return;
    out[i] = 1;
    const component = damage.components[i] as number;
    repairs.push({ component, system: input.network.systems[component] as string, durationH: componentRepairHours(damage, i, state, z, quake.pgvCmS, input.pipelineWorkers) });
  });
  sink.scalar('lifelines.componentsOutOfService', repairs.length);
  const fromH = input.quakeAtH ?? 0;
  const until = scheduleRepairs(repairs, fromH, input.crews);
  const downAtHorizon = sink.field('lifelines.componentDownAtHorizon', states.length);
  states.forEach((state, i) => {
    if (state >= OUT_OF_SERVICE_STATE && fromH <= input.horizonH && (until.get(damage.components[i] as number) as number) > input.horizonH) downAtHorizon[i] = 1;
  });
  return repairs.map((r) => ({ component: r.component, fromH, untilH: until.get(r.component) as number }));
}

/**
 * Outages (deliberate and by earthquake damage, each until restored), the cascade between
 * systems over time, each system's service to the zones over the horizon, and the restoration
 * curve: residents without each system at the given days after the event.
 */
function runLifelines(input: LifelineInput, quakeOutages: Outage[], population: Float64Array, sink: RealizationSink): LifelineLoads {
  const { network } = input;
  const outages = [...input.outages, ...quakeOutages];
  const steps = outageTimeline(network, outages, input.horizonH);
  const alive = (steps[steps.length - 1] as { alive: Uint8Array }).alive;
  const checkpoints = input.restoration.days.map((d) => stateAt(network, outages, input.restoration.fromH + 24 * d).alive);
  const unservedBySystem: LifelineLoads['unserved'] = {};
  const hoursBySystem: NonNullable<LifelineLoads['hoursWithout']> = {};
  for (const system of network.bySystem) {
    // One evaluation per step gives both the hours without service and the state at the horizon.
    const { hours, atHorizon: unserved, withoutFor } = serviceOverHorizon(system, steps, input.horizonH, population);
    OUTAGE_DURATIONS_H.forEach((d, k) => sink.scalar(`lifelines.${system.system}.residentsWithoutFor.${d}h`, residentsUnserved(withoutFor[k] as Float64Array, population)));
    sink.field(`zone.lifelines.${system.system}.unservedFraction`, population.length).set(unserved);
    sink.scalar(`lifelines.${system.system}.unservedPopulation`, residentsUnserved(unserved, population));
    if (system.system === 'water' || system.system === 'power') {
      unservedBySystem[system.system] = unserved;
      hoursBySystem[system.system] = hours;
    }
    sink.field(`zone.lifelines.${system.system}.hoursWithout`, population.length).set(hours);
    sink.scalar(`lifelines.${system.system}.residentHoursWithout`, residentsUnserved(hours, population));
    const seen = new Map<string, number>();
    input.restoration.days.forEach((d, k) => {
      const working = checkpoints[k] as Uint8Array;
      // Checkpoints often share a state (nothing repaired yet, or all of it): one flow per distinct state.
      const key = [...system.nodes, ...system.links.map((l) => l.component)].map((c) => working[c]).join('');
      let people = seen.get(key);
      if (people === undefined) {
        people = residentsUnserved(unservedFractions(system, working, population), population);
        seen.set(key, people);
      }
      sink.scalar(`lifelines.${system.system}.restoration.${d}d`, people);
    });
  }
  return { alive, unserved: unservedBySystem, hoursWithout: hoursBySystem };
}

function runQuake(input: RealizationInput, seed: number, realization: number, sink: RealizationSink): QuakeLoads {
  const n = input.zonePopulation.length;
  const zoneField = (name: string, width = n): Float64Array => sink.field(name, width);
  // Several earthquakes in one scenario: each zone keeps the strongest of each measure. Sa(0.3 s)
  // only shapes bridge curves, so it is not reported.
  const shaking: ZoneShaking = { pgaG: zoneField('zone.quake.pgaG'), pgvCmS: zoneField('zone.quake.pgvCmS'), sa03G: new Float64Array(n), sa10G: zoneField('zone.quake.sa10G'), intensity: zoneField('zone.quake.intensity') };
  const { pgaG: pga, intensity } = shaking;
  const one: ZoneShaking = { pgaG: new Float64Array(n), pgvCmS: new Float64Array(n), sa03G: new Float64Array(n), sa10G: new Float64Array(n), intensity: new Float64Array(n) };
  const scratch = { eps: new Float64Array(n), z: new Float64Array(n) };
  input.quakes.forEach((field, k) => {
    sampleQuakeField(field, createRng(seed, realization, `quake-${k}`), one, scratch);
    for (const measure of ['pgaG', 'pgvCmS', 'sa03G', 'sa10G', 'intensity'] as const) {
      const strongest = shaking[measure];
      const these = one[measure];
      for (let z = 0; z < n; z++) if ((these[z] as number) > (strongest[z] as number)) strongest[z] = these[z] as number;
    }
  });
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
  if (!input.damage) return shaking;
  const damage = {
    residents: zoneField('zone.quake.residentsByDamageState', n * STATES),
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
  return { ...shaking, displaced: damage.displaced, seriousInjuries: damage.seriousInjuries };
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
