import { RenxingError, type Issue } from '../core/errors.js';
import type { LoadedScenario } from '../scenario/load-scenario.js';
import { backupRoutes, type BackupRouteReport } from './backup-routes.js';
import { resolveTargets } from './network.js';
import { stateAt, type Outage, type OutageCause } from './restoration.js';
import { scenarioOutages } from './scenario-outages.js';
import { unservedFractions } from './service.js';

export interface LifelineWhatIf {
  /** The hour the state is assessed at. */
  atH: number;
  cut: string[];
  restored: string[];
  /** Out at `atH`, with why: 'outage' (cut), 'earthquake' or 'flood' (the run's damage), or 'lost …' (its suppliers are out). */
  failedComponents: { id: string; system: string; cause: string; atH: number }[];
  unservedPopulation: Record<string, number>;
  /** Zones whose service changed, with the fraction of residents without each system. */
  zones: { id: string; name: string; serviceLoss: Record<string, number> }[];
  /** Per system touched by the cuts: unmet, rerouted, the corridors that took load, the bottlenecks. */
  backupRoutes: BackupRouteReport[];
}

/** The what-if answer, and the state the people stage continues from (not serialised). */
export interface LifelineWhatIfState {
  result: LifelineWhatIf;
  alive: Uint8Array;
  unserved: Partial<Record<'water' | 'power', Float64Array>>;
}

/**
 * The lifeline consequences of a scenario's own outages (those in force at hour `atH`, default its
 * horizon) plus `cut`, minus `restore`, at that hour: one cascade and one fair-share flow per
 * system, milliseconds on a region's network. `alsoDown`: components the run's hazards have out
 * then (damage not yet repaired, water not yet gone), cut from the start unless restored.
 */
export function lifelineWhatIf(loaded: LoadedScenario, cut: readonly string[], restore: readonly string[], alsoDown: readonly { id: string; cause: OutageCause }[] = [], atH = loaded.scenario.options.horizonH): LifelineWhatIfState {
  const { region, scenario } = loaded;
  const network = region.lifelines;
  const issues: Issue[] = [];
  const resolve = (targets: readonly string[], field: string): number[] => targets.flatMap((t, k) => {
    const found = resolveTargets(network, [t]);
    if (found.length === 0) issues.push({ file: 'request', path: `${field}[${k}]`, message: `unknown component or corridor '${t}' in region '${region.id}'` });
    return found;
  });
  const extra = resolve(cut, 'cut');
  const restored = new Set(resolve(restore, 'restore'));
  if (issues.length > 0) throw new RenxingError('RX_ERR_INVALID_INPUT', 'unknown targets', issues);
  // Cuts before damage, so that a cut of a damaged component reads as the cut.
  const outages = [
    ...scenarioOutages(scenario.file.hazards, network),
    ...extra.map((component): Outage => ({ component, fromH: 0, untilH: Infinity, cause: 'outage' })),
    ...alsoDown.flatMap((d) => resolveTargets(network, [d.id]).map((component): Outage => ({ component, fromH: 0, untilH: Infinity, cause: d.cause }))),
  ].filter((o) => !restored.has(o.component));
  const { failsAtH, causeGroup, alive } = stateAt(network, outages, atH);
  const causeOf = (k: number): string => {
    const group = network.dependsOn[k]?.[causeGroup[k] as number];
    if (group) return `lost ${group.suppliers.map((x) => network.ids[x]).join(' or ')}`;
    return outages.find((o) => o.component === k && o.fromH <= atH && atH < o.untilH)?.cause ?? 'outage';
  };
  const unservedPopulation: Record<string, number> = {};
  const byZone = region.zones.ids.map(() => ({}));
  const unservedBySystem: LifelineWhatIfState['unserved'] = {};
  for (const system of network.bySystem) {
    const unserved = unservedFractions(system, alive, region.zones.population);
    if (system.system === 'water' || system.system === 'power') unservedBySystem[system.system] = unserved;
    let people = 0;
    unserved.forEach((f, z) => {
      if (Number.isNaN(f)) return;
      people += f * (region.zones.population[z] as number);
      (byZone[z] as Record<string, number>)[system.system] = Number(f.toFixed(4));
    });
    unservedPopulation[system.system] = Math.round(people);
  }
  const result: LifelineWhatIf = {
    backupRoutes: backupRoutes(network, alive, region.zones.population),
    atH,
    cut: [...cut],
    restored: [...restore],
    failedComponents: network.ids.flatMap((id, k) => (alive[k] ? [] : [{ id, system: network.systems[k] as string, cause: causeOf(k), atH: failsAtH[k] as number }])),
    unservedPopulation,
    zones: region.zones.ids.flatMap((id, z) => {
      const loss = byZone[z] as Record<string, number>;
      return Object.values(loss).some((f) => f > 0) ? [{ id, name: region.zones.names[z] as string, serviceLoss: loss }] : [];
    }),
  };
  return { result, alive, unserved: unservedBySystem };
}
