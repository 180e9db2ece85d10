/**
 * What-if on a finished run: cut or restore lifeline components and corridors, and get back the
 * lifeline consequences and — from the run's own displaced people and casualties — the new
 * evacuation and mutual aid over the roads that remain, without re-running the hazards.
 */
import { lifelineWhatIf, type LifelineWhatIf } from '../lifelines/what-if.js';
import { networkAid } from '../people/network-aid.js';
import { compilePeopleInput, planPeople, type PeopleInput } from '../people/people-stage.js';
import { summarizePeople, type AidSummary, type EvacuationSummary, type MutualAidEntry } from '../people/people-summary.js';
import type { Region } from '../region/region.js';
import type { LoadedScenario } from '../scenario/load-scenario.js';
import type { Summary } from './summary.js';

export interface WhatIfResult extends LifelineWhatIf {
  evacuation?: EvacuationSummary;
  mutualAid?: MutualAidEntry[];
  aid?: AidSummary['totals'];
}

// The road graph is built once per region (the local mesh is cubic in the zones).
const compiled = new WeakMap<Region, PeopleInput>();

export function whatIf(loaded: LoadedScenario, cut: readonly string[], restore: readonly string[], run?: Pick<Summary, 'zones' | 'evacuation' | 'lifelines'>): WhatIfResult {
  // Components the run's earthquake left out at the horizon in at least half of its realizations stay out.
  const damaged = (run?.lifelines?.quakeDamage ?? []).filter((d) => d.probabilityDownAtHorizon >= 0.5).map((d) => ({ id: d.id, cause: 'earthquake' }));
  const lifelines = lifelineWhatIf(loaded, cut, restore, damaged);
  if (!run?.evacuation) return lifelines.result;
  const { region } = loaded;
  let people = compiled.get(region);
  if (!people) {
    people = compilePeopleInput(region);
    compiled.set(region, people);
  }
  const byId = new Map(run.zones.map((z) => [z.id, z]));
  const zoneValue = (pick: (z: Summary['zones'][number]) => number | undefined): Float64Array => Float64Array.from(region.zones.ids, (id) => {
    const z = byId.get(id);
    return z ? (pick(z) ?? 0) : 0;
  });
  const displaced = zoneValue((z) => z.displaced);
  const serious = zoneValue((z) => z.casualties?.seriousInjuries);
  const hasCasualties = run.zones.some((z) => z.casualties);
  const plan = planPeople(people, { displaced, ...(hasCasualties ? { seriousInjuries: serious } : {}), unserved: lifelines.unserved, alive: lifelines.alive });
  const summary = summarizePeople(people, plan, displaced, region.zones.ids, 'plan for the run\'s mean loads with the what-if cuts');
  const network = networkAid(region.lifelines, lifelines.alive, region.zones.population, people.bands, lifelines.unserved);
  return { ...lifelines.result, evacuation: summary.evacuation, mutualAid: [...summary.mutualAid, ...network], aid: summary.aid.totals };
}
