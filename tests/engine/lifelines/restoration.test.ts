import { describe, expect, it } from 'vitest';
import type { DependencyGroup } from '../../../engine/lifelines/cascade.js';
import type { LifelineNetwork } from '../../../engine/lifelines/network.js';
import { outageTimeline, scheduleRepairs, stateAt, type Outage, type Repair } from '../../../engine/lifelines/restoration.js';
import { createRng } from '../../../engine/parallel/rng.js';
import { phi } from '../../../engine/quake/damage.js';
import { HAZUS_LIFELINE_CLASSES, type LifelineFragility } from '../../../engine/quake/fragility/hazus-lifelines.js';
import { repairHours } from '../../../engine/quake/lifeline-damage.js';

/** Components named by letter, with their dependency groups; no systems (the timeline needs none). */
const network = (dependsOn: Record<string, { on: string[]; backupH: number }[]>, names: string[]): LifelineNetwork => ({
  ids: names, systems: names.map(() => 'power'), corridor: names.map(() => undefined), fragility: names.map(() => undefined), zone: names.map(() => -1), routes: [], bridges: [],
  dependsOn: names.map((n): DependencyGroup[] => (dependsOn[n] ?? []).map((g) => ({ suppliers: g.on.map((s) => names.indexOf(s)), backupHours: g.backupH }))),
  bySystem: [],
});
const down = (steps: ReturnType<typeof outageTimeline>, names: string[]) => steps.map((s) => [s.atH, names.filter((_, k) => !s.alive[k]).join('')]);

describe('outages over time', () => {
  const names = ['A', 'B'];
  const net = network({ B: [{ on: ['A'], backupH: 3 }] }, names);

  it('fails a dependent when its backup runs out and brings it back with its supplier', () => {
    // A out from 1 h to 6 h; B's 3 h of backup end at 4 h; both back at 6 h.
    const steps = outageTimeline(net, [{ component: 0, fromH: 1, untilH: 6, cause: 'outage' }], 10);
    expect(down(steps, names)).toEqual([[0, ''], [1, 'A'], [4, 'AB'], [6, '']]);
  });

  it('keeps a dependent up when the outage is shorter than its backup', () => {
    const steps = outageTimeline(net, [{ component: 0, fromH: 1, untilH: 3, cause: 'outage' }], 10);
    expect(down(steps, names)).toEqual([[0, ''], [1, 'A'], [3, '']]);
  });

  it('finds a failure the outage-free cascade would not have scheduled', () => {
    // D needs A (3 h backup) and B (3 h backup). With every outage in force from the start D
    // would fail at 4 h; A is back at 2 h, so D fails only when B's backup ends, at 5 + 3 = 8 h.
    const abd = ['A', 'B', 'D'];
    const net3 = network({ D: [{ on: ['A'], backupH: 3 }, { on: ['B'], backupH: 3 }] }, abd);
    const outages: Outage[] = [{ component: 0, fromH: 1, untilH: 2, cause: 'outage' }, { component: 1, fromH: 5, untilH: Infinity, cause: 'outage' }];
    expect(down(outageTimeline(net3, outages, 24), abd)).toEqual([[0, ''], [1, 'A'], [2, ''], [5, 'B'], [8, 'BD']]);
    expect(stateAt(net3, outages, 7).alive).toEqual(Uint8Array.from([1, 0, 1]));
  });

  it('takes the earlier start when a component is out twice at once', () => {
    const state = stateAt(net, [{ component: 0, fromH: 2, untilH: 9, cause: 'outage' }, { component: 0, fromH: 0, untilH: 5, cause: 'outage' }], 4);
    // In force from 0 h: B's backup ended at 3 h.
    expect(state.failsAtH[1]).toBe(3);
  });
});

describe('repair scheduling', () => {
  const repairs: Repair[] = [
    { component: 0, system: 'power', durationH: 2, readyAtH: 10 },
    { component: 1, system: 'power', durationH: 5, readyAtH: 10 },
    { component: 2, system: 'power', durationH: 1, readyAtH: 10 },
    { component: 3, system: 'power', durationH: Infinity, readyAtH: 10 },
    { component: 4, system: 'water', durationH: 4, readyAtH: 10 },
  ];
  const byComponent = (until: Map<Repair, number>): Record<number, number> => Object.fromEntries([...until].map(([r, t]) => [r.component, t]));

  it('repairs everything at once without a crew limit', () => {
    expect(byComponent(scheduleRepairs(repairs))).toEqual({ 0: 12, 1: 15, 2: 11, 3: Infinity, 4: 14 });
  });

  it('takes the shortest repair first with one crew, and only that system waits', () => {
    // 1 h job done at 11, the 2 h job at 13, the 5 h job at 18; water is not limited.
    expect(byComponent(scheduleRepairs(repairs, { power: 1 }))).toEqual({ 0: 13, 1: 18, 2: 11, 3: Infinity, 4: 14 });
  });

  it('gives the next job to the first free crew', () => {
    // Crews take the 1 h and 2 h jobs; the first free (at 11) takes the 5 h one: done at 16.
    expect(byComponent(scheduleRepairs(repairs, { power: 2 }))).toEqual({ 0: 12, 1: 16, 2: 11, 3: Infinity, 4: 14 });
  });

  it('lets an idle crew wait for the next repair to become ready, then takes the shortest ready one', () => {
    // One crew. At 10 only the 5 h job is ready (done 15); by then the 1 h (ready 12) and the 2 h
    // (ready 11) are both waiting: the 1 h goes first (16), then the 2 h (18). A 3 h job ready at
    // 30 finds the crew idle and starts at once (33).
    const staggered: Repair[] = [
      { component: 0, system: 'power', durationH: 5, readyAtH: 10 },
      { component: 1, system: 'power', durationH: 2, readyAtH: 11 },
      { component: 2, system: 'power', durationH: 1, readyAtH: 12 },
      { component: 3, system: 'power', durationH: 3, readyAtH: 30 },
    ];
    expect(byComponent(scheduleRepairs(staggered, { power: 1 }))).toEqual({ 0: 15, 1: 18, 2: 16, 3: 33 });
  });
});

describe('repair times from Hazus restoration functions', () => {
  const substation = HAZUS_LIFELINE_CLASSES['hazus-ess5'] as LifelineFragility;

  it('reads the normal restoration function at the deviate, never below zero', () => {
    expect(repairHours(substation, 3, 0)).toBe(7 * 24);
    expect(repairHours(substation, 4, 1)).toBe(45 * 24);
    expect(repairHours(substation, 1, -3)).toBe(0);
    expect(repairHours(substation, 0, 2)).toBe(0);
  });

  it('keeps classes without a restoration function out', () => {
    expect(repairHours(HAZUS_LIFELINE_CLASSES['hazus-epp3'] as LifelineFragility, 3, 0)).toBe(Infinity);
  });

  it('has the mean of the truncated normal when sampled', () => {
    // E[max(0, X)] for X ~ N(μ, σ): μ Φ(μ/σ) + σ φ(μ/σ); complete damage μ = 30, σ = 15 days.
    const [mu, sigma] = [30, 15];
    const expected = mu * phi(mu / sigma) + sigma * Math.exp(-0.5 * (mu / sigma) ** 2) / Math.sqrt(2 * Math.PI);
    const rng = createRng(7, 0, 'repair-test');
    let sum = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) sum += repairHours(substation, 4, rng.normal()) / 24;
    // Standard error ≈ 15 / √200,000 = 0.034 days; 0.15 is over four of them.
    expect(Math.abs(sum / n - expected)).toBeLessThan(0.15);
    expect(expected).toBeCloseTo(30.127, 3);
  });
});
