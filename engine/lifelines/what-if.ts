import { RenxingError, type Issue } from '../core/errors.js';
import type { LoadedScenario } from '../scenario/load-scenario.js';
import { backupRoutes, type BackupRouteReport } from './backup-routes.js';
import { resolveTargets } from './network.js';
import { stateAt } from './restoration.js';
import { scenarioOutages } from './scenario-outages.js';
import { unservedFractions } from './service.js';

export interface LifelineWhatIf {
  cut: string[];
  restored: string[];
  /** `cause` as in a run's summary: 'outage' for a cut, the damage's hazard for a component already out, 'lost <suppliers>' for a knock-on failure. */
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
 * The lifeline consequences of a scenario's own outages (those still in force at its horizon)
 * plus `cut`, minus `restore`, at the horizon: one cascade and one fair-share flow per system,
 * milliseconds on a region's network. `alsoDown`: components already out in the run (damage not
 * yet repaired) with the hazard that did it, cut at the start unless restored.
 */
export function lifelineWhatIf(loaded: LoadedScenario, cut: readonly string[], restore: readonly string[], alsoDown: readonly { id: string; cause: string }[] = []): LifelineWhatIfState {
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
  // Why each directly failed component is out: damage first, so that a cut of a damaged component reads as the cut.
  const directCause = new Map<number, string>();
  for (const d of alsoDown) for (const k of resolveTargets(network, [d.id])) directCause.set(k, d.cause);
  const scenarioCuts = scenarioOutages(loaded);
  for (const k of [...scenarioCuts.map((o) => o.component), ...extra]) directCause.set(k, 'outage');
  const outages = [
    ...scenarioCuts,
    ...[...resolveTargets(network, alsoDown.map((d) => d.id)), ...extra].map((component) => ({ component, fromH: 0, untilH: Infinity })),
  ].filter((o) => !restored.has(o.component));
  const { horizonH } = scenario.options;
  const { failsAtH, causeGroup, alive } = stateAt(network, outages, horizonH);
  const causeOf = (k: number): string => {
    const group = network.dependsOn[k]?.[causeGroup[k] as number];
    if (group) return `lost ${group.suppliers.map((s) => network.ids[s]).join(' or ')}`;
    return directCause.get(k) ?? 'outage';
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
