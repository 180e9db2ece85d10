/**
 * Hazus displacement weights (Technical Manual 6.1 §13, Table 13-1), hand-worked from the
 * research note's example (research/consequences.md §1.1): 1,000 multi-family households at
 * Beijing's 2.31 persons per household (2020 census), 20 % extensive and 10 % complete damage.
 */
import { describe, expect, it } from 'vitest';
import { allocateDamageOutput, assessBuildingDamage, compileDamageModel } from '../../../engine/quake/damage.js';
import { displacedResidents, HAZUS_DISPLACEMENT_WEIGHTS } from '../../../engine/quake/displacement/hazus-2024.js';
import type { Exposure } from '../../../engine/region/region.js';

describe('residents of uninhabitable dwellings (Hazus weights)', () => {
  const residents = 1000 * 2.31;
  // none, slight, moderate, extensive, complete
  const byState = [0.7 * residents, 0, 0, 0.2 * residents, 0.1 * residents];

  it('displaces 647 of 2,310 multi-family residents: 1,000 × (0.9 × 0.20 + 1.0 × 0.10) × 2.31', () => {
    expect(displacedResidents(byState, 0, 0)).toBeCloseTo(646.8, 9);
    // The share seeking public shelter is applied afterwards: 647 × 0.2765 (Hazus, middle income) = 179.
    expect(Math.round(displacedResidents(byState, 0, 0) * 0.2765)).toBe(179);
  });

  it('displaces only the completely damaged single-family residents: 231', () => {
    expect(displacedResidents(byState, 0, 1)).toBeCloseTo(231, 9);
    // Moderate damage displaces nobody, of either kind.
    expect(displacedResidents([0, 0, 100, 0, 0], 0, 0.5)).toBe(0);
  });

  it('mixes the two weights by the single-family share (Beijing 2010: 231,336 of 655,178 households 平房)', () => {
    const sf = 231336 / 655178;
    expect(displacedResidents(byState, 0, sf)).toBeCloseTo(sf * 231 + (1 - sf) * 646.8, 9);
    expect(HAZUS_DISPLACEMENT_WEIGHTS.multiFamily[3]).toBe(0.9);
    expect(HAZUS_DISPLACEMENT_WEIGHTS.singleFamily[3]).toBe(0);
  });

  it('reads the residents at an offset (the kernel\'s zone-major layout)', () => {
    expect(displacedResidents([9, 9, 9, 9, 9, ...byState], 5, 0)).toBeCloseTo(646.8, 9);
  });

  it('gives the damage kernel\'s displaced by the zone\'s single-family share', () => {
    const exposure: Exposure = { classes: [{ id: 'x', name: 'x', fragility: 'URML-pre' }], shares: Float64Array.from([1, 1]), singleFamilyShare: Float64Array.from([1, 0]), occupancy: { night: 1, day: 0.5 }, matrices: [], defaultVulnerability: 'hazus' };
    const model = compileDamageModel(exposure, 'night');
    const out = allocateDamageOutput(2);
    const pga = Float64Array.from([0.4, 0.4]);
    assessBuildingDamage(model, pga, Float64Array.from([1e6, 1e6]), out);
    const at = (z: number, s: number): number => out.residents[z * 5 + s] as number;
    expect(out.displaced[0]).toBeCloseTo(at(0, 4), 6);
    expect(out.displaced[1]).toBeCloseTo(0.9 * at(1, 3) + at(1, 4), 6);
  });
});
