import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { RenxingError } from '../core/errors.js';
import { DIST_DIR } from '../core/paths.js';

/** The compiled worker that runs realizations; workers load JavaScript, so it comes from `dist/`. */
export const REALIZATION_WORKER = join(DIST_DIR, 'engine/parallel/realization.worker.js');

export interface PoolOptions {
  /** Worker threads, 1 … 4 × the machine's cores. */
  workers: number;
  /** Worker entry file; defaults to the realization worker. */
  filename?: string;
}

export function defaultWorkers(tasks = Infinity): number {
  return Math.max(1, Math.min(availableParallelism(), tasks));
}

/**
 * The one worker pool of a process: created at the edge (CLI command, API plugin) and closed
 * there. A missing worker file is an error, never a quiet serial run.
 */
export function createPool(options: PoolOptions): Piscina {
  const { workers } = options;
  const limit = 4 * availableParallelism();
  if (!Number.isInteger(workers) || workers < 1 || workers > limit) {
    throw new TypeError(`workers must be an integer from 1 to ${limit} (4 × cores), got ${String(workers)}`);
  }
  const filename = options.filename ?? REALIZATION_WORKER;
  if (!existsSync(filename)) {
    throw new RenxingError('RX_ERR_WORKER', `worker file ${filename} is missing: run \`npm run build\` (npm ci does it in prepare)`);
  }
  // Threads start with the first task, not with the pool: a pool closed while its threads are still
  // loading their modules has them terminated mid-import, which Node does not promise to survive
  // (worker.terminate() docs), and an API that only serves stored runs or 2D domains never needs them.
  return new Piscina({ filename, minThreads: 0, maxThreads: workers, idleTimeout: 60_000 });
}
