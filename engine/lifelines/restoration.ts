/**
 * Outages that end: components out of service over an interval (a deliberate cut until its
 * restore time, earthquake damage until it is repaired), and what that means over time once the
 * cascade between systems is taken into account.
 *
 * The state at time t is the cascade of the outages in force at t, each from its own start: a
 * dependent whose supplier is still out fails once its backup hours run out, and comes back when
 * the supplier does. Backups are taken to be whole again after an earlier outage that ended
 * (batteries recharged, fuel topped up) — the one simplification of the timeline.
 */
import { cascadeFailures, type CascadeResult } from './cascade.js';
import type { LifelineNetwork } from './network.js';

/** What put a component out directly: a deliberate cut, earthquake damage, or flood water. */
export type OutageCause = 'outage' | 'earthquake' | 'flood';

/** Bits recording which hazards put a component out, per recorded interval: 1 earthquake, 2 flood. */
export const CAUSE_BITS: Readonly<Record<Exclude<OutageCause, 'outage'>, number>> = { earthquake: 1, flood: 2 };
/** Down-intervals recorded per component and realization; a component out more often has its later ones merged into the last. */
export const INTERVAL_SLOTS = 2;

export interface Outage {
  component: number;
  fromH: number;
  /** When it is back in service; Infinity if never within the run. */
  untilH: number;
  cause: OutageCause;
}

/** The cascade of the outages in force at `tH`, and which components work then. */
export function stateAt(network: LifelineNetwork, outages: readonly Outage[], tH: number): CascadeResult & { alive: Uint8Array } {
  const inForce = new Map<number, number>();
  for (const o of outages) {
    if (o.fromH <= tH && tH < o.untilH) inForce.set(o.component, Math.min(inForce.get(o.component) ?? Infinity, o.fromH));
  }
  const cascade = cascadeFailures(network.ids.length, network.dependsOn, inForce);
  const alive = new Uint8Array(cascade.failsAtH.length);
  for (let k = 0; k < alive.length; k++) alive[k] = (cascade.failsAtH[k] as number) > tH ? 1 : 0;
  return { ...cascade, alive };
}

export interface OutageStep extends CascadeResult {
  atH: number;
  alive: Uint8Array;
}

/**
 * The working components over [0, horizonH] as a step function: one step at 0 and one at every
 * time the set changes. Event-driven — from each state the next change is the next outage start
 * or end, or the next failure the current cascade schedules — so no change is missed however
 * outages, repairs and backup hours interleave.
 */
export function outageTimeline(network: LifelineNetwork, outages: readonly Outage[], horizonH: number): OutageStep[] {
  const steps: OutageStep[] = [];
  const edges = [...new Set(outages.flatMap((o) => [o.fromH, o.untilH]))].sort((a, b) => a - b);
  let t = 0;
  for (;;) {
    const state = stateAt(network, outages, t);
    const last = steps[steps.length - 1];
    if (!last || state.alive.some((a, k) => a !== last.alive[k])) steps.push({ atH: t, ...state });
    let next = edges.find((e) => e > t) ?? Infinity;
    for (const f of state.failsAtH) if (f > t && f < next) next = f;
    if (!(next <= horizonH)) return steps;
    t = next;
  }
}

/** A repair: how long it takes once a crew is on it, and when the component can first be worked on. */
export interface Repair {
  component: number;
  system: string;
  durationH: number;
  /** When work can start: the earthquake, or the hour flood water left the component. */
  readyAtH: number;
}

/**
 * When each repair ends. Without a crew limit every damaged component is worked on from its ready
 * time (the reading of Hazus restoration functions, which describe typical resources). With
 * `crews` for a system, its repairs wait for a free crew: whenever a crew frees up it takes the
 * shortest repair that is ready (shortest first minimises the mean time components stay out —
 * Smith's rule for one machine, the usual list-scheduling heuristic for several — and with every
 * repair ready at once it is exactly that rule); an idle crew waits for the next repair to become
 * ready. Components that cannot be repaired (duration Infinity) take no crew.
 */
export function scheduleRepairs(repairs: readonly Repair[], crews: Readonly<Record<string, number>> = {}): Map<Repair, number> {
  const until = new Map<Repair, number>();
  const bySystem = new Map<string, Repair[]>();
  for (const r of repairs) {
    if (crews[r.system] === undefined || !Number.isFinite(r.durationH)) {
      until.set(r, r.readyAtH + r.durationH);
      continue;
    }
    const list = bySystem.get(r.system) ?? [];
    list.push(r);
    bySystem.set(r.system, list);
  }
  for (const [system, list] of bySystem) {
    const free = new Array<number>(crews[system] as number).fill(-Infinity);
    const waiting = [...list];
    while (waiting.length > 0) {
      let crew = 0;
      for (let k = 1; k < free.length; k++) if ((free[k] as number) < (free[crew] as number)) crew = k;
      let earliestReady = Infinity;
      for (const r of waiting) earliestReady = Math.min(earliestReady, r.readyAtH);
      const start = Math.max(free[crew] as number, earliestReady);
      let pick = -1;
      waiting.forEach((r, i) => {
        if (r.readyAtH > start) return;
        const best = waiting[pick];
        if (!best || r.durationH < best.durationH || (r.durationH === best.durationH && (r.readyAtH < best.readyAtH || (r.readyAtH === best.readyAtH && r.component < best.component)))) pick = i;
      });
      const [r] = waiting.splice(pick, 1) as [Repair];
      const end = start + r.durationH;
      free[crew] = end;
      until.set(r, end);
    }
  }
  return until;
}
