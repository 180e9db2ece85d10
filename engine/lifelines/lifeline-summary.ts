/**
 * The lifelines' part of `summary.json` (DESIGN §5 `lifelines`): what went out and why, who was
 * left without each system and for how long, the restoration curve, the components each hazard
 * damaged, and the backup routes at the worst hour.
 */
import { statsOrNaN, summarizeColumns, type MetricSeries, type MetricStats } from '../parallel/ensemble.js';
import type { LifelineSummary } from '../run/summary.js';
import type { LifelineDamageModel } from '../quake/lifeline-damage.js';
import { backupRoutes } from './backup-routes.js';
import type { LifelineStageInput } from './lifeline-stage.js';
import { outageTimeline, type Outage, type OutageStep } from './restoration.js';
import { OUTAGE_DURATIONS_H } from './service.js';

export function lifelineSummary(input: LifelineStageInput, likely: readonly Outage[], quakeModel: LifelineDamageModel | undefined, stats: Record<string, MetricStats>, values: Record<string, MetricSeries>, population: Float64Array): LifelineSummary {
  const { network } = input;
  const steps = outageTimeline(network, likely, input.horizonH);
  const worst = worstStep(steps);
  const outSeries = values['lifelines.componentOutOfService'];
  const downSeries = values['lifelines.componentDownAtHorizon'];
  const stillDown = downSeries ? summarizeColumns(downSeries) : [];
  const quakeDamage = quakeModel && outSeries
    ? summarizeColumns(outSeries).flatMap((s, i) => {
      const k = quakeModel.components[i] as number;
      const entry = { id: network.ids[k] as string, system: network.systems[k] as string, fragility: network.fragility[k] as string, probabilityOutOfService: Number(s.mean.toFixed(3)), probabilityDownAtHorizon: Number((stillDown[i]?.mean ?? 0).toFixed(3)) };
      return s.mean > 0 ? [entry] : [];
    }).sort((a, b) => b.probabilityOutOfService - a.probabilityOutOfService)
    : undefined;
  const people = (name: string): number => Math.round(stats[name]?.mean ?? 0);
  return {
    failedComponents: failedComponents(steps, likely, network),
    unservedPopulation: Object.fromEntries(network.bySystem.map((s) => [s.system, people(`lifelines.${s.system}.unservedPopulation`)])),
    residentHoursWithout: Object.fromEntries(network.bySystem.map((s) => [s.system, people(`lifelines.${s.system}.residentHoursWithout`)])),
    residentsWithoutFor: Object.fromEntries(network.bySystem.map((s) => [s.system, Object.fromEntries(OUTAGE_DURATIONS_H.map((d) => [`${d}h`, people(`lifelines.${s.system}.residentsWithoutFor.${d}h`)]))])),
    restoration: input.restoration.days.map((day) => ({
      day,
      atH: input.restoration.fromH + 24 * day,
      unservedPopulation: Object.fromEntries(network.bySystem.map((s) => {
        const m = statsOrNaN(stats, `lifelines.${s.system}.restoration.${day}d`);
        return [s.system, { mean: Math.round(m.mean), p05: Math.round(m.p05), p95: Math.round(m.p95) }];
      })),
    })),
    ...(quakeDamage ? { quakeDamage } : {}),
    backupRoutes: backupRoutes(network, worst.alive, population),
    backupRoutesAtH: worst.atH,
  };
}

/** The step with the most components out (the earliest of equals). */
function worstStep(steps: readonly OutageStep[]): OutageStep {
  let worst = steps[0] as OutageStep;
  let most = -1;
  for (const step of steps) {
    let out = 0;
    for (const a of step.alive) if (!a) out++;
    if (out > most) {
      most = out;
      worst = step;
    }
  }
  return worst;
}

/**
 * Each component once per time it goes out within the horizon, when, why — its own outage's cause,
 * or the suppliers whose loss took it out — and when it is back if within the horizon.
 */
function failedComponents(steps: readonly OutageStep[], outages: readonly Outage[], network: LifelineStageInput['network']): LifelineSummary['failedComponents'] {
  const out: LifelineSummary['failedComponents'] = [];
  const open = new Map<number, LifelineSummary['failedComponents'][number]>();
  for (const step of steps) {
    step.alive.forEach((up, k) => {
      const entry = open.get(k);
      if (up && entry) {
        entry.restoredAtH = step.atH;
        open.delete(k);
      } else if (!up && !entry) {
        const own = step.causeGroup[k] === -1 ? outages.find((o) => o.component === k && o.fromH <= step.atH && step.atH < o.untilH) : undefined;
        const group = network.dependsOn[k]?.[step.causeGroup[k] as number];
        const cause = own ? own.cause : `lost ${group?.suppliers.map((s) => network.ids[s]).join(' or ') ?? '?'}`;
        const failed = { id: network.ids[k] as string, system: network.systems[k] as string, cause, atH: step.failsAtH[k] as number };
        open.set(k, failed);
        out.push(failed);
      }
    });
  }
  return out.sort((a, b) => a.atH - b.atH);
}
