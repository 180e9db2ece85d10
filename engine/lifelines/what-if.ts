import { RenxingError, type Issue } from '../core/errors.js';
import type { LoadedScenario } from '../scenario/load-scenario.js';
import { backupRoutes, type BackupRouteReport } from './backup-routes.js';
import { cascadeFailures } from './cascade.js';
import { resolveTargets } from './network.js';
import { aliveAt, unservedFractions } from './service.js';

export interface LifelineWhatIf {
  cut: string[];
  restored: string[];
  failedComponents: { id: string; system: string; atH: number }[];
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
 * The lifeline consequences of a scenario's own outages plus `cut`, minus `restore`, at its
 * horizon: one cascade and one fair-share flow per system, milliseconds on a region's network.
 */
/** `alsoDown`: components already out in the run (earthquake damage), cut at the start unless restored. */
export function lifelineWhatIf(loaded: LoadedScenario, cut: readonly string[], restore: readonly string[], alsoDown: readonly string[] = []): LifelineWhatIfState {
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
  const cuts = new Map<number, number>();
  for (const h of scenario.file.hazards) if (h.type === 'outage') for (const c of resolveTargets(network, h.targets)) cuts.set(c, Math.min(cuts.get(c) ?? Infinity, h.atH ?? 0));
  for (const c of resolveTargets(network, alsoDown)) cuts.set(c, Math.min(cuts.get(c) ?? Infinity, 0));
  for (const c of extra) cuts.set(c, 0);
  for (const c of restored) cuts.delete(c);
  const { horizonH } = scenario.options;
  const { failsAtH } = cascadeFailures(network.ids.length, network.dependsOn, cuts);
  const alive = aliveAt(network, failsAtH, horizonH);
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
    failedComponents: network.ids.flatMap((id, k) => ((failsAtH[k] as number) <= horizonH ? [{ id, system: network.systems[k] as string, atH: failsAtH[k] as number }] : [])),
    unservedPopulation,
    zones: region.zones.ids.flatMap((id, z) => {
      const loss = byZone[z] as Record<string, number>;
      return Object.values(loss).some((f) => f > 0) ? [{ id, name: region.zones.names[z] as string, serviceLoss: loss }] : [];
    }),
  };
  return { result, alive, unserved: unservedBySystem };
}
