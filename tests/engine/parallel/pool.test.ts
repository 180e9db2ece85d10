// Issue 24, defect 2: a pool that survives its threads. Threads are killed from outside
// (worker.terminate(), as a crash or `kill` of a thread would end them) while tasks hold them.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST_DIR } from '../../../engine/core/paths.js';
import { runEnsemble } from '../../../engine/parallel/ensemble.js';
import { createPool } from '../../../engine/parallel/pool.js';
import type { HoldInput } from '../../fixtures/hold.worker.js';

const HOLD_WORKER = join(DIST_DIR, 'tests/fixtures/hold.worker.js');

const shared = (value = 0): SharedArrayBuffer => {
  const buffer = new SharedArrayBuffer(4);
  new Int32Array(buffer)[0] = value;
  return buffer;
};

/** Resolves once `n` tasks have started on `counter`. */
async function started(counter: SharedArrayBuffer, n: number): Promise<void> {
  const view = new Int32Array(counter);
  for (let seen = Atomics.load(view, 0); seen < n; seen = Atomics.load(view, 0)) await Atomics.waitAsync(view, 0, seen, 1000).value;
}

/** Rejects when `promise` has not settled within `ms`: what hung for good before the fix fails the test instead. */
const within = <T>(promise: Promise<T>, ms: number): Promise<T> => Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms).unref())]);

describe('a pool whose threads die', () => {
  it('fails the run at once when one of its threads dies, and runs the next', async () => {
    const pool = createPool({ workers: 2, filename: HOLD_WORKER });
    try {
      const input: HoldInput = { started: shared(), release: shared() };
      const run = runEnsemble(pool, input, { realizations: 8, seed: 1, chunkSize: 1 });
      run.catch(() => undefined); // it rejects while the test still awaits the kill
      await started(input.started, 2);
      await pool.threads[0]?.terminate();
      // Before: the other thread went on through the queue, here for good (its tasks wait to be released).
      await expect(within(run, 20_000)).rejects.toMatchObject({ code: 'RX_ERR_WORKER', message: expect.stringMatching(/^a worker thread died \(exit code 1\) while running realization \d$/) as unknown });
      const next = await within(runEnsemble(pool, { started: shared(), release: shared(1) }, { realizations: 4, seed: 1, chunkSize: 1 }), 20_000);
      expect(Array.from(next['value']?.values ?? [])).toEqual([0, 1, 2, 3]);
    } finally {
      await pool.destroy();
    }
  });

  it('fails the run when every thread dies, and runs the next on new threads', async () => {
    const pool = createPool({ workers: 2, filename: HOLD_WORKER });
    try {
      const input: HoldInput = { started: shared(), release: shared() };
      const run = runEnsemble(pool, input, { realizations: 8, seed: 1, chunkSize: 1 });
      run.catch(() => undefined); // it rejects while the test still awaits the kill
      await started(input.started, 2);
      await Promise.all(pool.threads.map((t) => t.terminate()));
      await expect(within(run, 20_000)).rejects.toMatchObject({ code: 'RX_ERR_WORKER' });
      const next = await within(runEnsemble(pool, { started: shared(), release: shared(1) }, { realizations: 3, seed: 1 }), 20_000);
      expect(Array.from(next['value']?.values ?? [])).toEqual([0, 1, 2]);
    } finally {
      await pool.destroy();
    }
  });

  it('starts new threads for the tasks still queued when every thread dies', async () => {
    const pool = createPool({ workers: 2, filename: HOLD_WORKER });
    try {
      const holding: HoldInput = { started: shared(), release: shared() };
      const chunk = (input: HoldInput, from: number) => ({ input, seed: 1, from, count: 1 });
      const held = [0, 1].map((k) => pool.run(chunk(holding, k)) as Promise<unknown>);
      for (const p of held) p.catch(() => undefined);
      await started(holding.started, 2);
      const queued = [2, 3].map((k) => pool.run(chunk({ started: shared(), release: shared(1) }, k)) as Promise<{ value: Float64Array }>);
      await Promise.all(pool.threads.map((t) => t.terminate()));
      await expect(held[0]).rejects.toThrow(/worker exited/);
      // Before: no thread was ever started again, and these waited for good.
      const done = await within(Promise.all(queued), 20_000);
      expect(done.map((r) => r.value[0])).toEqual([2, 3]);
    } finally {
      await pool.destroy();
    }
  });
});

describe('a run over its budget', () => {
  it('fails with RX_ERR_BUDGET when a realization outgrows the heap of its thread, and the pool goes on', async () => {
    const pool = createPool({ workers: 1, filename: HOLD_WORKER, heapMb: 32 });
    try {
      const run = runEnsemble(pool, { started: shared(), release: shared(1), hog: true }, { realizations: 2, seed: 1, heapMb: 32 });
      await expect(within(run, 60_000)).rejects.toMatchObject({ code: 'RX_ERR_BUDGET', message: 'realization 0 ran out of memory (each worker thread may use 32 MiB of heap)' });
      const next = await within(runEnsemble(pool, { started: shared(), release: shared(1) }, { realizations: 2, seed: 1 }), 20_000);
      expect(Array.from(next['value']?.values ?? [])).toEqual([0, 1]);
    } finally {
      await pool.destroy();
    }
  });

  it('fails with the reason of an abort from outside, such as a time budget', async () => {
    const pool = createPool({ workers: 1, filename: HOLD_WORKER });
    try {
      const input: HoldInput = { started: shared(), release: shared() };
      const budget = new AbortController();
      const run = runEnsemble(pool, input, { realizations: 4, seed: 1, chunkSize: 1, signal: budget.signal });
      run.catch(() => undefined);
      await started(input.started, 1);
      const { RenxingError } = await import('../../../engine/core/errors.js');
      budget.abort(new RenxingError('RX_ERR_BUDGET', 'the run took longer than its budget of 1 s'));
      await expect(within(run, 20_000)).rejects.toMatchObject({ code: 'RX_ERR_BUDGET', message: 'the run took longer than its budget of 1 s' });
    } finally {
      await pool.destroy();
    }
  });
});
