import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RenxingError } from '../../../engine/core/errors.js';
import { DIST_DIR } from '../../../engine/core/paths.js';
import { mergeChunks, runEnsemble, summarizeColumns, summarizeMetrics, type ChunkMetrics } from '../../../engine/parallel/ensemble.js';
import { createPool } from '../../../engine/parallel/pool.js';

const NOISE_WORKER = join(DIST_DIR, 'tests/fixtures/noise.worker.js');

describe('summarizeMetrics', () => {
  it('gives mean and type-7 percentiles, worked by hand for 1…20', () => {
    // idx = (n − 1)p: p05 → 0.95 → 1 + 0.95 = 1.95; p50 → 9.5 → 10.5; p95 → 18.05 → 19.05.
    const values = Float64Array.from({ length: 20 }, (_, i) => 20 - i);
    const stats = summarizeMetrics({ x: { width: 1, values } })['x'];
    expect(stats?.mean).toBeCloseTo(10.5, 12);
    expect(stats?.p05).toBeCloseTo(1.95, 12);
    expect(stats?.p50).toBeCloseTo(10.5, 12);
    expect(stats?.p95).toBeCloseTo(19.05, 12);
  });
});

describe('summarizeColumns', () => {
  it('gives statistics per column of a realization-major metric', () => {
    // Three realizations of a two-zone field: zone 0 takes 1, 2, 3; zone 1 takes 10, 30, 20.
    const stats = summarizeColumns({ width: 2, values: Float64Array.from([1, 10, 2, 30, 3, 20]) });
    expect(stats.map((s) => s.mean)).toEqual([2, 20]);
    expect(stats.map((s) => s.p50)).toEqual([2, 20]);
  });
});

describe('runEnsemble', () => {
  const pools = [createPool({ workers: 1, filename: NOISE_WORKER }), createPool({ workers: 2, filename: NOISE_WORKER })];
  afterAll(async () => { await Promise.all(pools.map((p) => p.destroy())); });

  it('gives identical realizations and statistics with 1 or 2 workers and any chunking', async () => {
    const input = { draws: 50 };
    const [one, two] = pools as [typeof pools[0], typeof pools[0]];
    const a = await runEnsemble(one, input, { realizations: 101, seed: 42 });
    const b = await runEnsemble(two, input, { realizations: 101, seed: 42 });
    const c = await runEnsemble(two, input, { realizations: 101, seed: 42, chunkSize: 7 });
    expect(Array.from(b['normal']?.values ?? [])).toEqual(Array.from(a['normal']?.values ?? []));
    expect(Array.from(c['normal']?.values ?? [])).toEqual(Array.from(a['normal']?.values ?? []));
    expect(summarizeMetrics(c)).toEqual(summarizeMetrics(a));
    // The draws are real: a sum of 50 standard normals has sd √50 ≈ 7.1, so 101 values spread widely.
    const stats = summarizeMetrics(a)['normal'];
    expect((stats?.p95 ?? 0) - (stats?.p05 ?? 0)).toBeGreaterThan(10);
  });

  it('changes every realization when the seed changes', async () => {
    const [one] = pools as [typeof pools[0]];
    const a = await runEnsemble(one, { draws: 1 }, { realizations: 20, seed: 1 });
    const b = await runEnsemble(one, { draws: 1 }, { realizations: 20, seed: 2 });
    const same = Array.from(a['uniform']?.values ?? []).filter((x, i) => x === b['uniform']?.values[i]).length;
    expect(same).toBe(0);
  });

  it('reports progress up to the total', async () => {
    const seen: number[] = [];
    const [, two] = pools as [typeof pools[0], typeof pools[0]];
    await runEnsemble(two, { draws: 1 }, { realizations: 10, seed: 1, chunkSize: 3, onProgress: (done) => seen.push(done) });
    // Four tasks (3 + 3 + 3 + 1), reported cumulatively in completion order.
    expect(seen).toHaveLength(4);
    expect(seen.every((x, i) => i === 0 || x > (seen[i - 1] as number))).toBe(true);
    expect(seen[3]).toBe(10);
  });

  it('turns a failing realization into RX_ERR_WORKER naming the cause', async () => {
    const [, two] = pools as [typeof pools[0], typeof pools[0]];
    const run = runEnsemble(two, { draws: 1, failAt: 5 }, { realizations: 10, seed: 1 });
    await expect(run).rejects.toBeInstanceOf(RenxingError);
    await expect(run).rejects.toMatchObject({ code: 'RX_ERR_WORKER', message: expect.stringMatching(/realization 5 failed on purpose/) as unknown });
  });
});

describe('mergeChunks', () => {
  // Realization r writes x = r and, from realization 2 on only, y = 10 r: the merge must place rows
  // by index and name metrics in chunk order, whatever order the chunks finish in.
  const chunk = (from: number, count: number): ChunkMetrics => {
    const x = Float64Array.from({ length: count }, (_, k) => from + k);
    return from >= 2 ? { y: x.map((v) => 10 * v), x } : { x };
  };
  it('places every chunk by realization index and names metrics in chunk order, for any completion order and chunk size', async () => {
    const delays = [30, 0, 15, 5, 0];
    const reversed = await mergeChunks(async (from, count) => {
      await new Promise((r) => setTimeout(r, delays[from] ?? 0));
      return chunk(from, count);
    }, { realizations: 5, seed: 1, chunkSize: 1 });
    const inOrder = await mergeChunks(async (from, count) => chunk(from, count), { realizations: 5, seed: 1, chunkSize: 2 });
    for (const merged of [reversed, inOrder]) {
      expect(Object.keys(merged)).toEqual(['x', 'y']);
      expect(Array.from(merged['x']?.values ?? [])).toEqual([0, 1, 2, 3, 4]);
      expect(Array.from(merged['y']?.values ?? [])).toEqual([0, 0, 20, 30, 40]);
    }
  });
});

describe('createPool', () => {
  it('refuses worker counts that are not positive integers', () => {
    expect(() => createPool({ workers: 0 })).toThrow(TypeError);
    expect(() => createPool({ workers: 1.5 })).toThrow(/workers must be an integer/);
  });

  it('refuses a missing worker file instead of running serially', () => {
    expect(() => createPool({ workers: 1, filename: join(DIST_DIR, 'no-such.worker.js') })).toThrow(/missing/);
  });
});
