import { availableParallelism } from 'node:os';

/** One thread a core, and never more threads than tasks. */
export function defaultWorkers(tasks = Infinity): number {
  return Math.max(1, Math.min(availableParallelism(), tasks));
}
