/**
 * Lifeline component damage: sampled states follow the lognormal fragility curves they are drawn
 * from (frequencies against Φ(ln(PGA/median)/β)), and no shaking means no damage.
 */
import { describe, expect, it } from 'vitest';
import { phi } from '../../../engine/quake/damage.js';
import { sampleLifelineDamage, type LifelineDamageModel } from '../../../engine/quake/lifeline-damage.js';
import { createRng } from '../../../engine/parallel/rng.js';

const curves = { hazusClass: 'test', description: 'test curves', medians: [0.15, 0.25, 0.35, 0.7] as const, betas: [0.7, 0.5, 0.4, 0.4] as const };

describe('lifeline component damage', () => {
  it('draws states with the frequencies of the fragility curves', () => {
    const n = 20_000;
    const model: LifelineDamageModel = { components: Int32Array.from({ length: n }, (_, k) => k), zones: new Int32Array(n), fragility: Array.from({ length: n }, () => curves) };
    const pga = Float64Array.of(0.3);
    const states = sampleLifelineDamage(model, pga, createRng(3, 0, 'test'));
    for (let k = 1; k <= 4; k++) {
      const expected = phi(Math.log(0.3 / (curves.medians[k - 1] as number)) / (curves.betas[k - 1] as number));
      const observed = states.reduce((c, s) => c + (s >= k ? 1 : 0), 0) / n;
      // Binomial standard error at n = 20,000 is at most 0.0036: allow 4 of them.
      expect(Math.abs(observed - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / n) + 1e-9);
    }
  });

  it('leaves components undamaged without shaking', () => {
    const model: LifelineDamageModel = { components: Int32Array.of(0, 1), zones: Int32Array.of(0, 0), fragility: [curves, curves] };
    expect([...sampleLifelineDamage(model, Float64Array.of(0), createRng(1, 0, 'x'))]).toEqual([0, 0]);
  });
});
