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

/**
 * At hour `atH` (default the horizon): the run's hazards leave out what its summary says was out
 * then — each earthquake- or flood-damaged component whose outage (more likely than not) covers
 * that hour — and the cuts come on top of it.
 */
export function whatIf(loaded: LoadedScenario, cut: readonly string[], restore: readonly string[], run?: Pick<Summary, 'zones' | 'evacuation' | 'lifelines'>, atH?: number): WhatIfResult {
  const t = atH ?? loaded.scenario.options.horizonH;
  const isHazard = (cause: string): cause is 'earthquake' | 'flood' => cause === 'earthquake' || cause === 'flood';
  const hazardOut = (run?.lifelines?.failedComponents ?? []).flatMap((f) => (isHazard(f.cause) && f.atH <= t && t < (f.restoredAtH ?? Infinity) ? [{ id: f.id, cause: f.cause }] : []));
  // Summaries written before outages were listed by cause name earthquake damage only by its share still out at the horizon.
  const listed = new Set(hazardOut.map((d) => d.id));
  const olderDamage = t === loaded.scenario.options.horizonH ? (run?.lifelines?.quakeDamage ?? []).filter((d) => d.probabilityDownAtHorizon >= 0.5 && !listed.has(d.id)).map((d) => ({ id: d.id, cause: 'earthquake' as const })) : [];
  const lifelines = lifelineWhatIf(loaded, cut, restore, [...hazardOut, ...olderDamage], t);
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
  // Seekers as the run found them; a summary written before zones carried them: its overall share.
  const overall = run.evacuation.displaced > 0 ? run.evacuation.seekers / run.evacuation.displaced : 0;
  const seekers = zoneValue((z) => z.seekingShelter ?? (z.displaced ?? 0) * overall);
  const serious = zoneValue((z) => z.casualties?.seriousInjuries);
  const hasCasualties = run.zones.some((z) => z.casualties);
  const plan = planPeople(people, { displaced, seekers, ...(hasCasualties ? { seriousInjuries: serious } : {}), unserved: lifelines.unserved, aliveAt: () => lifelines.alive });
  const summary = summarizePeople(people, plan, displaced, region.zones.ids, 'plan for the run\'s mean loads with the what-if cuts');
  const network = networkAid(region.lifelines, lifelines.alive, region.zones.population, people.bands, lifelines.unserved);
  return { ...lifelines.result, evacuation: summary.evacuation, mutualAid: [...summary.mutualAid, ...network], aid: summary.aid.totals };
}
