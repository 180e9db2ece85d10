import { describe, expect, it } from 'vitest';
import { createRng, hashStream, xoshiro128ss } from '../../../engine/parallel/rng.js';

describe('xoshiro128**', () => {
  it('reproduces the reference sequence from state (1, 2, 3, 4)', () => {
    // Worked by hand from the reference C code (prng.di.unimi.it/xoshiro128starstar.c):
    // out = rotl(s1 * 5, 7) * 9, then the xor/shift update; s1 goes 2 → 0 → 1029 → 12295.
    const rng = xoshiro128ss(1, 2, 3, 4);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([11520, 0, 5927040, 70819200]);
  });

  it('refuses an all-zero state', () => {
    expect(() => xoshiro128ss(0, 0, 0, 0)).toThrow(RangeError);
  });
});

describe('createRng keyed by (seed, realization, stream)', () => {
  const take = (seed: number, r: number, stream: string, n = 8): number[] => {
    const rng = createRng(seed, r, stream);
    return Array.from({ length: n }, () => rng.nextUint32());
  };

  it('gives the same sequence for the same key, whenever it is created', () => {
    expect(take(7, 3, 'gmpe')).toEqual(take(7, 3, 'gmpe'));
  });

  it('gives unrelated sequences when any part of the key changes', () => {
    const base = take(7, 3, 'gmpe');
    for (const other of [take(8, 3, 'gmpe'), take(7, 4, 'gmpe'), take(7, 3, 'fragility')]) {
      const same = base.filter((x, i) => x === other[i]).length;
      expect(same).toBe(0);
    }
  });

  it('names streams by a stable hash (FNV-1a)', () => {
    // FNV-1a 32-bit of "a" is 0xe40c292c (published test vector).
    expect(hashStream('a')).toBe(0xe40c292c);
    expect(hashStream('')).toBe(0x811c9dc5);
  });

  it('draws uniforms on [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = createRng(1, 0, 'u');
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      sum += u;
      sumSq += u * u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    const mean = sum / n;
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    // 5 standard errors: sd of the mean is sqrt(1/12 / n) ≈ 0.00065.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sumSq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('draws standard normals: mean 0, variance 1, 2.5% beyond ±1.96 on each side', () => {
    const rng = createRng(2, 5, 'n');
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let upper = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
      if (z > 1.959964) upper++;
    }
    expect(Math.abs(sum / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(upper / n - 0.025)).toBeLessThan(5 * Math.sqrt((0.025 * 0.975) / n));
  });

  it('rejects keys that are not non-negative integers', () => {
    expect(() => createRng(-1, 0, 's')).toThrow(/seed/);
    expect(() => createRng(1.5, 0, 's')).toThrow(/seed/);
    expect(() => createRng(1, -2, 's')).toThrow(/realization/);
  });
});
