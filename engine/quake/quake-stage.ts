/**
 * The earthquake hazard stage of a realization: each event's ground-motion field drawn from
 * stream `quake-<k>` of (seed, realization), combined into the strongest motion per zone, the
 * residents exposed by intensity and PGA, and building damage on that field.
 */
import type { MetricSink } from '../parallel/metric-sink.js';
import { createRng } from '../parallel/rng.js';
import { pagerChinaDeathRate } from './casualty/jaiswal-wald-2010.js';
import { yinZhiqianDeathRate } from './casualty/yin-zhiqian.js';
import { assessBuildingDamage, STATES, type DamageModel } from './damage.js';
import { sampleQuakeField, type QuakeField, type ZoneShaking } from './ground-motion.js';

/**
 * PGA thresholds for exposure counts: the design accelerations GB 50011-2010 (Table 3.2.2) pairs
 * with fortification intensities VI, VII, VIII and IX.
 */
export const PGA_BANDS_G = [0.05, 0.1, 0.2, 0.4] as const;
/** Intensity degrees for exposure counts; a zone counts at degree d when its intensity rounds to d or more. */
export const INTENSITY_BANDS = [6, 7, 8, 9, 10] as const;
export const DAMAGE_STATE_NAMES = ['none', 'slight', 'moderate', 'extensive', 'complete'] as const;

export interface QuakeStageInput {
  quakes: QuakeField[];
  /** Building fragility over the region's exposure; absent when the pack has no exposure. */
  damage?: DamageModel;
  zonePopulation: Float64Array;
}

/** What the earthquake leaves for the stages after it: the shaking per zone, and from building damage the displaced and the seriously injured. */
export interface QuakeLoads extends ZoneShaking {
  displaced?: Float64Array;
  seriousInjuries?: Float64Array;
}

export function runQuakeStage(input: QuakeStageInput, seed: number, realization: number, sink: MetricSink): QuakeLoads {
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
  // Casualty check: PAGER's empirical model for China on the zone's intensity and residents.
  const pager = zoneField('zone.quake.deathsPagerChina');
  let pagerDeaths = 0;
  for (let z = 0; z < n; z++) {
    pager[z] = (input.zonePopulation[z] as number) * pagerChinaDeathRate(intensity[z] as number);
    pagerDeaths += pager[z] as number;
  }
  sink.scalar('quake.casualtyCheck.pagerChina.deaths', pagerDeaths);
  if (!input.damage) return shaking;
  const damage = {
    residents: zoneField('zone.quake.residentsByDamageState', n * STATES),
    deaths: zoneField('zone.quake.deaths'),
    injuries: zoneField('zone.quake.injuries'),
    seriousInjuries: zoneField('zone.quake.seriousInjuries'),
    displaced: zoneField('zone.quake.displaced'),
  };
  assessBuildingDamage(input.damage, pga, input.zonePopulation, damage, intensity);
  const sum = (xs: Float64Array): number => xs.reduce((a, b) => a + b, 0);
  // Casualty check: 尹之潜's death rate on the zone's share of severely damaged or destroyed
  // dwellings (extensive + complete), for the residents indoors.
  const yin = zoneField('zone.quake.deathsYinZhiqian');
  for (let z = 0; z < n; z++) {
    let all = 0;
    for (let s = 0; s < STATES; s++) all += damage.residents[z * STATES + s] as number;
    const collapse = all > 0 ? ((damage.residents[z * STATES + 3] as number) + (damage.residents[z * STATES + 4] as number)) / all : 0;
    yin[z] = (input.zonePopulation[z] as number) * input.damage.indoor * yinZhiqianDeathRate(collapse);
  }
  sink.scalar('quake.casualtyCheck.yinZhiqian.deaths', sum(yin));
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
