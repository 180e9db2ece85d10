import { describe, expect, it } from 'vitest';
import { cascadeFailures, type DependencyGroup } from '../../../engine/lifelines/cascade.js';

// A hand-built city: a substation S and a generator G feed everything else.
const [S, G, PUMP, EXCHANGE, WATER_PLANT, HOSPITAL, DATA_CENTRE, A, B] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const needs = (...groups: [number[], number][]): DependencyGroup[] => groups.map(([suppliers, backupHours]) => ({ suppliers, backupHours }));

describe('cascading failures between lifelines (worked by hand)', () => {
  const dependsOn: DependencyGroup[][] = [];
  dependsOn[S] = [];
  dependsOn[G] = [];
  dependsOn[PUMP] = needs([[S], 0]); // no backup: fails with the substation
  dependsOn[EXCHANGE] = needs([[S], 4]); // 4 h of batteries
  dependsOn[WATER_PLANT] = needs([[PUMP], 0]); // water stops when the intake pump stops
  dependsOn[HOSPITAL] = needs([[S, G], 0]); // grid or its own generator
  dependsOn[DATA_CENTRE] = needs([[S], 8], [[EXCHANGE], 0]); // 8 h on diesel, but dead without the exchange
  dependsOn[A] = needs([[B], 1]); // a dependency loop
  dependsOn[B] = needs([[A], 2]);

  it('fails dependents at the supplier’s failure plus their backup, takes the earliest cause, spares redundant ones', () => {
    const { failsAtH, causeGroup } = cascadeFailures(9, dependsOn, new Map([[S, 6]]));
    expect(Array.from(failsAtH.subarray(0, 7))).toEqual([6, Infinity, 6, 10, 6, Infinity, 10]);
    // The data centre falls with the exchange at 6 + 4 = 10 h, before its diesel would run out at 14 h.
    expect(causeGroup[DATA_CENTRE]).toBe(1);
    expect(failsAtH[A]).toBe(Infinity);
  });

  it('fails a redundant dependent only when every alternative is gone', () => {
    const { failsAtH } = cascadeFailures(9, dependsOn, new Map([[S, 0], [G, 30]]));
    expect(failsAtH[HOSPITAL]).toBe(30);
  });

  it('carries failures around a dependency loop', () => {
    const { failsAtH } = cascadeFailures(9, dependsOn, new Map([[A, 5]]));
    expect(failsAtH[A]).toBe(5);
    expect(failsAtH[B]).toBe(7);
  });

  it('refuses negative backups and unknown suppliers', () => {
    expect(() => cascadeFailures(2, [needs([[1], -1]), []], new Map())).toThrow(/backup hours must be ≥ 0/);
    expect(() => cascadeFailures(2, [needs([[5], 0]), []], new Map())).toThrow(/outside/);
  });
});
