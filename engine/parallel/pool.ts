import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { RenxingError } from '../core/errors.js';
import { DIST_DIR } from '../core/paths.js';

/** The worker entry every thread loads (realizations, contingency sweeps, an API run's other stages); workers load JavaScript, so it comes from `dist/`. */
export const REALIZATION_WORKER = join(DIST_DIR, 'engine/parallel/realization.worker.js');
/** A worker that does nothing, run to make the pool start a thread in place of one that died. */
const NOOP_WORKER = join(DIST_DIR, 'engine/parallel/noop.worker.js');

export interface PoolOptions {
  /** Worker threads, 1 … 4 × the machine's cores. */
  workers: number;
  /** Worker entry file; defaults to the realization worker. */
  filename?: string;
  /** JavaScript heap of each thread (MiB); a task past it fails with ERR_WORKER_OUT_OF_MEMORY and its thread is replaced. Default: Node's. */
  heapMb?: number;
  /** Hears a thread's error that no task was waiting on (a thread that failed while idle); the pool goes on. */
  onError?: (error: unknown) => void;
}

/**
 * The one worker pool of a process: created at the edge (CLI command, API plugin) and closed
 * there. A missing worker file is an error, never a quiet serial run.
 *
 * A thread that dies (killed, out of memory, a native crash) fails the tasks it was running, and
 * the pool starts another for the tasks still queued: piscina only starts threads when a task is
 * submitted, so with every thread dead a queue would wait for good (issue 24, defect 2).
 */
export function createPool(options: PoolOptions): Piscina {
  const { workers } = options;
  const limit = 4 * availableParallelism();
  if (!Number.isInteger(workers) || workers < 1 || workers > limit) {
    throw new TypeError(`workers must be an integer from 1 to ${limit} (4 × cores), got ${String(workers)}`);
  }
  if (options.heapMb !== undefined && !(Number.isInteger(options.heapMb) && options.heapMb >= 16)) {
    throw new TypeError(`heapMb must be an integer of at least 16 (MiB), got ${String(options.heapMb)}`);
  }
  const filename = options.filename ?? REALIZATION_WORKER;
  for (const file of [filename, NOOP_WORKER]) {
    if (!existsSync(file)) throw new RenxingError('RX_ERR_WORKER', `worker file ${file} is missing: run \`npm run build\` (npm ci does it in prepare)`);
  }
  // Threads start with the first task, not with the pool: a pool closed while its threads are still
  // loading their modules has them terminated mid-import, which Node does not promise to survive
  // (worker.terminate() docs), and an API that only serves stored runs or 2D domains never needs them.
  const pool = new Piscina({
    filename, minThreads: 0, maxThreads: workers, idleTimeout: 60_000,
    ...(options.heapMb !== undefined ? { resourceLimits: { maxOldGenerationSizeMb: options.heapMb } } : {}),
  });
  pool.on('error', (error: unknown) => options.onError?.(error));
  // After the thread is gone from the pool's list (the event fires just before), a task submitted
  // with work still queued makes the pool start one: the queued tasks then run on it, in order.
  pool.on('workerDestroy', () => {
    setImmediate(() => {
      if (pool.queueSize > 0 && pool.threads.length < workers) pool.run(null, { filename: NOOP_WORKER }).catch(() => undefined);
    });
  });
  return pool;
}

/** What a failed pool task says to a user: a thread that died or ran out of memory is named as such. */
export function describeTaskFailure(cause: unknown, what: string, heapMb?: number): RenxingError {
  if (cause instanceof RenxingError) return cause;
  const error = cause as NodeJS.ErrnoException | undefined;
  if (error?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new RenxingError('RX_ERR_BUDGET', `${what} ran out of memory${heapMb ? ` (each worker thread may use ${heapMb} MiB of heap)` : ''}`, [], { cause });
  }
  const exited = /worker exited with code: (-?\d+)/.exec(error?.message ?? '');
  if (exited) return new RenxingError('RX_ERR_WORKER', `a worker thread died (exit code ${exited[1] ?? '?'}) while running ${what}`, [], { cause });
  return new RenxingError('RX_ERR_WORKER', `${what} failed: ${error?.message ?? String(cause)}`, [], { cause });
}
